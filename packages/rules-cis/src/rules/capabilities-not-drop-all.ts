import { atLeast, defineRule, isJsonObject } from '@kubecomply/core';
import { windowsExempt } from '../checks/pod-exemptions.js';
import { containerFields } from '../checks/security-context-fields.js';

export default defineRule({
  id: 'capabilities-not-drop-all',
  description: 'Every container drops ALL Linux capabilities.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Add securityContext.capabilities.drop: ["ALL"] to every container, init container and ephemeral container, and add back only NET_BIND_SERVICE if the container binds a port below 1024.',
  check(resource, ctx) {
    // pod-security-admission checks capabilities at restricted from policy 1.22.
    if (!atLeast(ctx.settings.kubeVersion, 1, 22) || windowsExempt(resource, ctx)) return;
    for (const field of containerFields(resource, ctx, 'capabilities')) {
      const drop = isJsonObject(field.value) ? field.value['drop'] : undefined;
      // Exactly "ALL", as the admission check compares it: "all" does not count.
      if (Array.isArray(drop) && drop.includes('ALL')) continue;
      ctx.report({
        path: [...field.path, 'drop'],
        message: Array.isArray(drop)
          ? `${field.subject} drops some capabilities but not ALL, so it keeps the rest of the runtime's default set.`
          : `${field.subject} does not drop ALL capabilities, so it keeps the runtime's default set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID and others).`,
      });
    }
  },
});
