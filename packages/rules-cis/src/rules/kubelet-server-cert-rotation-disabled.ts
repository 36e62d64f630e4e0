import { isJsonObject } from '@kubecomply/core';
import { KUBELET, kubeletRule } from '../checks/kubelet-config.js';

export default kubeletRule({
  id: 'kubelet-server-cert-rotation-disabled',
  description: 'The kubelet does not turn off the RotateKubeletServerCertificate feature gate.',
  severity: 'warning',
  remediation:
    'Remove RotateKubeletServerCertificate: false from featureGates in the KubeletConfiguration (or from --feature-gates); the gate is on by default.',
  evaluate(view) {
    const gates = view.read(KUBELET.featureGates);
    if (!gates?.written || !isJsonObject(gates.value)) return [];
    const value = gates.value['RotateKubeletServerCertificate'];
    if (value !== false && value !== 'false') return [];
    return [
      {
        path: gates.at('RotateKubeletServerCertificate'),
        message: `${view.subject} turns off the RotateKubeletServerCertificate feature gate, so the kubelet cannot request and renew its serving certificate through the certificates API.`,
      },
    ];
  },
});
