import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-read-only-port',
  description: 'The kubelet does not open its unauthenticated read-only port.',
  severity: 'warning',
  remediation: 'Set readOnlyPort: 0 in the KubeletConfiguration (or leave it out: 0 is the file default), or --read-only-port=0 on the command line.',
  setting: KUBELET.readOnlyPort,
  ok: (value) => value === 0,
  consequence: 'the read-only port serves pod specs, node metrics and other data to anyone who can reach it, without authentication.',
});
