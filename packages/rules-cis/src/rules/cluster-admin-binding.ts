import { bindingLabel, defineRule, rbacModelOf, RBAC_KINDS, subjectLabel, type RbacBinding } from '@kubecomply/core';
import { roleLocations } from '../checks/rbac-subject.js';

/**
 * The API server creates the ClusterRoleBinding "cluster-admin" for Group
 * system:masters at bootstrap and keeps it there; CIS 5.1.1 excepts it.
 */
function isBootstrapBinding(binding: RbacBinding): boolean {
  return binding.kind === 'ClusterRoleBinding' && binding.name === 'cluster-admin';
}

const isSystemMasters = (s: { kind: string; name: string }) => s.kind === 'Group' && s.name === 'system:masters';

export default defineRule({
  id: 'cluster-admin-binding',
  description: 'No binding grants the cluster-admin ClusterRole, other than the built-in one for system:masters.',
  severity: 'error',
  remediation:
    'Bind a role that holds only the permissions the subject needs, in the namespaces it needs them; keep cluster-admin for break-glass access outside day-to-day bindings.',
  scope: 'set',
  kinds: RBAC_KINDS,
  check(set, ctx) {
    for (const binding of rbacModelOf(set).bindings) {
      if (binding.roleRef.kind !== 'ClusterRole' || binding.roleRef.name !== 'cluster-admin') continue;
      const subjects = isBootstrapBinding(binding) ? binding.subjects.filter((s) => !isSystemMasters(s)) : binding.subjects;
      if (isBootstrapBinding(binding) && subjects.length === 0) continue;
      const scope =
        binding.kind === 'ClusterRoleBinding'
          ? 'every verb on every resource in the cluster'
          : `every verb on every resource in ${binding.namespace ? `namespace ${binding.namespace}` : "the binding's namespace"}`;
      const who = subjects.length > 0 ? subjects.map(subjectLabel).join(', ') : 'no subject yet';
      ctx.report({
        resource: binding.resource,
        path: ['roleRef', 'name'],
        message: `${bindingLabel(binding)} grants cluster-admin (${scope}) to ${who}.`,
        related: [
          ...subjects.map((s) => ({
            resource: binding.resource,
            path: ['subjects', s.index],
            message: `${subjectLabel(s)} is cluster-admin through ${bindingLabel(binding)}.`,
          })),
          ...roleLocations(binding),
        ],
      });
    }
  },
});
