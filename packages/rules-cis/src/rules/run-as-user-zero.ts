import { atLeast, defineRule } from '@kubecomply/core';
import { userNamespaceRelaxed } from '../checks/pod-exemptions.js';
import { containerFields, podField } from '../checks/security-context-fields.js';

export default defineRule({
  id: 'run-as-user-zero',
  description: 'Neither the pod nor any container sets runAsUser to 0 (root).',
  severity: 'error',
  appliesTo: 'workloads',
  remediation: 'Set runAsUser to a non-zero UID (or remove it and rely on a non-root USER in the image) at pod and container level.',
  check(resource, ctx) {
    // pod-security-admission checks runAsUser from policy 1.23 on.
    if (!atLeast(ctx.settings.kubeVersion, 1, 23) || userNamespaceRelaxed(resource, ctx)) return;
    const pod = podField(resource, ctx, 'runAsUser');
    if (pod?.value === 0) ctx.report({ path: pod.path, message: 'The pod sets runAsUser: 0, so its containers run as root.' });
    for (const field of containerFields(resource, ctx, 'runAsUser')) {
      if (field.value === 0) ctx.report({ path: field.path, message: `${field.subject} sets runAsUser: 0, so it runs as root.` });
    }
  },
});
