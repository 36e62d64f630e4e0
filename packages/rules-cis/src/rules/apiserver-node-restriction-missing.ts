import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-node-restriction-missing',
  description: 'The API server limits each kubelet to its own Node and pods.',
  severity: 'error',
  remediation: 'Add NodeRestriction to --enable-admission-plugins on kube-apiserver (with --authorization-mode including Node).',
  plugin: 'NodeRestriction',
  want: 'enabled',
  consequence: "a kubelet's credentials can modify other Nodes and the pods bound to them.",
});
