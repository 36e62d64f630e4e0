import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'apiserver-service-account-token-extended-expiry',
  description: 'The API server does not extend the lifetime of the service account tokens it injects into pods.',
  severity: 'warning',
  remediation: 'Set --service-account-extend-token-expiration=false on kube-apiserver.',
  component: 'kube-apiserver',
  flag: 'service-account-extend-token-expiration',
  required: false,
  defaultValue: true,
  consequence: 'the tokens it injects into pods (the kube-api-access volume) stay valid for up to a year instead of about an hour.',
});
