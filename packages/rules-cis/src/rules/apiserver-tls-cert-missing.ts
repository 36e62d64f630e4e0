import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-tls-cert-missing',
  description: 'The API server serves HTTPS with a certificate and key it is given.',
  severity: 'warning',
  remediation: 'Set --tls-cert-file and --tls-private-key-file on kube-apiserver to a certificate signed by the cluster CA.',
  component: 'kube-apiserver',
  flags: ['tls-cert-file', 'tls-private-key-file'],
  consequence: 'the API server generates a self-signed certificate that clients cannot verify.',
});
