import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-etcd-ca-missing',
  description: "The API server verifies etcd's serving certificate.",
  severity: 'warning',
  remediation: 'Set --etcd-cafile on kube-apiserver to the CA that signs the etcd server certificates.',
  component: 'kube-apiserver',
  flags: ['etcd-cafile'],
  consequence: 'the API server does not verify the etcd server it talks to.',
});
