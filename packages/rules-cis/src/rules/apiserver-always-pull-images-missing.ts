import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-always-pull-images-missing',
  description: 'The API server forces every new pod to pull its images with credentials.',
  severity: 'info',
  remediation: 'Add AlwaysPullImages to --enable-admission-plugins on kube-apiserver (it needs a reachable registry whenever a pod starts).',
  plugin: 'AlwaysPullImages',
  want: 'enabled',
  consequence: 'a pod can start from a private image already cached on its node without presenting credentials for it.',
});
