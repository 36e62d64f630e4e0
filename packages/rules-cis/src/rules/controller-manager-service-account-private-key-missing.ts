import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'controller-manager-service-account-private-key-missing',
  description: 'The controller manager names the private key that signs service account tokens.',
  severity: 'warning',
  remediation:
    "Set --service-account-private-key-file on kube-controller-manager to the key whose public half is in kube-apiserver's --service-account-key-file.",
  component: 'kube-controller-manager',
  flags: ['service-account-private-key-file'],
  consequence: 'it cannot sign service account tokens, and the signing key cannot be rotated on its own.',
});
