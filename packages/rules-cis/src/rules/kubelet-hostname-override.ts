import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

/** --hostname-override has no KubeletConfiguration field, so only kubelets run as containers are checked. */
export default kubeletSettingRule({
  id: 'kubelet-hostname-override',
  description: "The kubelet registers under the node's own hostname.",
  severity: 'info',
  remediation: 'Remove --hostname-override from the kubelet command line, unless a cloud provider needs it.',
  setting: KUBELET.hostnameOverride,
  ok: (value) => typeof value === 'string' && value.trim() === '',
  consequence:
    'the name the kubelet registers may not match the name in its serving certificate, which breaks TLS verification between the API server and the kubelet.',
});
