import { defineRule, isJsonObject } from '@kubecomply/core';
import { containerSecurityContexts } from '../checks/security-context.js';

/**
 * The capabilities container runtimes grant by default; the baseline lets a
 * container add these back after a drop, and nothing else. Names are
 * compared exactly, as pod-security-admission does: `net_admin` or
 * `CAP_CHOWN` are not in the list.
 */
const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export default defineRule({
  id: 'capabilities-added-beyond-baseline',
  description: 'Containers add no Linux capability outside the default runtime set.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove the capability from securityContext.capabilities.add; if the container truly needs it, run it in a namespace with its own, reviewed exemption. Capability names are upper case without the CAP_ prefix.',
  check(resource, ctx) {
    for (const sc of containerSecurityContexts(resource, ctx)) {
      const capabilities = sc.value['capabilities'];
      if (!isJsonObject(capabilities)) continue;
      const add = capabilities['add'];
      if (!Array.isArray(add)) continue;
      add.forEach((item: unknown, index) => {
        if (typeof item === 'string' && BASELINE_CAPABILITIES.has(item)) return;
        const name = typeof item === 'string' ? item : JSON.stringify(item);
        ctx.report({
          path: [...sc.path, 'capabilities', 'add', index],
          message: `${sc.subject} adds capability "${name}", which is not in the baseline's default set.`,
        });
      });
    }
  },
});
