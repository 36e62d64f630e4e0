import { defineRule, isJsonObject } from '@kubecomply/core';

/** Providers CIS 1.2.28 accepts as the first (writing) provider. */
const STRONG: ReadonlySet<string> = new Set(['aescbc', 'secretbox', 'kms']);
const PROVIDERS: readonly string[] = ['identity', 'aescbc', 'aesgcm', 'secretbox', 'kms'];

/** Resource names of an EncryptionConfiguration entry that cover Secrets: `secrets`, `*.` (core group) or `*.*`. */
const COVERS_SECRETS: ReadonlySet<string> = new Set(['secrets', '*.', '*.*']);

function providerName(entry: unknown): string {
  if (!isJsonObject(entry)) return '';
  return PROVIDERS.find((p) => Object.hasOwn(entry, p)) ?? Object.keys(entry)[0] ?? '';
}

export default defineRule({
  id: 'encryption-provider-weak',
  description: 'The EncryptionConfiguration encrypts Secrets with aescbc, secretbox or kms.',
  severity: 'error',
  remediation:
    'In the EncryptionConfiguration, list secrets in a resources entry whose first provider is kms (v2), secretbox or aescbc; keep identity only after it, to read data written before encryption was turned on.',
  appliesTo: ['EncryptionConfiguration'],
  check(resource, ctx) {
    if (resource.group !== 'apiserver.config.k8s.io') return;
    const entries: unknown = resource.object['resources'];
    let secretsCovered = false;
    if (Array.isArray(entries)) {
      entries.forEach((entry: unknown, i) => {
        if (!isJsonObject(entry)) return;
        const names: unknown = entry['resources'];
        const list = Array.isArray(names) ? names.map(String) : [];
        const covers = list.filter((n) => COVERS_SECRETS.has(n));
        if (covers.length === 0) return;
        if (secretsCovered) return;
        secretsCovered = true;
        const providers: unknown = entry['providers'];
        const first = Array.isArray(providers) ? providers[0] : undefined;
        const name = providerName(first);
        if (STRONG.has(name)) return;
        const what = list.join(', ');
        if (name === '') {
          ctx.report({ path: ['resources', i, 'providers'], message: `The entry for ${what} names no provider, so those resources are not encrypted.` });
        } else if (name === 'identity') {
          ctx.report({
            path: ['resources', i, 'providers', 0],
            message: `The first provider for ${what} is identity, so new and updated objects are written to etcd unencrypted.`,
          });
        } else if (name === 'aesgcm') {
          ctx.report({
            path: ['resources', i, 'providers', 0],
            severity: 'warning',
            message: `The first provider for ${what} is aesgcm, which is only safe with a new key at least every 200,000 writes; CIS accepts aescbc, secretbox or kms.`,
          });
        } else {
          ctx.report({
            path: ['resources', i, 'providers', 0],
            message: `The first provider for ${what} is "${name}", which is not one of aescbc, secretbox or kms.`,
          });
        }
      });
    }
    if (!secretsCovered) {
      ctx.report({ path: ['resources'], message: 'No entry lists secrets (or *. / *.*), so Secrets are stored in etcd unencrypted.' });
    }
  },
});
