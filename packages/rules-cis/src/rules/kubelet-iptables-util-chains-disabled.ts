import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-iptables-util-chains-disabled',
  description: 'The kubelet manages its iptables utility chains.',
  severity: 'warning',
  remediation:
    'Set makeIPTablesUtilChains: true in the KubeletConfiguration (or leave it out: true is the default), or remove --make-iptables-util-chains=false.',
  setting: KUBELET.makeIPTablesUtilChains,
  ok: (value) => value === true,
  consequence: 'the kubelet does not create its iptables chains, so node networking depends on whatever else manages them.',
});
