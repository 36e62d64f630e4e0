import { cdeAccessRule, execRequests } from '../checks/cde-access.js';

export default cdeAccessRule({
  id: 'cde-pods-exec-allowed',
  description: 'No one may exec into or attach to pods of the cardholder data environment.',
  severity: 'warning',
  power: 'exec into or attach to pods',
  remediation:
    'Remove pods/exec and pods/attach from the roles bound in CDE namespaces (and from cluster-wide bindings); debug CDE pods from logs, or through a break-glass role bound on demand and audited.',
  requests: execRequests,
});
