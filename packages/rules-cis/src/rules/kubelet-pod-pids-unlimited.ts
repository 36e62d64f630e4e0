import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-pod-pids-unlimited',
  description: 'The kubelet limits the number of processes in each pod.',
  severity: 'warning',
  remediation: 'Set podPidsLimit in the KubeletConfiguration (or --pod-max-pids) to a positive number that suits the workloads, e.g. 4096.',
  setting: KUBELET.podPidsLimit,
  ok: (value) => typeof value === 'number' && value > 0,
  consequence: 'one pod can start processes until the node runs out, a fork bomb affecting every pod on it.',
});
