import { containerDefaults, containerLabel, defineRule, isJsonObject, setsQuantity, type ComputeResource } from '@kubecomply/core';

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
    // A LimitRange of the namespace fills in missing requests at admission.
    const defaulted = containerDefaults(ctx.lookup('LimitRange'), resource.namespace).requests;
    const podLevel = (key: ComputeResource) =>
      isJsonObject(podResources) && (setsQuantity(podResources['requests'], key) || setsQuantity(podResources['limits'], key));
    for (const container of ctx.containers(resource)) {
      if (container.kind === 'ephemeralContainer') continue;
      const resources: unknown = container.value.resources;
      const requests = isJsonObject(resources) ? resources['requests'] : undefined;
      const limits = isJsonObject(resources) ? resources['limits'] : undefined;
      const missing = (['cpu', 'memory'] as const).filter(
        (key) => !setsQuantity(requests, key) && !setsQuantity(limits, key) && !defaulted.has(key) && !podLevel(key),
      );
      if (missing.length === 0) continue;
      ctx.report({
        path: missing.length === 2 ? [...container.path, 'resources', 'requests'] : [...container.path, 'resources', 'requests', missing[0] as ComputeResource],
        message: `${containerLabel(container)} requests no ${missing.join(' and no ')}, so the scheduler may place it on a node without room for it and it is among the first evicted under pressure.`,
      });
    }
  },
});
