import { defineRule, hpaTargets, isJsonObject } from '@kubecomply/core';
import { REPLICATED_KINDS } from '../checks/container.js';

export default defineRule({
  id: 'replicas-set-with-hpa',
  description: 'Workloads that a HorizontalPodAutoscaler scales leave spec.replicas out.',
  severity: 'info',
  appliesTo: REPLICATED_KINDS,
  uses: ['HorizontalPodAutoscaler'],
  remediation: 'Remove spec.replicas from the manifest and let the HorizontalPodAutoscaler own the replica count.',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (!isJsonObject(spec) || typeof spec['replicas'] !== 'number') return;
    const hpa = ctx.lookup('HorizontalPodAutoscaler').find((h) => hpaTargets(h, resource));
    if (!hpa) return;
    ctx.report({
      path: ['spec', 'replicas'],
      message: `spec.replicas is ${spec['replicas']} while HorizontalPodAutoscaler "${hpa.name}" scales this ${resource.kind}; every apply resets the count the autoscaler chose, until it scales again.`,
      related: [{ resource: hpa, path: ['spec', 'scaleTargetRef'], message: 'the autoscaler that owns the replica count' }],
    });
  },
});
