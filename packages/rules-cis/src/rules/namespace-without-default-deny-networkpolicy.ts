import { isolatesNamespace, type PolicyDirection } from '@kubecomply/core';
import { namespaceNetworkRule, hasUnreadPolicies } from '../checks/namespace-network.js';

export default namespaceNetworkRule({
  id: 'namespace-without-default-deny-networkpolicy',
  description: 'Every namespace with NetworkPolicies denies Ingress and Egress traffic by default.',
  severity: 'warning',
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress, Egress] and no rules, then allow the traffic each workload needs (DNS egress included) with further policies.',
  evaluate(ns, model) {
    // A namespace without any policy is namespace-without-networkpolicy's finding; saying it twice helps nobody.
    if (ns.policies.length === 0 || hasUnreadPolicies(ns, model)) return undefined;
    const missing = (['Ingress', 'Egress'] as const).filter((d: PolicyDirection) => !ns.policies.some((p) => isolatesNamespace(p, d)));
    if (missing.length === 0) return undefined;
    const consequence =
      missing.length === 2
        ? 'a pod that no policy selects accepts connections from anywhere and connects anywhere'
        : missing[0] === 'Ingress'
          ? 'a pod that no policy selects for Ingress accepts connections from anywhere'
          : 'a pod that no policy selects for Egress connects anywhere';
    return {
      message: `Namespace "${ns.name}" has NetworkPolicies but none isolates all its pods for ${missing.join(' or ')}, so ${consequence}`,
      // Without an Ingress baseline any pod can be reached; a missing Egress baseline is the weaker, more common gap.
      severity: missing.includes('Ingress') ? 'warning' : 'info',
    };
  },
});
