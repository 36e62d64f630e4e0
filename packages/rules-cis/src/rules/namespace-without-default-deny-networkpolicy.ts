import type { Direction, RelatedReport } from '@kubecomply/core';
import { hasPolicies, namespaceNetworkRule, openness } from '../checks/namespace-network.js';

export default namespaceNetworkRule({
  id: 'namespace-without-default-deny-networkpolicy',
  description: 'Every namespace with network policies denies Ingress and Egress traffic by default.',
  severity: 'warning',
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress, Egress] and no rules (or a Calico policy or AdminNetworkPolicy that denies by default), then allow the traffic each workload needs (DNS egress included) with further policies.',
  evaluate(ns, reach) {
    // A namespace without any policy is namespace-without-networkpolicy's finding; saying it twice helps nobody.
    if (!hasPolicies(ns, reach)) return undefined;
    // A new pod without labels stands for every pod no narrower policy selects: it must be denied a connection from, and to, any address.
    const open: { direction: Direction; text: string; related?: RelatedReport }[] = [];
    for (const direction of ['Ingress', 'Egress'] as const) {
      const result = reach.isolation(ns.name, direction, false);
      if (!result.isolated) open.push({ direction, ...openness(result, direction) });
    }
    if (open.length === 0) return undefined;
    const missing = open.map((o) => o.direction);
    const consequence =
      missing.length === 2
        ? 'a pod that no policy selects accepts connections from anywhere and connects anywhere'
        : missing[0] === 'Ingress'
          ? 'a pod that no policy selects for Ingress accepts connections from anywhere'
          : 'a pod that no policy selects for Egress connects anywhere';
    return {
      message: `Namespace "${ns.name}" has network policies but none denies ${missing.join(' or ')} to all its pods by default, so ${consequence} (${open.map((o) => `${o.direction}: ${o.text}`).join('; ')})`,
      // Without an Ingress baseline any pod can be reached; a missing Egress baseline is the weaker, more common gap.
      severity: missing.includes('Ingress') ? 'warning' : 'info',
      related: open.flatMap((o) => (o.related ? [o.related] : [])),
    };
  },
});
