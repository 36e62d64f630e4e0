import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: 'privileged-container',
  description: 'Containers do not run in privileged mode.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation: 'Remove securityContext.privileged from the container or set it to false; grant only the specific capabilities it needs.',
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (c.value.securityContext?.privileged === true) {
        ctx.report({
          path: [...c.path, 'securityContext', 'privileged'],
          message: `Container "${c.value.name}" runs privileged, with every capability and access to all host devices.`,
        });
      }
    }
  },
});
