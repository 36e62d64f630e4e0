import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-authorization-always-allow',
  description: 'The kubelet asks the API server whether a request to it is allowed.',
  severity: 'error',
  remediation: 'Set authorization.mode: Webhook in the KubeletConfiguration (the file default), or --authorization-mode=Webhook on the kubelet command line.',
  setting: KUBELET.authorizationMode,
  ok: (value) => value !== 'AlwaysAllow',
  consequence: "every authenticated request to the kubelet's API is allowed, including exec into any pod on the node.",
});
