import {
  defineRule,
  isBuiltinKind,
  matchesSelector,
  networkModelOf,
  sameNamespace,
  type LabelSelector,
  type ResourceSummary,
  isJsonObject,
} from '@kubecomply/core';

function isEmpty(selector: unknown): boolean {
  return (
    !isJsonObject(selector) ||
    Object.keys(selector).every((k) => {
      const v = selector[k];
      return v === null || v === undefined || (isJsonObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
    })
  );
}

export default defineRule({
  id: 'networkpolicy-selects-nothing',
  description: 'The pod selectors of a NetworkPolicy (its own and those of its same-namespace peers) match pods of the input.',
  severity: 'warning',
  remediation: 'Make the podSelector match the pod template labels of the workloads the policy is meant for (a typo in a label is the usual cause).',
  scope: 'set',
  kinds: ['NetworkPolicy'],
  check(set, ctx) {
    const model = networkModelOf(set);
    const workloads = model.workloads();
    for (const policy of model.policies) {
      // Only when the input holds workloads of the namespace: a policy shipped alone governs pods deployed elsewhere.
      const neighbours = workloads.filter((w: ResourceSummary) => (w.namespace ?? '') === (policy.namespace ?? ''));
      if (neighbours.length === 0) continue;
      // Custom resources of the namespace (a Prometheus, a Kafka cluster) may be turned into pods by their operator.
      if (set.all.some((s) => s.namespace === policy.namespace && !isBuiltinKind(s))) continue;
      const reachable = workloads.filter((w: ResourceSummary) => sameNamespace(w.namespace, policy.namespace));
      const matches = (selector: unknown) => reachable.some((w) => matchesSelector(selector as LabelSelector, w.podLabels ?? {}));
      if (!policy.selectsAllPods && !matches(policy.podSelector)) {
        ctx.report({
          resource: policy.resource,
          path: ['spec', 'podSelector'],
          message: `The podSelector matches none of the ${neighbours.length} workload(s) of the namespace in the input, so the policy isolates nothing.`,
        });
      }
      for (const rule of [...policy.ingress, ...policy.egress]) {
        for (const peer of rule.peers) {
          // Peers with a namespaceSelector pick pods of other namespaces, which the input may not hold.
          if (!isJsonObject(peer.value) || peer.value['namespaceSelector'] !== undefined) continue;
          const selector = peer.value['podSelector'];
          if (!isJsonObject(selector) || isEmpty(selector) || matches(selector)) continue;
          ctx.report({
            resource: policy.resource,
            path: [...peer.path, 'podSelector'],
            message: `This ${rule.direction === 'Ingress' ? 'from' : 'to'} peer's podSelector matches none of the workloads of the namespace in the input, so the rule admits no pod.`,
          });
        }
      }
    }
  },
});
