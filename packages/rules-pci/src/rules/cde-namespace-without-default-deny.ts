import {
  defineRule,
  networkModelOf,
  reachabilityModelOf,
  REACH_KINDS,
  resourceLabel,
  verdictLocation,
  verdictText,
  type Direction,
  type JsonPath,
  type NamespaceInfo,
  type RelatedReport,
  type ResourceSummary,
} from '@kubecomply/core';
import { cdeWorkloads } from '../checks/exposure.js';
import { scopeOfSet, type CdeScope } from '../checks/cde-scope.js';

const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

/** Why a namespace is part of the CDE's network segment, with the workload that makes it so when it is not in scope itself. */
function segmentReason(ns: NamespaceInfo, scope: CdeScope): { reason: string; workload?: ResourceSummary } | undefined {
  const own = scope.namespacePredicate(ns.name);
  if (own) return { reason: `it ${own}` };
  for (const workload of ns.workloads) {
    const reason = scope.labelReason(workload);
    if (reason) return { reason: `it runs CDE workload ${resourceLabel(workload)} (${reason})`, workload };
  }
  return undefined;
}

export default defineRule({
  id: 'cde-namespace-without-default-deny',
  description: 'Every namespace of the cardholder data environment denies Ingress and Egress traffic by default.',
  severity: 'error',
  remediation:
    'Add a default deny for the namespace: a NetworkPolicy with podSelector: {} and policyTypes: [Ingress, Egress] and no rules, or a Calico (Global)NetworkPolicy or AdminNetworkPolicy that denies; then allow only the connections the CDE needs (DNS, the payment gateway, named client namespaces).',
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    if (cdeWorkloads(set, scope).length === 0 && !set.all.some((s) => s.kind === 'Namespace' && scope.namespaceReason(s.name))) return;
    const model = networkModelOf(set);
    const reach = reachabilityModelOf(set);
    for (const ns of model.namespaces()) {
      const segment = segmentReason(ns, scope);
      if (!segment) continue;
      const probe = reach.probePod(ns.name);
      // Cilium or Antrea policies govern the namespace: cilium-policy-not-evaluated says so; no guess here.
      if (reach.unevaluatedFor(probe).length > 0 || reach.pods.some((p) => p.namespace === ns.name && reach.unevaluatedFor(p).length > 0)) continue;
      // A new pod of the namespace must be denied connections from and to any address and any pod of another namespace.
      const open: { direction: Direction; text: string }[] = [];
      const related: RelatedReport[] = [];
      for (const direction of DIRECTIONS) {
        const result = reach.isolation(ns.name, direction, true);
        if (result.isolated || !result.open) continue;
        const { peer, verdict } = result.open;
        const whom = peer.kind === 'pod' ? 'a pod of another namespace' : 'any address';
        open.push({ direction, text: `${direction} ${direction === 'Ingress' ? 'from' : 'to'} ${whom} is ${verdictText(verdict, direction)}` });
        const where = verdictLocation(verdict);
        if (where)
          related.push({ resource: where.resource, path: where.path, message: `This rule opens ${direction} for the pods of the CDE namespace "${ns.name}".` });
      }
      if (open.length === 0) continue;
      const target = ns.object
        ? { resource: ns.object, path: ['metadata', 'name'] as JsonPath, note: '' }
        : {
            resource: segment.workload ?? ns.workloads[0] ?? (ns.policies[0]?.resource as ResourceSummary),
            path: ['metadata', 'namespace'] as JsonPath,
            note: ` The input has no Namespace object for "${ns.name}", so the finding is on this workload.`,
          };
      const what = open.length === 2 ? 'Ingress and Egress' : (open[0] as { direction: Direction }).direction;
      const none = reach.policiesSelecting(probe).length === 0 ? ' No network policy of the input selects its pods.' : '';
      ctx.report({
        resource: target.resource,
        path: target.path,
        message: `Namespace "${ns.name}" is in the CDE because ${segment.reason}, but nothing denies ${what} to all its pods by default: ${open.map((o) => o.text).join('; ')}.${none}${target.note}`,
        ...(related.length > 0 ? { related } : {}),
      });
    }
  },
});
