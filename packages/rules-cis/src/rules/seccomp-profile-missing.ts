import { atLeast, defineRule } from '@kubecomply/core';
import { windowsExempt } from '../checks/pod-exemptions.js';
import { containerFields, isUnset, podField } from '../checks/security-context-fields.js';

export default defineRule({
  id: 'seccomp-profile-missing',
  description: 'A seccomp profile is set for the pod or for every container.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile) for the whole pod, or set it on every container.',
  check(resource, ctx) {
    // The field-based restricted check exists from policy 1.19.
    if (!atLeast(ctx.settings.kubeVersion, 1, 19) || windowsExempt(resource, ctx)) return;
    const pod = podField(resource, ctx, 'seccompProfile');
    // A pod-level profile covers every container that sets none; if its type
    // is not allowed, seccomp-unconfined reports it.
    if (!pod || !isUnset(pod.value)) return;
    for (const field of containerFields(resource, ctx, 'seccompProfile')) {
      if (!isUnset(field.value)) continue;
      ctx.report({
        path: [...field.path, 'type'],
        message: `${field.subject} has no seccomp profile, and neither has the pod; unless the node's kubelet turns on seccompDefault, it runs unconfined.`,
      });
    }
  },
});
