import { rbacPermissionRule } from '../checks/rbac-permission.js';

const RBAC = 'rbac.authorization.k8s.io';

export default rbacPermissionRule({
  id: 'rbac-escalate-bind-impersonate',
  description: 'Roles do not grant the escalate, bind or impersonate verbs.',
  severity: 'error',
  remediation:
    'Remove escalate, bind and impersonate from the rule (and the "*" verb that includes them). Where a controller must bind roles, limit bind to the roles it hands out with resourceNames.',
  // bind and escalate act on the role being referenced or edited; bind limited
  // by resourceNames is the sanctioned way to delegate, unless it names a
  // built-in role that is itself all-powerful.
  permissions: [
    { verbs: ['bind'], apiGroups: [RBAC], resources: ['roles', 'clusterroles'] },
    { verbs: ['bind'], apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['cluster-admin', 'admin', 'edit'] },
    { verbs: ['escalate'], apiGroups: [RBAC], resources: ['roles'] },
    { verbs: ['escalate'], apiGroups: [RBAC], resources: ['clusterroles'], clusterScoped: true },
    { verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'], clusterScoped: true },
    { verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] },
  ],
});
