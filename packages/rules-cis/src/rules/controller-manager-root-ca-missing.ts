import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'controller-manager-root-ca-missing',
  description: "The controller manager gives pods the CA that signs the API server's certificate.",
  severity: 'warning',
  remediation: 'Set --root-ca-file on kube-controller-manager to the cluster CA certificate bundle.',
  component: 'kube-controller-manager',
  flags: ['root-ca-file'],
  consequence: "pods are not given the CA bundle, so they cannot verify the API server's certificate.",
});
