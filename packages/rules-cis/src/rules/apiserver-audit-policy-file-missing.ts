import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-audit-policy-file-missing',
  description: 'The API server has an audit policy, so it records audit events.',
  severity: 'warning',
  remediation: 'Write an audit Policy (audit.k8s.io/v1) and set --audit-policy-file on kube-apiserver to its path.',
  component: 'kube-apiserver',
  flags: ['audit-policy-file'],
  consequence: 'without a policy the API server records no audit events at all.',
});
