import { defineRule, hpaBounds } from '@kubecomply/core';

export default defineRule({
  id: 'hpa-max-not-above-min',
  description: 'HorizontalPodAutoscalers can scale: maxReplicas is above minReplicas.',
  severity: 'warning',
  appliesTo: ['HorizontalPodAutoscaler'],
  remediation: 'Raise spec.maxReplicas above spec.minReplicas, or replace the autoscaler with a fixed replica count.',
  check(resource, ctx) {
    const bounds = hpaBounds(resource);
    if (bounds.max === undefined || bounds.max > bounds.min) return;
    ctx.report({
      path: ['spec', 'maxReplicas'],
      message: `maxReplicas (${bounds.max}) is not above minReplicas (${bounds.min}), so the autoscaler can never add a replica under load.`,
    });
  },
});
