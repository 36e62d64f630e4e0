import { described, KUBELET, kubeletRule } from '../checks/kubelet-config.js';

export default kubeletRule({
  id: 'kubelet-tls-cert-missing',
  description: 'The kubelet serves HTTPS with a certificate it is given or requests from the cluster CA.',
  severity: 'warning',
  remediation:
    'Set tlsCertFile and tlsPrivateKeyFile in the KubeletConfiguration (or --tls-cert-file and --tls-private-key-file), or set serverTLSBootstrap: true and approve the kubelet serving CSRs.',
  evaluate(view) {
    const bootstrap = view.read(KUBELET.serverTLSBootstrap);
    if (!bootstrap || bootstrap.value === true) return [];
    const problems = [];
    for (const s of [KUBELET.tlsCertFile, KUBELET.tlsPrivateKeyFile]) {
      const v = view.read(s);
      if (!v || (typeof v.value === 'string' && v.value.trim() !== '')) continue;
      problems.push({
        path: v.path,
        message: `${described(view, v)} and does not turn on serverTLSBootstrap (--rotate-server-certificates), so the kubelet serves a self-signed certificate that the API server cannot verify.`,
      });
    }
    return problems;
  },
});
