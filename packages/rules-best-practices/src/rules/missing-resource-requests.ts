import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

type Resource = 'cpu' | 'memory';

function has(map: unknown, key: Resource): boolean {
  if (!isJsonObject(map)) return false;
  const value = map[key];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

export default defineRule({
  id: 'missing-resource-requests',
  description: 'Containers request the CPU and memory they need, so the scheduler places them on a node that has it.',
  severity: 'info',
  appliesTo: 'workloads',
  uses: ['LimitRange'],
  remediation:
    'Set resources.requests.cpu and resources.requests.memory on every container (a limit alone also counts: the API server copies it into the request).',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const podResources: unknown = (pod.value as unknown as Record<string, unknown>)['resources'];
    // A LimitRange of the namespace fills in defaultRequest (or default) at admission.
    const defaulted = new Set<Resource>();
    for (const range of ctx.lookup('LimitRange')) {
      if ((range.namespace ?? '') !== (resource.namespace ?? '')) continue;
      const spec = range.object['spec'];
      const items = isJsonObject(spec) && Array.isArray(spec['limits']) ? spec['limits'] : [];
      for (const item of items) {
        if (!isJsonObject(item) || item['type'] !== 'Container') continue;
        for (const key of ['cpu', 'memory'] as const) {
          if (has(item['defaultRequest'], key) || has(item['default'], key) || has(item['max'], key)) defaulted.add(key);
        }
      }
    }
    const podLevel = (key: Resource) => isJsonObject(podResources) && (has(podResources['requests'], key) || has(podResources['limits'], key));
    for (const container of ctx.containers(resource)) {
      if (container.kind === 'ephemeralContainer') continue;
      const resources: unknown = container.value.resources;
      const requests = isJsonObject(resources) ? resources['requests'] : undefined;
      const limits = isJsonObject(resources) ? resources['limits'] : undefined;
      const missing = (['cpu', 'memory'] as const).filter((key) => !has(requests, key) && !has(limits, key) && !defaulted.has(key) && !podLevel(key));
      if (missing.length === 0) continue;
      ctx.report({
        path: missing.length === 2 ? [...container.path, 'resources', 'requests'] : [...container.path, 'resources', 'requests', missing[0] as Resource],
        message: `${containerLabel(container)} requests no ${missing.join(' and no ')}, so the scheduler may place it on a node without room for it and it is among the first evicted under pressure.`,
      });
    }
  },
});
