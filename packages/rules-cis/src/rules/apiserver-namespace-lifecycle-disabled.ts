import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-namespace-lifecycle-disabled',
  description: 'The API server keeps the NamespaceLifecycle admission plugin on.',
  severity: 'warning',
  remediation: 'Remove NamespaceLifecycle from --disable-admission-plugins on kube-apiserver.',
  plugin: 'NamespaceLifecycle',
  want: 'not-disabled',
  consequence: 'objects can be created in namespaces that are being deleted or do not exist, and the system namespaces can be deleted.',
});
