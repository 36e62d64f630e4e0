import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'etcd-client-tls-missing',
  description: 'etcd serves clients over TLS with a certificate and key it is given.',
  severity: 'error',
  remediation: 'Set --cert-file and --key-file on etcd (or ETCD_CERT_FILE and ETCD_KEY_FILE) and serve clients on https:// URLs.',
  component: 'etcd',
  flags: ['cert-file', 'key-file'],
  consequence: 'etcd cannot serve clients over TLS, so the cluster state, Secrets included, crosses the network in clear text.',
});
