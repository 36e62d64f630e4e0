import { atLeast, defineRule, stringField } from '@kubecomply/core';
import { containerSecurityContexts } from '../checks/security-context.js';

export default defineRule({
  id: 'proc-mount-unmasked',
  description: 'Containers keep the default masking of /proc.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove securityContext.procMount or set it to Default. From policy 1.35 the baseline accepts another value only in a pod that runs in its own user namespace (spec.hostUsers: false).',
  check(resource, ctx) {
    // From policy 1.35 an unmasked /proc is accepted in a user-namespaced pod,
    // where it exposes nothing of the node's root user.
    if (atLeast(ctx.settings.kubeVersion, 1, 35) && ctx.podSpec(resource)?.value.hostUsers === false) return;
    for (const sc of containerSecurityContexts(resource, ctx)) {
      const procMount = sc.value['procMount'];
      if (procMount === undefined || procMount === null || procMount === 'Default') continue;
      ctx.report({
        path: [...sc.path, 'procMount'],
        message: `${sc.subject} sets procMount to "${stringField(procMount)}", which drops the masks and read-only mounts that hide kernel interfaces under /proc.`,
      });
    }
  },
});
