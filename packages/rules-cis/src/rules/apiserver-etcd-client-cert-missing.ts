import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-etcd-client-cert-missing',
  description: 'The API server authenticates to etcd with a client certificate.',
  severity: 'error',
  remediation: 'Set --etcd-certfile and --etcd-keyfile on kube-apiserver, and run etcd with --client-cert-auth=true.',
  component: 'kube-apiserver',
  flags: ['etcd-certfile', 'etcd-keyfile'],
  consequence: 'the API server cannot authenticate to etcd, so etcd must accept clients without certificates.',
});
