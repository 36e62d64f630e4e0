import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-client-ca-missing',
  description: 'The API server names the CA that signs client certificates.',
  severity: 'warning',
  remediation: 'Set --client-ca-file on kube-apiserver to the cluster CA certificate.',
  component: 'kube-apiserver',
  flags: ['client-ca-file'],
  consequence: 'client certificate authentication is off, so kubelets and control-plane components cannot authenticate with certificates.',
});
