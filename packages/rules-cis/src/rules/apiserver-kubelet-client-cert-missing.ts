import { requiredFlagsRule } from '../checks/flag-rules.js';

export default requiredFlagsRule({
  id: 'apiserver-kubelet-client-cert-missing',
  description: 'The API server presents a client certificate when it calls kubelets.',
  severity: 'error',
  remediation: 'Set --kubelet-client-certificate and --kubelet-client-key on kube-apiserver to a client certificate and key that kubelets trust.',
  component: 'kube-apiserver',
  flags: ['kubelet-client-certificate', 'kubelet-client-key'],
  consequence:
    'the API server calls kubelets (exec, logs, port-forward) without a client certificate, so kubelets must accept unauthenticated requests for those calls to work.',
});
