import { loopbackBindRule } from '../checks/flag-rules.js';

export default loopbackBindRule({
  id: 'controller-manager-bind-address-not-loopback',
  description: 'The controller manager serves its health and metrics port only on the loopback interface.',
  severity: 'warning',
  remediation: 'Set --bind-address=127.0.0.1 on kube-controller-manager.',
  component: 'kube-controller-manager',
  consequence: 'its secure port (10257) with health, metrics and profiling endpoints is reachable from the network.',
});
