import { defineRule, portsText, PROTOCOLS, reachabilityModelOf, REACH_KINDS, ruleLabel, type Flow, type RuleRef } from '@kubecomply/core';
import { SYSTEM_NAMESPACES } from '../checks/namespace-network.js';

export default defineRule({
  id: 'workload-reachable-from-all-namespaces',
  description: 'Network policies that isolate a workload do not re-open it to every namespace of the cluster.',
  severity: 'info',
  remediation:
    'Name the namespaces (namespaceSelector with matchLabels such as kubernetes.io/metadata.name) and pods that need the workload instead of every namespace; keep cluster-wide openings for shared services such as DNS or an ingress controller, and suppress with a reason there.',
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const reach = reachabilityModelOf(set);
    const elsewhere = reach.foreignPod();
    const ports = reach.ports();
    for (const pod of reach.pods) {
      const workload = pod.workload;
      if (!workload || pod.namespace === '' || SYSTEM_NAMESPACES.has(pod.namespace) || reach.unevaluatedFor(pod).length > 0) continue;
      // Only pods a rule opens: an unisolated pod is namespace-without-(default-deny-)networkpolicy's finding.
      let rule: RuleRef | undefined;
      const open: { protocol: string; ranges: [number, number][] }[] = [];
      for (const protocol of PROTOCOLS) {
        const ranges: [number, number][] = [];
        ports.forEach((port, i) => {
          const flow: Flow = { src: elsewhere, dst: pod, protocol, port };
          const verdict = reach.evaluateDirection(pod, 'Ingress', flow);
          if (!verdict.allowed || verdict.reason !== 'rule' || !verdict.rule) return;
          rule ??= verdict.rule;
          const end = i + 1 < ports.length ? (ports[i + 1] as number) - 1 : 65535;
          const last = ranges[ranges.length - 1];
          if (last && last[1] + 1 === port) last[1] = end;
          else ranges.push([port, end]);
        });
        if (ranges.length > 0) open.push({ protocol, ranges });
      }
      if (!rule) continue;
      const found = { rule, ports: portsText(open) };
      ctx.report({
        resource: workload,
        path: ['metadata', 'name'],
        message:
          `${workload.kind}/${workload.namespace}/${workload.name} accepts connections from pods of every namespace ` +
          `(a pod of a namespace no policy names reaches it on ${found.ports}), through ${ruleLabel(found.rule)}.`,
        related: [{ resource: found.rule.policy.resource, path: found.rule.rule.path, message: 'This rule admits pods of every namespace.' }],
      });
    }
  },
});
