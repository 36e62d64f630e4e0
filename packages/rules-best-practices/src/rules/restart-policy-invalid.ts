import { defineRule } from '@kubecomply/core';

/** The restart policies the API server accepts in each kind's pod template (a bare Pod accepts all three). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  ReplicationController: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

export default defineRule({
  id: 'restart-policy-invalid',
  description: "A pod template's restartPolicy is one its controller accepts.",
  severity: 'error',
  appliesTo: Object.keys(ALLOWED),
  remediation:
    'Use restartPolicy Always (or leave it out) in Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers; OnFailure or Never in Jobs and CronJobs.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const allowed = ALLOWED[resource.kind];
    if (!pod || !allowed) return;
    const policy = pod.value.restartPolicy;
    if (policy === undefined) {
      // Jobs have no default: the API server requires OnFailure or Never.
      if (resource.kind === 'Job' || resource.kind === 'CronJob') {
        ctx.report({
          path: [...pod.path, 'restartPolicy'],
          message: `A ${resource.kind}'s pod template must set restartPolicy to OnFailure or Never; without it the API server rejects the ${resource.kind}.`,
        });
      }
      return;
    }
    if (allowed.includes(String(policy))) return;
    ctx.report({
      path: [...pod.path, 'restartPolicy'],
      message: `restartPolicy ${String(policy)} is not accepted in a ${resource.kind}'s pod template (only ${allowed.join(' or ')}); the API server rejects the ${resource.kind}.`,
    });
  },
});
