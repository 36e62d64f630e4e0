import { defineRule } from '@kubecomply/core';
import { userNamespaceRelaxed } from '../checks/pod-exemptions.js';
import { containerFields, podField } from '../checks/security-context-fields.js';

export default defineRule({
  id: 'run-as-non-root-missing',
  description: 'runAsNonRoot is true for the pod or for every container, and false nowhere.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Set spec.securityContext.runAsNonRoot: true (or set it on every container), remove any runAsNonRoot: false, and build the image with a numeric non-root USER or set runAsUser.',
  check(resource, ctx) {
    if (userNamespaceRelaxed(resource, ctx)) return;
    const pod = podField(resource, ctx, 'runAsNonRoot');
    if (!pod) return;
    if (pod.value === false) {
      ctx.report({ path: pod.path, message: 'The pod sets runAsNonRoot: false, so its containers may run as root.' });
    }
    for (const field of containerFields(resource, ctx, 'runAsNonRoot')) {
      if (field.value === false) {
        ctx.report({ path: field.path, message: `${field.subject} sets runAsNonRoot: false, so it may run as root.` });
      } else if (field.value !== true && pod.value !== true && pod.value !== false) {
        ctx.report({
          path: field.path,
          message: `${field.subject} may run as root: neither it nor the pod sets runAsNonRoot: true, so the image's USER decides.`,
        });
      }
    }
  },
});
