import { rbacPermissionRule } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-nodes-proxy-access',
  description: 'Roles grant no access to the nodes/proxy subresource.',
  severity: 'warning',
  remediation: 'Remove nodes/proxy from the rule; monitoring agents need only nodes/metrics and nodes/stats, which do not open the kubelet API.',
  // The kubelet maps every HTTP method on its API to a verb on nodes/proxy, so any verb opens part of it.
  permissions: [
    {
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
      apiGroups: [''],
      resources: ['nodes/proxy'],
      clusterScoped: true,
    },
  ],
});
