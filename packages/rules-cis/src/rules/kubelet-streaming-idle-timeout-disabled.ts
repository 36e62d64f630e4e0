import { isZeroDuration, KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

/**
 * Only the flag can turn the timeout off: in a KubeletConfiguration the
 * kubelet replaces a zero duration (kubeadm writes 0s) with the 4h default.
 */
export default kubeletSettingRule({
  id: 'kubelet-streaming-idle-timeout-disabled',
  description: 'The kubelet closes idle streaming connections (exec, attach, port-forward).',
  severity: 'info',
  remediation:
    'Remove --streaming-connection-idle-timeout=0 from the kubelet command line or give it a non-zero duration such as 5m; in a KubeletConfiguration, streamingConnectionIdleTimeout can be left out (4h).',
  setting: KUBELET.streamingConnectionIdleTimeout,
  ok: (value) => !isZeroDuration(value),
  consequence: 'idle exec, attach and port-forward connections are never closed (recent kubelets document the field as having no effect).',
});
