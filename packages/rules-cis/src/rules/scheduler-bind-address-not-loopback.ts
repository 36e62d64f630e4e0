import { loopbackBindRule } from '../checks/flag-rules.js';

export default loopbackBindRule({
  id: 'scheduler-bind-address-not-loopback',
  description: 'The scheduler serves its health and metrics port only on the loopback interface.',
  severity: 'warning',
  remediation: 'Set --bind-address=127.0.0.1 on kube-scheduler.',
  component: 'kube-scheduler',
  consequence: 'its secure port (10259) with health, metrics and profiling endpoints is reachable from the network.',
});
