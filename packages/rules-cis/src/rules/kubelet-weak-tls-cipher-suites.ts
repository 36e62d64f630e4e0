import { described, KUBELET, kubeletRule } from '../checks/kubelet-config.js';
import { KUBELET_STRONG_CIPHERS, onlyTls13, summarize, weakCiphers } from '../checks/tls-ciphers.js';

export default kubeletRule({
  id: 'kubelet-weak-tls-cipher-suites',
  description: 'The kubelet offers only strong TLS cipher suites.',
  severity: 'warning',
  remediation:
    'Set tlsCipherSuites in the KubeletConfiguration (or --tls-cipher-suites) to a subset of the six ECDHE AES-GCM and ChaCha20-Poly1305 suites CIS lists, or set tlsMinVersion: VersionTLS13.',
  evaluate(view) {
    const min = view.read(KUBELET.tlsMinVersion);
    if (!min || onlyTls13(String(min.value))) return [];
    const suites = view.read(KUBELET.tlsCipherSuites);
    if (!suites) return [];
    const list = Array.isArray(suites.value) ? suites.value.map(String) : [];
    if (list.length === 0) {
      return [{ path: suites.path, message: `${described(view, suites)}, so Go's default list applies, which still offers CBC-mode suites for TLS 1.2.` }];
    }
    const weak = weakCiphers(list, KUBELET_STRONG_CIPHERS);
    if (weak.length === 0) return [];
    return [{ path: suites.path, message: `${view.subject} offers cipher suites that CIS does not accept: ${summarize(weak)}.` }];
  },
});
