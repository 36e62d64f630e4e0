import { defineRule, isWorkload, networkModelOf } from '@kubecomply/core';

export default defineRule({
  id: 'workload-not-isolated-by-networkpolicy',
  description: "Every workload's pods are selected by a NetworkPolicy that restricts their incoming and outgoing traffic.",
  severity: 'warning',
  remediation:
    "Add a NetworkPolicy whose podSelector matches the workload's pods (or a namespace-wide default deny) with policyTypes [Ingress, Egress], then allow the traffic the workload needs.",
  scope: 'set',
  kinds: ['NetworkPolicy', 'workloads'],
  // Only the pods NetworkPolicies can govern are of interest; hostNetwork pods share the node's network.
  retain: (resource) => (!isWorkload(resource) || resource.kind === 'PodTemplate' ? resource.kind === 'NetworkPolicy' : true),
  check(set, ctx) {
    const model = networkModelOf(set);
    // CNI-specific or cluster-wide policies may isolate the pods in ways the model does not read: stay silent.
    if (model.clusterPolicies.length > 0) return;
    const otherPolicies = set.all.filter((s) => s.kind !== 'NetworkPolicy' && /NetworkPolicy$/.test(s.kind) && s.namespace !== undefined);
    for (const workload of model.workloads()) {
      const full = workload.resource;
      const pod = full ? ctx.podSpec(full) : undefined;
      if (!full || !pod || pod.value.hostNetwork === true) continue;
      if (otherPolicies.some((p) => p.namespace === workload.namespace)) continue;
      const missing = (['Ingress', 'Egress'] as const).filter((d) => model.isolating(workload, d).length === 0);
      if (missing.length === 0) continue;
      // Only a named namespace is known to hold the policies it has in the input; a namespace-less object lands wherever it is applied.
      const namespaceHasPolicies = workload.namespace !== undefined && model.policies.some((p) => p.namespace === workload.namespace);
      const where =
        workload.namespace === undefined ? 'The object names no namespace and no namespace-less NetworkPolicy of the input' : 'No NetworkPolicy of the input';
      ctx.report({
        resource: full,
        path: ['metadata', 'name'],
        message: `${where} isolates these pods for ${missing.join(' or ')}, so ${missing.includes('Ingress') ? 'any pod of the cluster can connect to them' : 'they can connect anywhere'}.`,
        // Where the namespace has policies, the workload is a gap in them; where it has none, namespace-without-networkpolicy already says so.
        severity: namespaceHasPolicies && missing.includes('Ingress') ? 'warning' : 'info',
      });
    }
  },
});
