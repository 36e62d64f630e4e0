import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'etcd-client-cert-auth-disabled',
  description: 'etcd accepts only clients that present a certificate signed by its trusted CA.',
  severity: 'error',
  remediation: 'Set --client-cert-auth=true and --trusted-ca-file on etcd, and give kube-apiserver --etcd-certfile and --etcd-keyfile.',
  component: 'etcd',
  flag: 'client-cert-auth',
  required: true,
  defaultValue: false,
  consequence: 'any client that reaches the client port can read and write the whole cluster state.',
});
