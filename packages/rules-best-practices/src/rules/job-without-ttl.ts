import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'job-without-ttl',
  description: 'Standalone Jobs set ttlSecondsAfterFinished, so finished Jobs and their pods are cleaned up.',
  severity: 'info',
  appliesTo: ['Job'],
  remediation: 'Set spec.ttlSecondsAfterFinished (for example 86400) so the Job and its pods are deleted a while after they finish.',
  check(resource, ctx) {
    // A Job a CronJob creates is cleaned up by the CronJob's history limits.
    const owners = resource.object.metadata?.ownerReferences;
    if (Array.isArray(owners) && owners.length > 0) return;
    const spec = resource.object['spec'];
    if (isJsonObject(spec) && typeof spec['ttlSecondsAfterFinished'] === 'number') return;
    ctx.report({
      path: ['spec', 'ttlSecondsAfterFinished'],
      message: 'The Job sets no ttlSecondsAfterFinished, so it and its finished pods stay in the cluster until someone deletes them.',
    });
  },
});
