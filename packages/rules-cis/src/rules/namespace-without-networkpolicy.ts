import { namespaceNetworkRule, hasUnreadPolicies } from '../checks/namespace-network.js';

export default namespaceNetworkRule({
  id: 'namespace-without-networkpolicy',
  description: 'Every namespace of the input has at least one NetworkPolicy.',
  severity: 'warning',
  remediation:
    'Add NetworkPolicies to the namespace: start with a default deny (podSelector: {}, policyTypes: [Ingress, Egress]) and allow the traffic each workload needs.',
  evaluate(ns, model) {
    if (ns.policies.length > 0 || hasUnreadPolicies(ns, model)) return undefined;
    const count = ns.workloads.length;
    const pods = count === 0 ? 'no workload of the input runs there yet' : `${count} workload${count === 1 ? '' : 's'} of the input run${count === 1 ? 's' : ''} there`;
    return {
      message: `Namespace "${ns.name}" has no NetworkPolicy in the input, so its pods accept connections from any pod and may connect anywhere (${pods})`,
    };
  },
});
