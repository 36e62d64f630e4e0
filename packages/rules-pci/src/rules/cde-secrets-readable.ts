import { cdeAccessRule } from '../checks/cde-access.js';

export default cdeAccessRule({
  id: 'cde-secrets-readable',
  description: 'Only the people and accounts that need it may read Secrets of the cardholder data environment.',
  severity: 'warning',
  power: 'read Secrets (get, list or watch)',
  remediation:
    'Bind roles that read Secrets in CDE namespaces only to the few accounts that need them, through RoleBindings in those namespaces and roles limited by resourceNames; give people a break-glass role bound on demand.',
  requests: () => [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['secrets'] }],
});
