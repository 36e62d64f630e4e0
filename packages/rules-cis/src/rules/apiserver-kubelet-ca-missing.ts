import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-kubelet-ca-missing',
  description: "The API server verifies kubelets' serving certificates.",
  severity: 'warning',
  remediation:
    "Set --kubelet-certificate-authority on kube-apiserver to the CA that signs the kubelets' serving certificates (kubelets then need CA-signed serving certificates, e.g. serverTLSBootstrap).",
  component: 'kube-apiserver',
  flags: ['kubelet-certificate-authority'],
  consequence: 'the API server does not verify the kubelet it connects to, so a machine in the path can pose as a kubelet and read exec sessions and logs.',
});
