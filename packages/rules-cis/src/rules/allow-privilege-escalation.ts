import { atLeast, defineRule } from '@kubecomply/core';
import { windowsExempt } from '../checks/pod-exemptions.js';
import { containerFields } from '../checks/security-context-fields.js';

export default defineRule({
  id: 'allow-privilege-escalation',
  description: 'Every container sets securityContext.allowPrivilegeEscalation to false.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container; leaving it out allows escalation.',
  check(resource, ctx) {
    if (!atLeast(ctx.settings.kubeVersion, 1, 8) || windowsExempt(resource, ctx)) return;
    for (const field of containerFields(resource, ctx, 'allowPrivilegeEscalation')) {
      if (field.value === false) continue;
      ctx.report({
        path: field.path,
        message:
          field.value === true
            ? `${field.subject} sets allowPrivilegeEscalation: true, so a setuid binary or file capability can give its processes more privileges than their parent.`
            : `${field.subject} does not set allowPrivilegeEscalation: false; left unset, a setuid binary or file capability can give its processes more privileges than their parent.`,
      });
    }
  },
});
