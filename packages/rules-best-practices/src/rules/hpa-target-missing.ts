import { defineRule, sameNamespace, scaleTargetOf } from '@kubecomply/core';

export default defineRule({
  id: 'hpa-target-missing',
  description: 'The object a HorizontalPodAutoscaler scales is in the input.',
  severity: 'warning',
  remediation: 'Make spec.scaleTargetRef name the kind and name of the workload to scale, or remove the autoscaler.',
  scope: 'set',
  kinds: ['HorizontalPodAutoscaler'],
  check(set, ctx) {
    for (const hpa of set.ofKind('HorizontalPodAutoscaler')) {
      const target = scaleTargetOf(hpa);
      if (!target) continue;
      // Only when the input holds objects of that kind in the namespace: an autoscaler shipped alone scales a workload deployed elsewhere.
      const candidates = set.all.filter((s) => s.kind === target.kind && (s.namespace ?? '') === (hpa.namespace ?? ''));
      if (candidates.length === 0) continue;
      if (set.all.some((s) => s.kind === target.kind && s.name === target.name && sameNamespace(s.namespace, hpa.namespace))) continue;
      ctx.report({
        resource: hpa,
        path: [...target.path, 'name'],
        message: `The autoscaler scales ${target.kind} "${target.name}", which the input does not have in this namespace (it has ${candidates
          .map((c) => `"${c.name}"`)
          .slice(0, 3)
          .join(', ')}${candidates.length > 3 ? ', ...' : ''}), so it scales nothing.`,
        related: [{ resource: candidates[0] as (typeof candidates)[number], path: ['metadata', 'name'], message: `a ${target.kind} of the namespace` }],
      });
    }
  },
});
