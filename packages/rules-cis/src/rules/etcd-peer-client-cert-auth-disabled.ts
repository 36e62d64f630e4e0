import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'etcd-peer-client-cert-auth-disabled',
  description: 'etcd accepts only peers that present a certificate signed by its trusted peer CA.',
  severity: 'error',
  remediation: 'Set --peer-client-cert-auth=true and --peer-trusted-ca-file on etcd.',
  component: 'etcd',
  flag: 'peer-client-cert-auth',
  required: true,
  defaultValue: false,
  consequence: 'any host that reaches the peer port can join the cluster as a member and receive its data.',
});
