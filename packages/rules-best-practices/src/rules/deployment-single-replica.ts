import { defineRule } from '@kubecomply/core';
import { replicaCount } from '../checks/scaling.js';

export default defineRule({
  id: 'deployment-single-replica',
  description: 'Deployments run at least two replicas, so losing one pod is not an outage.',
  severity: 'info',
  appliesTo: ['Deployment'],
  uses: ['HorizontalPodAutoscaler'],
  remediation: 'Set spec.replicas to 2 or more (or let a HorizontalPodAutoscaler with minReplicas of 2 or more manage it).',
  check(resource, ctx) {
    const count = replicaCount(resource, ctx.lookup('HorizontalPodAutoscaler'));
    // 0 is a workload scaled down on purpose; an HPA's minimum is hpa-min-replicas-below-two's.
    if (!count || count.hpa || count.min !== 1) return;
    ctx.report({
      path: ['spec', 'replicas'],
      message: count.written
        ? 'The Deployment runs one replica, so a node drain, a rollout or a crash takes it down entirely.'
        : 'The Deployment sets no replicas and so runs one, so a node drain, a rollout or a crash takes it down entirely.',
    });
  },
});
