import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-always-admit-enabled',
  description: 'The API server does not use the AlwaysAdmit admission plugin.',
  severity: 'error',
  remediation: 'Remove AlwaysAdmit from --enable-admission-plugins on kube-apiserver.',
  plugin: 'AlwaysAdmit',
  want: 'not-enabled',
  consequence: 'the plugin is deprecated and checks nothing: it accepts every request, as if admission control were off.',
});
