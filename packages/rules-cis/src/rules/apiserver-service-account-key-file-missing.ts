import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-service-account-key-file-missing',
  description: 'The API server names the public key that verifies service account tokens.',
  severity: 'warning',
  remediation: "Set --service-account-key-file on kube-apiserver to the public key matching the controller manager's --service-account-private-key-file.",
  component: 'kube-apiserver',
  flags: ['service-account-key-file'],
  consequence: 'service account tokens are verified with the TLS serving key instead, so that key cannot be rotated on its own.',
});
