import { defineRule, type Resource, type RuleContext, isJsonObject, containerLabel } from '@kubecomply/core';

type Limited = 'cpu' | 'memory';

function hasLimit(limits: unknown, key: Limited): boolean {
  if (!isJsonObject(limits)) return false;
  const value = limits[key];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/**
 * The container limits a LimitRange of the workload's namespace fills in at
 * admission: its `default`, and its `max` where no default is given (the
 * API server defaults one to the other).
 */
function namespaceDefaults(resource: Resource, ctx: RuleContext): Set<Limited> {
  const out = new Set<Limited>();
  for (const range of ctx.lookup('LimitRange')) {
    if (range.group !== '' || (range.namespace ?? '') !== (resource.namespace ?? '')) continue;
    const spec = range.object['spec'];
    const items: unknown = isJsonObject(spec) ? spec['limits'] : undefined;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isJsonObject(item) || item['type'] !== 'Container') continue;
      for (const key of ['cpu', 'memory'] as const) {
        if (hasLimit(item['default'], key) || hasLimit(item['max'], key)) out.add(key);
      }
    }
  }
  return out;
}

export default defineRule({
  id: 'missing-resource-limits',
  description: 'Containers set CPU and memory limits, so one workload cannot starve its node.',
  severity: 'warning',
  appliesTo: 'workloads',
  uses: ['LimitRange'],
  remediation:
    'Set resources.limits.memory (and resources.limits.cpu where CPU throttling is acceptable) on every container, or give the namespace a LimitRange with default limits.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const podResources: unknown = (pod.value as unknown as Record<string, unknown>)['resources'];
    const podLimits = isJsonObject(podResources) ? podResources['limits'] : undefined;
    const defaults = namespaceDefaults(resource, ctx);
    const covered = (key: Limited) => hasLimit(podLimits, key) || defaults.has(key);
    for (const container of ctx.containers(resource)) {
      // Ephemeral containers may not set resources.
      if (container.kind === 'ephemeralContainer') continue;
      const resources: unknown = container.value.resources;
      const limits = isJsonObject(resources) ? resources['limits'] : undefined;
      const missing = (['cpu', 'memory'] as const).filter((key) => !hasLimit(limits, key) && !covered(key));
      if (missing.length === 0) continue;
      const base = [...container.path, 'resources', 'limits'];
      const what = missing.length === 2 ? 'neither a CPU nor a memory limit' : missing[0] === 'cpu' ? 'no CPU limit' : 'no memory limit';
      ctx.report({
        path: missing.length === 2 ? base : [...base, missing[0] as Limited],
        message: `${containerLabel(container)} sets ${what}, so it may take all of its node's ${missing.length === 2 ? 'CPU and memory' : missing[0] === 'cpu' ? 'CPU' : 'memory'}.`,
        // Memory cannot be reclaimed from a process without killing it; an unbounded CPU share only slows neighbours down.
        severity: missing.includes('memory') ? 'warning' : 'info',
      });
    }
  },
});
