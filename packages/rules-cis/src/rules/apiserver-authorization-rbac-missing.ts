import { authorizationRule } from '../checks/authorization.js';

export default authorizationRule({
  id: 'apiserver-authorization-rbac-missing',
  description: 'The API server authorizes requests with RBAC.',
  severity: 'error',
  remediation: 'Add RBAC to --authorization-mode on kube-apiserver (e.g. --authorization-mode=Node,RBAC).',
  problem: (types) => (types.includes('RBAC') ? undefined : 'Roles and RoleBindings have no effect, so access cannot be granted by least privilege.'),
});
