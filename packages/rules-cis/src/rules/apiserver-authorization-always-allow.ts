import { authorizationRule } from '../checks/authorization.js';

export default authorizationRule({
  id: 'apiserver-authorization-always-allow',
  description: 'The API server does not authorize every request.',
  severity: 'error',
  remediation:
    'Set --authorization-mode=Node,RBAC on kube-apiserver (or list Node and RBAC authorizers in its AuthorizationConfiguration) without AlwaysAllow.',
  offending: 'AlwaysAllow',
  problem: (types) =>
    types.includes('AlwaysAllow')
      ? 'the AlwaysAllow authorizer grants every request that reaches it, so any authenticated client can do anything an authorizer before it did not deny.'
      : undefined,
});
