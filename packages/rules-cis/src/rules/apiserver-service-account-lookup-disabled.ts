import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'apiserver-service-account-lookup-disabled',
  description: 'The API server checks that a service account token still belongs to an existing service account.',
  severity: 'warning',
  remediation: 'Remove --service-account-lookup=false from kube-apiserver (the default is true) or set it to true.',
  component: 'kube-apiserver',
  flag: 'service-account-lookup',
  required: true,
  defaultValue: true,
  consequence: 'tokens of deleted service accounts keep working until they expire.',
});
