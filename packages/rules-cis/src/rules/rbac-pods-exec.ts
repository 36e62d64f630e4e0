import { atLeast } from '@kubecomply/core';
import { rbacPermissionRule, type Permission } from '../checks/rbac-permission.js';

const ATTACH = ['pods/exec', 'pods/attach'];

export default rbacPermissionRule({
  id: 'rbac-pods-exec',
  description: 'Roles do not let subjects exec into or attach to running containers.',
  severity: 'warning',
  remediation:
    'Remove pods/exec and pods/attach from the rule; grant them, if at all, to a break-glass role bound on demand, and debug with logs or ephemeral containers under review.',
  // A WebSocket exec is a GET, which the API server authorized as get alone
  // until 1.35 turned on AuthorizePodWebsocketUpgradeCreatePermission.
  permissions: (settings): Permission[] => [
    { verbs: ['create'], apiGroups: [''], resources: ATTACH },
    ...(atLeast(settings.kubeVersion, 1, 35)
      ? []
      : [{ verbs: ['get'], apiGroups: [''], resources: ATTACH, note: 'enough for a WebSocket client before Kubernetes 1.35' }]),
  ],
});
