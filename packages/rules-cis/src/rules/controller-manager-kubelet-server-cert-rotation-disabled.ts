import { featureGate, subjectOf } from '../checks/component-flags.js';
import { componentRule } from '../checks/flag-rules.js';

export default componentRule({
  id: 'controller-manager-kubelet-server-cert-rotation-disabled',
  description: 'The controller manager does not turn off the RotateKubeletServerCertificate feature gate.',
  severity: 'warning',
  remediation: 'Remove RotateKubeletServerCertificate=false from --feature-gates on kube-controller-manager (the gate is on by default).',
  component: 'kube-controller-manager',
  evaluate(invocation) {
    const gate = featureGate(invocation, 'RotateKubeletServerCertificate');
    if (!gate || gate.enabled === true) return [];
    return [
      {
        path: gate.flag.path,
        message: `${subjectOf(invocation)} turns off the RotateKubeletServerCertificate feature gate in --feature-gates, so kubelet serving certificates are not renewed through the certificates API.`,
      },
    ];
  },
});
