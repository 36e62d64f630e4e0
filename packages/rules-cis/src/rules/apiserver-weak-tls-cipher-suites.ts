import { listSetting, setting, subjectOf } from '../checks/component-flags.js';
import { componentRule, missing } from '../checks/flag-rules.js';
import { APISERVER_STRONG_CIPHERS, onlyTls13, summarize, weakCiphers } from '../checks/tls-ciphers.js';

export default componentRule({
  id: 'apiserver-weak-tls-cipher-suites',
  description: 'The API server offers only strong TLS cipher suites.',
  severity: 'warning',
  remediation:
    'Set --tls-cipher-suites on kube-apiserver to a subset of the AEAD suites CIS lists (ECDHE with AES-GCM or ChaCha20-Poly1305), or set --tls-min-version=VersionTLS13.',
  component: 'kube-apiserver',
  evaluate(invocation) {
    const min = setting(invocation, 'tls-min-version');
    if (min.state === 'set' && onlyTls13(min.flag.value ?? '')) return [];
    const suites = listSetting(invocation, 'tls-cipher-suites');
    if (!suites) {
      if (setting(invocation, 'tls-cipher-suites').state === 'unknown') return [];
      return [missing(invocation, "does not set --tls-cipher-suites, so Go's default list applies, which still offers CBC-mode suites for TLS 1.2.")];
    }
    const weak = suites.filter((s) => weakCiphers([s.item], APISERVER_STRONG_CIPHERS).length > 0);
    if (weak.length === 0) return [];
    const names = summarize(weak.map((w) => w.item));
    return [
      { path: (weak[0] as (typeof weak)[number]).flag.path, message: `${subjectOf(invocation)} offers cipher suites that CIS does not accept: ${names}.` },
    ];
  },
});
