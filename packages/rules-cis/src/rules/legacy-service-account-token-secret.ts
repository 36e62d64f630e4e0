import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: 'legacy-service-account-token-secret',
  description: 'No Secret holds a long-lived service account token.',
  severity: 'warning',
  appliesTo: ['Secret'],
  remediation:
    'Delete the Secret; pods get short-lived projected tokens automatically, and other clients can request one with the TokenRequest API (kubectl create token).',
  check(resource, ctx) {
    if (resource.group !== '' || resource.object['type'] !== 'kubernetes.io/service-account-token') return;
    const accountName = resource.annotations['kubernetes.io/service-account.name'];
    const account = accountName ? ` for service account "${accountName}"` : '';
    ctx.report({
      path: ['type'],
      message: `This Secret asks the control plane for a service account token${account} that never expires and stays valid until the Secret is deleted.`,
    });
  },
});
