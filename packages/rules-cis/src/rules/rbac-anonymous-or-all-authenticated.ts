import type { RbacBinding, RbacSubject } from '@kubecomply/core';
import { rbacSubjectRule } from '../checks/rbac-subject.js';

/**
 * Bindings a cluster creates for itself that name these groups on purpose
 * (discovery, the public info viewer, service account issuer discovery, and
 * kubeadm's cluster-info reader): binding name -> role name.
 */
const DEFAULT_BINDINGS: ReadonlyMap<string, string> = new Map([
  ['ClusterRoleBinding/system:basic-user', 'system:basic-user'],
  ['ClusterRoleBinding/system:discovery', 'system:discovery'],
  ['ClusterRoleBinding/system:public-info-viewer', 'system:public-info-viewer'],
  ['ClusterRoleBinding/system:service-account-issuer-discovery', 'system:service-account-issuer-discovery'],
  ['RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo', 'kubeadm:bootstrap-signer-clusterinfo'],
]);

function isDefaultBinding(binding: RbacBinding): boolean {
  const key = binding.kind === 'RoleBinding' ? `RoleBinding/${binding.namespace ?? ''}/${binding.name}` : `ClusterRoleBinding/${binding.name}`;
  return DEFAULT_BINDINGS.get(key) === binding.roleRef.name;
}

/** Who a broad subject stands for, or undefined for an ordinary one. */
function audience(subject: RbacSubject): string | undefined {
  if (subject.kind === 'User' && subject.name === 'system:anonymous') return 'every request that carries no credentials';
  if (subject.kind !== 'Group') return undefined;
  switch (subject.name) {
    case 'system:anonymous':
    case 'system:unauthenticated':
      return 'every request that carries no credentials';
    case 'system:authenticated':
      return 'every authenticated user and service account (on some managed clusters, anyone with an account at the provider)';
    case 'system:serviceaccounts':
      return 'every service account in the cluster, so every pod that mounts a token';
    default:
      return subject.name.startsWith('system:serviceaccounts:')
        ? `every service account in namespace ${subject.name.slice('system:serviceaccounts:'.length)}, so every pod there that mounts a token`
        : undefined;
  }
}

export default rbacSubjectRule({
  id: 'rbac-anonymous-or-all-authenticated',
  description: 'No binding grants a role to anonymous users, to all authenticated users, or to all service accounts.',
  severity: 'error',
  remediation:
    'Bind the role to the specific users, groups or service accounts that need it; leave the system:anonymous, system:unauthenticated, system:authenticated and system:serviceaccounts groups to the cluster defaults.',
  match(subject, binding) {
    const who = audience(subject);
    if (!who || isDefaultBinding(binding)) return undefined;
    return {
      message: `${subject.kind} "${subject.name}" stands for ${who}.`,
      // One namespace's service accounts is a narrower audience than the others.
      ...(subject.name.startsWith('system:serviceaccounts:') ? { severity: 'warning' as const } : {}),
    };
  },
});
