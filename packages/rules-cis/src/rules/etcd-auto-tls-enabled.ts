import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'etcd-auto-tls-enabled',
  description: 'etcd does not serve clients with a self-signed certificate it generates.',
  severity: 'warning',
  remediation: 'Remove --auto-tls from etcd (or set it to false) and give it --cert-file and --key-file signed by the etcd CA.',
  component: 'etcd',
  flag: 'auto-tls',
  required: false,
  defaultValue: false,
  consequence: 'clients cannot verify a self-signed certificate, so they cannot tell the real etcd from an impostor.',
});
