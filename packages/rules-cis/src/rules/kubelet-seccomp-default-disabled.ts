import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-seccomp-default-disabled',
  description: 'The kubelet runs containers with the RuntimeDefault seccomp profile unless they ask for another.',
  severity: 'warning',
  remediation: 'Set seccompDefault: true in the KubeletConfiguration, or --seccomp-default on the command line.',
  setting: KUBELET.seccompDefault,
  ok: (value) => value === true,
  consequence: 'containers that set no seccomp profile run Unconfined, with every system call allowed.',
});
