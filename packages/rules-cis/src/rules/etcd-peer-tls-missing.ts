import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'etcd-peer-tls-missing',
  description: 'etcd talks to its peers over TLS with a certificate and key it is given.',
  severity: 'error',
  remediation: 'Set --peer-cert-file and --peer-key-file on etcd (or ETCD_PEER_CERT_FILE and ETCD_PEER_KEY_FILE) and use https:// peer URLs.',
  component: 'etcd',
  flags: ['peer-cert-file', 'peer-key-file'],
  consequence: 'replication traffic between etcd members is not encrypted.',
});
