import { defineRule, hpaBounds } from '@kubecomply/core';

export default defineRule({
  id: 'hpa-min-replicas-below-two',
  description: 'HorizontalPodAutoscalers keep at least two replicas.',
  severity: 'info',
  appliesTo: ['HorizontalPodAutoscaler'],
  remediation: 'Set spec.minReplicas to 2 or more, so a node drain or a crashing pod does not take the whole workload down.',
  check(resource, ctx) {
    const bounds = hpaBounds(resource);
    if (bounds.min >= 2) return;
    ctx.report({
      path: ['spec', 'minReplicas'],
      message: bounds.minWritten
        ? `minReplicas is ${bounds.min}, so at low load one pod serves everything and its loss is an outage.`
        : 'minReplicas is not set and defaults to 1, so at low load one pod serves everything and its loss is an outage.',
    });
  },
});
