import { atLeast, defineRule, isJsonObject } from '@kubecomply/core';
import { windowsExempt } from '../checks/pod-exemptions.js';
import { containerFields } from '../checks/security-context-fields.js';

/** The only capability the restricted profile lets a container add back after dropping ALL. */
const ALLOWED = 'NET_BIND_SERVICE';

export default defineRule({
  id: 'capabilities-added-beyond-restricted',
  description: 'Containers add back no capability other than NET_BIND_SERVICE.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove every capability other than NET_BIND_SERVICE from securityContext.capabilities.add; to bind a low port without it, listen on a port above 1024 and map it in the Service.',
  check(resource, ctx) {
    if (!atLeast(ctx.settings.kubeVersion, 1, 22) || windowsExempt(resource, ctx)) return;
    for (const field of containerFields(resource, ctx, 'capabilities')) {
      const add = isJsonObject(field.value) ? field.value['add'] : undefined;
      if (!Array.isArray(add)) continue;
      add.forEach((item: unknown, index) => {
        // Compared exactly, as the admission check does: "net_bind_service" is refused.
        if (item === ALLOWED) return;
        const name = typeof item === 'string' ? item : JSON.stringify(item);
        ctx.report({
          path: [...field.path, 'add', index],
          message: `${field.subject} adds capability "${name}"; the restricted profile allows only ${ALLOWED}.`,
        });
      });
    }
  },
});
