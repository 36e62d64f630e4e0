import type { PolicyRule } from '@kubecomply/core';
import { rbacRuleCheck, type RuleMatch } from '../checks/rbac-permission.js';

/** In the order a finding prefers to point at. */
const FIELDS = ['verbs', 'resources', 'apiGroups'] as const;

/** '*' in any of the three lists; in resources also a '*' resource with a subresource (every resource's subresource). */
function wildcards(rule: PolicyRule, field: (typeof FIELDS)[number]): string[] {
  return rule[field].filter((v) => v === '*' || (field === 'resources' && v.startsWith('*/')));
}

export default rbacRuleCheck({
  id: 'rbac-wildcard',
  description: 'Roles name their verbs, resources and API groups instead of using "*".',
  severity: 'warning',
  remediation:
    'Replace "*" with the verbs, resources and API groups the subject needs. A wildcard also grants whatever the cluster adds later: new resources, new CRDs and new verbs.',
  match(rule): RuleMatch | undefined {
    const found = FIELDS.map((field) => ({ field, values: wildcards(rule, field) })).filter((f) => f.values.length > 0);
    const first = found[0];
    if (!first) return undefined;
    return {
      what: `uses ${found.map((f) => `${f.values.map((v) => `"${v}"`).join(', ')} in ${f.field}`).join(' and ')}`,
      field: first.field,
      clusterScoped: false,
    };
  },
});
