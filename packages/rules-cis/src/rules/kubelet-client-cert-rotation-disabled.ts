import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-client-cert-rotation-disabled',
  description: 'The kubelet renews its client certificate before it expires.',
  severity: 'warning',
  remediation: 'Set rotateCertificates: true in the KubeletConfiguration (kubeadm does), or --rotate-certificates on the command line.',
  setting: KUBELET.rotateCertificates,
  ok: (value) => value === true,
  consequence: 'its client certificate is not renewed, so it expires or has to be replaced by hand.',
});
