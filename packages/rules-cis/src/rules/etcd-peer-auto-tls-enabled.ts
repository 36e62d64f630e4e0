import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'etcd-peer-auto-tls-enabled',
  description: 'etcd does not talk to its peers with self-signed certificates it generates.',
  severity: 'warning',
  remediation: 'Remove --peer-auto-tls from etcd (or set it to false) and give it --peer-cert-file and --peer-key-file signed by the etcd peer CA.',
  component: 'etcd',
  flag: 'peer-auto-tls',
  required: false,
  defaultValue: false,
  consequence: "members cannot verify each other's self-signed certificates.",
});
