import { containerDefaults, containerLabel, defineRule, isJsonObject, setsQuantity, type ComputeResource } from '@kubecomply/core';

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
    // A LimitRange of the namespace fills in missing limits at admission.
    const defaults = containerDefaults(ctx.lookup('LimitRange'), resource.namespace).limits;
    const covered = (key: ComputeResource) => setsQuantity(podLimits, key) || defaults.has(key);
    for (const container of ctx.containers(resource)) {
      // Ephemeral containers may not set resources.
      if (container.kind === 'ephemeralContainer') continue;
      const resources: unknown = container.value.resources;
      const limits = isJsonObject(resources) ? resources['limits'] : undefined;
      const missing = (['cpu', 'memory'] as const).filter((key) => !setsQuantity(limits, key) && !covered(key));
      if (missing.length === 0) continue;
      const base = [...container.path, 'resources', 'limits'];
      const what = missing.length === 2 ? 'neither a CPU nor a memory limit' : missing[0] === 'cpu' ? 'no CPU limit' : 'no memory limit';
      ctx.report({
        path: missing.length === 2 ? base : [...base, missing[0] as ComputeResource],
        message: `${containerLabel(container)} sets ${what}, so it may take all of its node's ${missing.length === 2 ? 'CPU and memory' : missing[0] === 'cpu' ? 'CPU' : 'memory'}.`,
        // Memory cannot be reclaimed from a process without killing it; an unbounded CPU share only slows neighbours down.
        severity: missing.includes('memory') ? 'warning' : 'info',
      });
    }
  },
});
