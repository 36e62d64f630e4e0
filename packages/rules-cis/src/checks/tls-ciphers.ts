/**
 * The TLS cipher suites CIS Kubernetes Benchmark v1.12 accepts. Anything
 * else (CBC modes, RSA key exchange, 3DES, RC4) is weak. TLS 1.3 suites are
 * not configurable in Go, so a server that only speaks TLS 1.3 passes
 * whatever its list says; with no list, Go's defaults apply, and they still
 * include CBC suites for TLS 1.2.
 */

/** CIS 1.2.29 (kube-apiserver). */
export const APISERVER_STRONG_CIPHERS: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** CIS 4.2.12 (kubelet). */
export const KUBELET_STRONG_CIPHERS: ReadonlySet<string> = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
]);

/** `--tls-min-version` / `tlsMinVersion` values that leave only TLS 1.3. */
export function onlyTls13(minVersion: string): boolean {
  return minVersion.trim() === 'VersionTLS13';
}

/** The suites of a list that are not allowed, in the order written. */
export function weakCiphers(suites: readonly string[], allowed: ReadonlySet<string>): string[] {
  return suites.filter((s) => !allowed.has(s));
}

/** 'A, B and 2 more', for messages about long lists. */
export function summarize(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
