import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-service-account-plugin-disabled',
  description: 'The API server keeps the ServiceAccount admission plugin on.',
  severity: 'error',
  remediation: 'Remove ServiceAccount from --disable-admission-plugins on kube-apiserver.',
  plugin: 'ServiceAccount',
  want: 'not-disabled',
  consequence: 'pods are no longer checked against their service account, and the service account a pod names need not exist.',
});
