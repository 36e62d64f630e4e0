import { rbacPermissionRule } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-create-serviceaccount-token',
  description: 'Roles do not let subjects create tokens for service accounts.',
  severity: 'warning',
  remediation:
    'Remove create on serviceaccounts/token; let the kubelet issue projected tokens to pods, and limit token creation to the service accounts a component must act as with resourceNames.',
  permissions: [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] }],
});
