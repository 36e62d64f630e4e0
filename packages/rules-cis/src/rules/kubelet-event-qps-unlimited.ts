import { kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-event-qps-unlimited',
  description: 'The kubelet limits the rate at which it records events.',
  severity: 'warning',
  remediation:
    'Remove eventRecordQPS: 0 from the KubeletConfiguration (or --event-qps=0) so the default of 50 events per second applies, or set another positive limit.',
  setting: { field: ['eventRecordQPS'], flag: 'event-qps', kind: 'integer', configDefault: 50, flagDefault: 50 },
  ok: (value) => value !== 0,
  consequence: '0 removes the limit on events the kubelet creates, so a node with crash-looping pods can flood the API server and etcd with events.',
});
