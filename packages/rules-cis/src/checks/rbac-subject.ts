import {
  bindingLabel,
  defineRule,
  rbacModelOf,
  RBAC_KINDS,
  roleLabel,
  type RbacBinding,
  type RbacSubject,
  type RelatedReport,
  type SetRule,
  type Severity,
} from '@kubecomply/core';

export interface SubjectFinding {
  /** Says why the subject is a problem; the binding and its role are appended. */
  message: string;
  severity?: Severity;
}

/**
 * Checks that look at who a binding names rather than what a role allows:
 * one finding per offending subject entry (`subjects[j]`), with the role the
 * binding grants as a related location when the input defines it.
 */
export function rbacSubjectRule(options: {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  match(subject: RbacSubject, binding: RbacBinding): SubjectFinding | undefined;
}): SetRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    scope: 'set',
    kinds: RBAC_KINDS,
    check(set, ctx) {
      for (const binding of rbacModelOf(set).bindings) {
        for (const subject of binding.subjects) {
          const found = options.match(subject, binding);
          if (!found) continue;
          ctx.report({
            resource: binding.resource,
            path: ['subjects', subject.index],
            message: `${found.message} ${bindingLabel(binding)} grants it ${grantedRole(binding)}.`,
            ...(found.severity ? { severity: found.severity } : {}),
            related: roleLocations(binding),
          });
        }
      }
    },
  });
}

/** 'ClusterRole "view" (cluster-wide)', 'ClusterRole "edit" in namespace team', or an unknown role. */
function grantedRole(binding: RbacBinding): string {
  const scope = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : binding.namespace ? `in namespace ${binding.namespace}` : "in the binding's namespace";
  const known = binding.roles.length > 0 ? '' : ', which the input does not define';
  return `${binding.roleRef.kind || 'a role'} "${binding.roleRef.name}" ${scope}${known}`;
}

/** The definitions of the role a binding grants, as related locations. */
export function roleLocations(binding: RbacBinding): RelatedReport[] {
  return binding.roles.flatMap((role): RelatedReport[] =>
    role.resource ? [{ resource: role.resource, path: ['rules'], message: `${roleLabel(role)}, granted by ${bindingLabel(binding)}.` }] : [],
  );
}
