import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'pdb-unhealthy-pod-eviction-policy-unset',
  description: 'PodDisruptionBudgets say how pods that are running but not ready may be evicted (unhealthyPodEvictionPolicy).',
  severity: 'info',
  appliesTo: ['PodDisruptionBudget'],
  remediation:
    'Set spec.unhealthyPodEvictionPolicy: AlwaysAllow, so a node drain can evict pods that are crash-looping or not ready; keep IfHealthyBudget only where such pods must stay.',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (isJsonObject(spec) && typeof spec['unhealthyPodEvictionPolicy'] === 'string') return;
    ctx.report({
      path: ['spec', 'unhealthyPodEvictionPolicy'],
      message:
        'unhealthyPodEvictionPolicy is not set, so the default IfHealthyBudget applies: pods that never become ready count against the budget and can block a node drain.',
    });
  },
});
