import { rbacSubjectRule } from '../checks/rbac-subject.js';

export default rbacSubjectRule({
  id: 'rbac-system-masters-subject',
  description: 'No binding names the system:masters group, other than the built-in cluster-admin binding.',
  severity: 'warning',
  remediation:
    'Give administrators a group of your own bound to the role they need, and issue no client certificates with organization system:masters outside the bootstrap credential.',
  match(subject, binding) {
    if (subject.kind !== 'Group' || subject.name !== 'system:masters') return undefined;
    // The API server's own bootstrap binding (CIS 5.1.1 and 5.1.7 both except it).
    if (binding.kind === 'ClusterRoleBinding' && binding.name === 'cluster-admin' && binding.roleRef.name === 'cluster-admin') return undefined;
    return {
      message:
        'Group "system:masters" bypasses RBAC: the API server allows its members everything, whatever the bindings say, and membership comes from client certificates that cannot be revoked. Naming it in a binding suggests the group is in use beyond cluster bootstrap.',
    };
  },
});
