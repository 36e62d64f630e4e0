import { KUBELET, kubeletSettingRule } from '../checks/kubelet-config.js';

export default kubeletSettingRule({
  id: 'kubelet-client-ca-missing',
  description: "The kubelet names the CA that signs client certificates, such as the API server's.",
  severity: 'warning',
  remediation: 'Set authentication.x509.clientCAFile in the KubeletConfiguration (or --client-ca-file) to the cluster CA certificate.',
  setting: KUBELET.clientCAFile,
  ok: (value) => typeof value === 'string' && value.trim() !== '',
  consequence: 'the kubelet cannot authenticate the API server and other clients by certificate.',
});
