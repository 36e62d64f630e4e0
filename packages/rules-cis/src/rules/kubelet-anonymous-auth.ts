import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-anonymous-auth',
  description: 'The kubelet rejects requests that carry no credentials.',
  severity: 'error',
  remediation:
    'Set authentication.anonymous.enabled: false in the KubeletConfiguration (the file default), or --anonymous-auth=false on the kubelet command line.',
  setting: KUBELET.anonymousAuth,
  ok: (value) => value === false,
  consequence: "requests without credentials reach the kubelet's API (pods, logs, exec) as system:anonymous.",
});
