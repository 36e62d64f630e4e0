import { defineRule, resourceLabel, type ResourceSummary } from '@kubecomply/core';
import { cdeWorkloadLabel, scopeOfSet } from '../checks/cde-scope.js';

/** Kinds that carry a pod template without running pods. */
const NOT_RUNNING: ReadonlySet<string> = new Set(['PodTemplate']);
const NAMED = 3;

function list(workloads: readonly ResourceSummary[]): string {
  const names = workloads.slice(0, NAMED).map((w) => resourceLabel(w));
  const rest = workloads.length - names.length;
  if (rest > 0) return `${names.join(', ')} and ${rest} more`;
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export default defineRule({
  id: 'cde-workload-in-shared-namespace',
  description: 'Workloads of the cardholder data environment do not share a namespace with workloads outside it.',
  severity: 'warning',
  remediation:
    'Move the CDE workloads into a namespace of their own (and mark that namespace as in scope), or, if the other workloads belong to the CDE, label them as in scope too so that every control of the CDE applies to them.',
  scope: 'set',
  // Namespaces and pod labels come from the summaries of every resource.
  kinds: [],
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const byNamespace = new Map<string, ResourceSummary[]>();
    for (const summary of set.all) {
      // A namespace-less object gets its namespace when applied; which one the manifests cannot say.
      if (summary.podLabels === undefined || NOT_RUNNING.has(summary.kind) || summary.namespace === undefined) continue;
      let members = byNamespace.get(summary.namespace);
      if (!members) byNamespace.set(summary.namespace, (members = []));
      members.push(summary);
    }
    for (const [namespace, members] of byNamespace) {
      // Everything in a CDE namespace is in scope: nothing is shared.
      if (scope.namespaceReason(namespace) !== undefined) continue;
      const reasons = new Map(members.map((m) => [m, scope.labelReason(m)] as const));
      const outside = members.filter((m) => reasons.get(m) === undefined);
      if (outside.length === 0) continue;
      for (const member of members) {
        const reason = reasons.get(member);
        if (reason === undefined) continue;
        ctx.report({
          resource: member,
          path: ['metadata', 'namespace'],
          message: `${cdeWorkloadLabel(member, reason)} shares namespace "${namespace}" with ${outside.length} workload${outside.length === 1 ? '' : 's'} outside the CDE (${list(outside)}): whoever a RoleBinding of the namespace lets read its Secrets or exec into its pods reaches both, any pod of the namespace can mount its Secrets, and one Pod Security level covers them all.`,
          related: outside.map((w) => ({
            resource: w,
            path: ['metadata', 'name'],
            message: `${resourceLabel(w)} is outside the CDE but shares namespace "${namespace}" with ${resourceLabel(member)}.`,
          })),
        });
      }
    }
  },
});
