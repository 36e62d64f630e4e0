import { defineRule, isBuiltinKind, serviceSelector, serviceSelectsPods } from '@kubecomply/core';

export default defineRule({
  id: 'service-selects-nothing',
  description: "A Service's selector matches the pods of some workload of the input.",
  severity: 'warning',
  remediation: 'Make spec.selector match the pod template labels of the workload the Service fronts (a typo in a label key or value is the usual cause).',
  scope: 'set',
  kinds: ['Service'],
  check(set, ctx) {
    const workloads = set.all.filter((s) => s.podLabels !== undefined && s.kind !== 'PodTemplate');
    for (const service of set.ofKind('Service')) {
      if (service.group !== '' || !serviceSelector(service)) continue;
      // Only when the input holds workloads of the namespace: a Service shipped alone fronts pods deployed elsewhere.
      const neighbours = workloads.filter((w) => (w.namespace ?? '') === (service.namespace ?? ''));
      if (neighbours.length === 0 || workloads.some((w) => serviceSelectsPods(service, w))) continue;
      // Custom resources of the namespace (a Prometheus, a Kafka cluster) may be turned into pods by their operator.
      if (set.all.some((s) => s.namespace === service.namespace && !isBuiltinKind(s))) continue;
      ctx.report({
        resource: service,
        path: ['spec', 'selector'],
        message: `The Service's selector matches none of the ${neighbours.length} workload(s) of its namespace in the input, so it has no endpoints and every connection to it fails.`,
      });
    }
  },
});
