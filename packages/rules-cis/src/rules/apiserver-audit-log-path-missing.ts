import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-audit-log-path-missing',
  description: 'The API server writes audit events to a log file.',
  severity: 'warning',
  remediation:
    'Set --audit-log-path on kube-apiserver (e.g. /var/log/kubernetes/audit/audit.log, with the directory mounted from the node), together with --audit-policy-file.',
  component: 'kube-apiserver',
  flags: ['audit-log-path'],
  consequence: 'no audit log file is written, so requests to the API server leave no trail on the node.',
});
