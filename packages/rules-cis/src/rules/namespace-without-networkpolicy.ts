import { hasPolicies, namespaceNetworkRule } from '../checks/namespace-network.js';

export default namespaceNetworkRule({
  id: 'namespace-without-networkpolicy',
  description: 'Every namespace of the input is governed by at least one network policy.',
  severity: 'warning',
  remediation:
    'Add NetworkPolicies to the namespace (or a Calico policy or AdminNetworkPolicy that covers it): start with a default deny (podSelector: {}, policyTypes: [Ingress, Egress]) and allow the traffic each workload needs.',
  evaluate(ns, reach) {
    if (hasPolicies(ns, reach)) return undefined;
    const count = ns.workloads.length;
    const pods =
      count === 0 ? 'no workload of the input runs there yet' : `${count} workload${count === 1 ? '' : 's'} of the input run${count === 1 ? 's' : ''} there`;
    return {
      message: `Namespace "${ns.name}" has no network policy in the input (Kubernetes, Calico or AdminNetworkPolicy), so its pods accept connections from any pod and may connect anywhere (${pods})`,
    };
  },
});
