import { podExecRequests } from '@kubecomply/core';
import { rbacPermissionRule, type Permission } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-pods-exec',
  description: 'Roles do not let subjects exec into or attach to running containers.',
  severity: 'warning',
  remediation:
    'Remove pods/exec and pods/attach from the rule; grant them, if at all, to a break-glass role bound on demand, and debug with logs or ephemeral containers under review.',
  permissions: (settings): Permission[] =>
    podExecRequests(settings.kubeVersion).map(({ websocketOnly, ...request }) =>
      websocketOnly ? { ...request, note: 'enough for a WebSocket client before Kubernetes 1.35' } : request,
    ),
});
