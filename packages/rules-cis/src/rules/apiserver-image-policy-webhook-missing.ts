import { admissionPluginRule } from '../checks/flag-rules.js';

export default admissionPluginRule({
  id: 'apiserver-image-policy-webhook-missing',
  description: 'The API server asks an image policy webhook before admitting pods.',
  severity: 'info',
  remediation:
    'Add ImagePolicyWebhook to --enable-admission-plugins with its configuration in --admission-control-config-file, or record which other admission controller (e.g. a signature-verifying policy engine) checks image provenance.',
  plugin: 'ImagePolicyWebhook',
  want: 'enabled',
  needsConfigFile: true,
  consequence: 'no ImagePolicyWebhook decides which images may run (another admission controller may do so; check by hand).',
});
