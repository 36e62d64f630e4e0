import { allowAllRules, analyzeNetworkPolicy, defineRule, type NetworkPolicyRule } from '@kubecomply/core';

function portsText(rule: NetworkPolicyRule): string {
  if (rule.ports.length === 0) return 'on every port';
  const ports = rule.ports.map((p) => `${p.port === undefined ? 'any' : p.endPort !== undefined ? `${p.port}-${p.endPort}` : p.port}/${p.protocol}`);
  return `on ${ports.join(', ')}`;
}

export default defineRule({
  id: 'networkpolicy-allow-all',
  description: 'NetworkPolicy rules name their peers instead of admitting every address.',
  severity: 'warning',
  appliesTo: ['NetworkPolicy'],
  remediation:
    'Replace the open rule with peers that name who may connect (podSelector, namespaceSelector or a narrow ipBlock) and list the ports; for internet egress, use an ipBlock whose except list holds the cluster and metadata ranges.',
  check(resource, ctx) {
    const policy = analyzeNetworkPolicy(resource);
    if (!policy) return;
    for (const rule of allowAllRules(policy)) {
      const ingress = rule.direction === 'Ingress';
      const peer = rule.anyPeer ? undefined : rule.peers.find((p) => p.reach === 'anything');
      const how = peer ? `through ${peer.why}` : `because it has no ${ingress ? 'from' : 'to'} list`;
      const whom = policy.selectsAllPods ? 'every pod of the namespace' : 'the pods it selects';
      const flow = ingress ? `lets any address, inside or outside the cluster, connect to ${whom}` : `lets ${whom} connect to any address`;
      // Opening every port, or re-opening a whole namespace, defeats the isolation the policy is for.
      // A port-scoped opening (a public HTTPS port) or an opening for some pods' egress is often deliberate.
      const broad = rule.ports.length === 0 && (ingress || policy.selectsAllPods);
      ctx.report({
        path: peer ? peer.path : rule.path,
        message: `${rule.direction} rule ${Number(rule.path[2]) + 1} of NetworkPolicy "${resource.name}" ${flow} ${portsText(rule)}, ${how}.`,
        severity: broad ? 'warning' : 'info',
      });
    }
  },
});
