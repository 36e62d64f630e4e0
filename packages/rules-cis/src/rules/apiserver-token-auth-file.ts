import { forbiddenFlagRule } from '../checks/flag-rules.js';

export default forbiddenFlagRule({
  id: 'apiserver-token-auth-file',
  description: 'The API server does not accept static bearer tokens from a token file.',
  severity: 'error',
  remediation: 'Remove --token-auth-file from kube-apiserver and authenticate users with client certificates, OIDC or a webhook instead.',
  component: 'kube-apiserver',
  flag: 'token-auth-file',
  consequence: 'its tokens never expire and can only be changed by editing the file and restarting the API server.',
});
