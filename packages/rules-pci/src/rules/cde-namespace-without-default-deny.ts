import {
  defineRule, networkModelOf, resourceLabel, type JsonPath, type NamespaceInfo, type NetworkPolicyInfo, type PolicyDirection, type RelatedReport,
  type ResourceSummary,
} from '@kubecomply/core';
import { cdeWorkloads } from '../checks/exposure.js';
import { scopeOfSet, type CdeScope } from '../checks/cde-scope.js';

const DIRECTIONS: readonly PolicyDirection[] = ['Ingress', 'Egress'];

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

/**
 * A policy that closes a direction for the whole namespace: it selects every
 * pod, isolates the direction, and admits no peer beyond named pods,
 * namespaces or address blocks. Unlike the generic namespace rules, a rule
 * that admits every pod of every namespace (`namespaceSelector: {}`) does
 * not count: it leaves the CDE open to the rest of the cluster.
 */
function closes(policy: NetworkPolicyInfo, direction: PolicyDirection): boolean {
  const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
  return policy.selectsAllPods && policy.policyTypes.includes(direction) && rules.every((rule) => rule.reach === 'limited');
}

/** A namespace-wide policy of the direction that re-opens it, with the widest peer, for the message. */
function reopening(ns: NamespaceInfo, direction: PolicyDirection): { policy: NetworkPolicyInfo; path: JsonPath; why: string } | undefined {
  for (const policy of ns.policies) {
    if (!policy.selectsAllPods || !policy.policyTypes.includes(direction)) continue;
    for (const rule of direction === 'Ingress' ? policy.ingress : policy.egress) {
      if (rule.reach === 'limited') continue;
      const peer = rule.peers.find((p) => p.reach !== 'limited');
      const why = rule.anyPeer ? `a rule with no ${direction === 'Ingress' ? 'from' : 'to'} (any peer)` : (peer?.why ?? 'any peer');
      return { policy, path: peer?.path ?? rule.path, why };
    }
  }
  return undefined;
}

export default defineRule({
  id: 'cde-namespace-without-default-deny',
  description: 'Every namespace of the cardholder data environment denies Ingress and Egress traffic by default.',
  severity: 'error',
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress, Egress] and no rules to the namespace, then allow only the connections the CDE needs (DNS, the payment gateway, named client namespaces) with further policies.',
  scope: 'set',
  kinds: ['NetworkPolicy'],
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    if (cdeWorkloads(set, scope).length === 0 && !set.all.some((s) => s.kind === 'Namespace' && scope.namespaceReason(s.name))) return;
    const model = networkModelOf(set);
    // Calico, Cilium, Antrea or cluster-wide policies may restrict what the model cannot read: stay silent rather than guess.
    if (model.clusterPolicies.length > 0) return;
    for (const ns of model.namespaces()) {
      const segment = segmentReason(ns, scope);
      if (!segment || ns.otherPolicies.length > 0) continue;
      const open = DIRECTIONS.filter((d) => !ns.policies.some((p) => closes(p, d)));
      if (open.length === 0) continue;
      const target = ns.object
        ? { resource: ns.object, path: ['metadata', 'name'] as JsonPath, note: '' }
        : {
          resource: segment.workload ?? ns.workloads[0] ?? (ns.policies[0]?.resource as ResourceSummary),
          path: ['metadata', 'namespace'] as JsonPath,
          note: ` The input has no Namespace object for "${ns.name}", so the finding is on this workload.`,
        };
      const related: RelatedReport[] = [];
      const reopened: string[] = [];
      const plain: PolicyDirection[] = [];
      for (const direction of open) {
        const wide = reopening(ns, direction);
        if (!wide) {
          plain.push(direction);
          continue;
        }
        reopened.push(`its namespace-wide policy "${wide.policy.resource.name}" admits ${direction} from ${wide.why}`);
        related.push({ resource: wide.policy.resource, path: wide.path, message: `This peer re-opens ${direction} for every pod of the CDE namespace "${ns.name}".` });
      }
      const what = open.length === 2 ? 'Ingress and Egress' : (open[0] as string);
      const consequences = [
        ...(plain.length === 2
          ? ['its pods accept connections from anywhere and connect anywhere unless a policy selects them']
          : plain.map((d) => (d === 'Ingress'
            ? 'its pods accept connections from anywhere unless a policy selects them'
            : 'its pods connect anywhere unless a policy selects them, which lets card data leave the CDE'))),
        ...reopened,
      ];
      const none = ns.policies.length === 0 ? ' It has no NetworkPolicy at all.' : '';
      ctx.report({
        resource: target.resource,
        path: target.path,
        message: `Namespace "${ns.name}" is in the CDE because ${segment.reason}, but no NetworkPolicy denies ${what} to all its pods by default: ${consequences.join('; ')}.${none}${target.note}`,
        ...(related.length > 0 ? { related } : {}),
      });
    }
  },
});
