import { defineRule, reachabilityModelOf, REACH_KINDS, resourceLabel, type RelatedReport } from '@kubecomply/core';

export default defineRule({
  id: 'cilium-policy-not-evaluated',
  description: 'Reachability of pods selected by Cilium or Antrea policies is said to be unevaluated.',
  severity: 'info',
  remediation:
    'Check the connectivity of the listed pods on a running cluster (cilium policy trace, antctl) or express the segmentation they need in Kubernetes NetworkPolicy, Calico policy or AdminNetworkPolicy, which kubecomply evaluates.',
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const reach = reachabilityModelOf(set);
    const first = reach.unevaluated[0];
    if (!first) return;
    const selected = reach.pods.filter((pod) => reach.unevaluatedFor(pod).length > 0 && pod.workload);
    const related: RelatedReport[] = [
      ...reach.unevaluated.slice(1).map((u) => ({ resource: u.resource, path: ['kind'], message: `${resourceLabel(u.resource)} is not evaluated either.` })),
      ...selected.map((pod) => ({
        resource: pod.workload as NonNullable<typeof pod.workload>,
        path: ['metadata', 'name'],
        message: `Selected by ${reach
          .unevaluatedFor(pod)
          .map((u) => resourceLabel(u.resource))
          .join(', ')}: its reachability is not evaluated.`,
      })),
    ];
    const count = reach.unevaluated.length;
    ctx.report({
      resource: first.resource,
      path: ['kind'],
      message:
        `${count === 1 ? `${resourceLabel(first.resource)} is` : `${count} Cilium or Antrea policies (first ${resourceLabel(first.resource)}) are`} inventoried but not evaluated: ` +
        `reachability of the ${selected.length} workload${selected.length === 1 ? '' : 's'} they select is not checked, and namespace network rules skip their namespaces.`,
      related,
    });
  },
});
