import { atLeast, defineRule, stringField } from '@kubecomply/core';
import { containerSecurityContexts } from '../checks/security-context.js';

export default defineRule({
  id: 'proc-mount-unmasked-in-user-namespace',
  description: 'Containers keep the default /proc masks even in a pod with its own user namespace.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove securityContext.procMount or set it to Default. A workload that needs an unmasked /proc, such as a nested container build, belongs in a namespace enforcing baseline rather than restricted.',
  check(resource, ctx) {
    // Outside a user namespace, and before policy 1.35 everywhere, the
    // baseline check (proc-mount-unmasked) already refuses any other value;
    // from 1.35 the baseline accepts it in a user namespace and only the
    // restricted profile still refuses it.
    if (!atLeast(ctx.settings.kubeVersion, 1, 35) || ctx.podSpec(resource)?.value.hostUsers !== false) return;
    for (const sc of containerSecurityContexts(resource, ctx)) {
      const procMount = sc.value['procMount'];
      if (procMount === undefined || procMount === null || procMount === 'Default') continue;
      ctx.report({
        path: [...sc.path, 'procMount'],
        message: `${sc.subject} sets procMount to "${stringField(procMount)}"; the pod's own user namespace (hostUsers: false) satisfies the baseline, but the restricted profile keeps /proc masked even there.`,
      });
    }
  },
});
