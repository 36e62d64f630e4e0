import { rbacPermissionRule } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-secrets-read',
  description: 'Roles do not let subjects get, list or watch Secrets.',
  severity: 'warning',
  remediation:
    'Remove get, list and watch on secrets from the rule, or limit get to the Secrets the subject needs with resourceNames; mount Secrets into the pods that use them instead of reading them through the API.',
  permissions: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['secrets'] }],
});
