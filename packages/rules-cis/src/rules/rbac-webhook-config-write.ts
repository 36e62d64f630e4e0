import { rbacPermissionRule } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-webhook-config-write',
  description: 'Roles do not let subjects create, change or delete admission webhook configurations.',
  severity: 'warning',
  remediation:
    'Remove write verbs on validatingwebhookconfigurations and mutatingwebhookconfigurations; where a controller patches its own webhook (a CA bundle, say), limit it to that configuration with resourceNames.',
  permissions: [
    {
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
      clusterScoped: true,
    },
  ],
});
