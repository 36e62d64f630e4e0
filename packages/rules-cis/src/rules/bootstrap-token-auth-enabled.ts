import { booleanFlagProblems, componentRule } from '../checks/flag-rules.js';

export default componentRule({
  id: 'bootstrap-token-auth-enabled',
  description: 'Bootstrap tokens, if enabled, are used only for joining nodes.',
  severity: 'info',
  remediation:
    'Use bootstrap tokens only for joining nodes, give them a short expiry (kubeadm token create --ttl) and delete them afterwards; people sign in through OIDC or another revocable method. Turn off --enable-bootstrap-token-auth when no nodes join with tokens.',
  component: 'kube-apiserver',
  kinds: ['Secret'],
  evaluate: (invocation) =>
    booleanFlagProblems(invocation, {
      flag: 'enable-bootstrap-token-auth',
      required: false,
      defaultValue: false,
      consequence: 'bootstrap tokens authenticate to the API server; check that they are used only to join nodes, never by people.',
    }),
  checkConfig(resource, ctx) {
    if (resource.group !== '' || resource.object['type'] !== 'bootstrap.kubernetes.io/token') return;
    ctx.report({
      path: ['type'],
      message:
        'This Secret is a bootstrap token, which authenticates to the API server when --enable-bootstrap-token-auth is on; check that it serves only to join nodes, has an expiration and is not used by people.',
    });
  },
});
