import {
  defineRule,
  isWorkload,
  networkModelOf,
  type Resource,
  type NetworkModel,
  reachabilityModelOf,
  REACH_KINDS,
  resourceLabel,
  verdictLocation,
  verdictText,
  type Direction,
  type IsolationResult,
  type JsonPath,
  type NamespaceInfo,
  type ReachabilityModel,
  type RelatedReport,
  type ResourceSummary,
  type SetRule,
  type Severity,
} from '@kubecomply/core';

/**
 * Namespaces the cluster itself owns. Manifests that install into them
 * (CNIs, CSI drivers, cloud agents) rarely own their network policy, and a
 * default deny there breaks the cluster's own components, so the namespace
 * rules leave them out. Workloads placed there are another rule's concern.
 */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export interface NamespaceVerdict {
  /** One sentence about the namespace, without the closing period. */
  message: string;
  severity?: Severity;
  related?: readonly RelatedReport[];
}

/**
 * Where a namespace finding goes: the Namespace object, else the first
 * workload that names the namespace, else its first NetworkPolicy (a file
 * of policies alone).
 */
export function namespaceTarget(ns: NamespaceInfo): { resource: ResourceSummary | Resource; path: JsonPath; note: string } | undefined {
  if (ns.object) return { resource: ns.object, path: ['metadata', 'name'], note: '' };
  const first = ns.workloads[0] ?? ns.policies[0]?.resource;
  if (!first) return undefined;
  return {
    resource: first,
    path: ['metadata', 'namespace'],
    note: ` The input has no Namespace object for "${ns.name}", so the finding is on ${resourceLabel(first)}, its first ${isWorkload(first) ? 'workload' : 'NetworkPolicy'} in the input.`,
  };
}

/**
 * Cilium and Antrea policies are inventoried, not evaluated: a namespace
 * whose pods one of them selects is left to the cilium-policy-not-evaluated
 * finding rather than judged by half of its policies.
 */
export function hasUnreadPolicies(ns: NamespaceInfo, reach: ReachabilityModel): boolean {
  const pods = [reach.probePod(ns.name), ...reach.pods.filter((p) => p.namespace === ns.name)];
  return pods.some((pod) => reach.unevaluatedFor(pod).length > 0);
}

/**
 * Whether any policy the model reads concerns the namespace: a namespaced
 * policy in it, or a cluster-wide one (Calico GlobalNetworkPolicy,
 * AdminNetworkPolicy...) that selects a pod of it or a new pod there.
 */
export function hasPolicies(ns: NamespaceInfo, reach: ReachabilityModel): boolean {
  if (reach.policies.some((p) => p.namespace === ns.name)) return true;
  const pods = [reach.probePod(ns.name), ...reach.pods.filter((p) => p.namespace === ns.name)];
  return reach.policies.some((p) => p.namespace === undefined && pods.some((pod) => p.selects(pod)));
}

/** The clause and related location that say why a direction is open, from an isolation probe. */
export function openness(result: IsolationResult, direction: Direction): { text: string; related?: RelatedReport } {
  const open = result.open;
  if (!open) return { text: '' };
  const text = verdictText(open.verdict, direction);
  const where = verdictLocation(open.verdict);
  if (!where) return { text };
  return {
    text,
    related: {
      resource: where.resource,
      path: where.path,
      message: `This rule lets ${direction === 'Ingress' ? 'any address reach' : 'pods reach any address from'} a new pod of the namespace.`,
    },
  };
}

/**
 * A set rule that judges each named namespace of the input (system
 * namespaces excluded) with the reachability model and reports on the
 * namespace's Namespace object or, when the input has none, on its first
 * workload. Objects without metadata.namespace are left out: their namespace
 * is chosen when they are applied.
 */
export function namespaceNetworkRule(options: {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  evaluate(ns: NamespaceInfo, reach: ReachabilityModel, model: NetworkModel): NamespaceVerdict | undefined;
}): SetRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    scope: 'set',
    kinds: REACH_KINDS,
    check(set, ctx) {
      const model = networkModelOf(set);
      const reach = reachabilityModelOf(set);
      for (const ns of model.namespaces()) {
        if (SYSTEM_NAMESPACES.has(ns.name) || hasUnreadPolicies(ns, reach)) continue;
        const verdict = options.evaluate(ns, reach, model);
        const target = verdict && namespaceTarget(ns);
        if (!verdict || !target) continue;
        ctx.report({
          resource: target.resource,
          path: target.path,
          message: `${verdict.message}.${target.note}`,
          ...(verdict.severity ? { severity: verdict.severity } : {}),
          ...(verdict.related && verdict.related.length > 0 ? { related: verdict.related } : {}),
        });
      }
    },
  });
}

/** 'Deployment/shop/web, Pod/shop/debug and 3 more'. */
export function listResources(resources: readonly ResourceSummary[], max = 3): string {
  const names = resources.slice(0, max).map((r) => resourceLabel(r));
  const rest = resources.length - names.length;
  if (rest > 0) return `${names.join(', ')} and ${rest} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
