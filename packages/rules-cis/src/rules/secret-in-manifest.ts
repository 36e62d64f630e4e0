import { defineRule, isJsonObject } from '@kubecomply/core';

/** Secret types whose literal content is not an application secret kept in the manifests. */
const COVERED_ELSEWHERE: ReadonlySet<string> = new Set([
  // bootstrap-token-auth-enabled reports these.
  'bootstrap.kubernetes.io/token',
]);

/** The map has at least one non-empty value. */
function holdsValues(value: unknown): boolean {
  return isJsonObject(value) && Object.values(value).some((v) => v !== null && v !== undefined && String(v) !== '');
}

export default defineRule({
  id: 'secret-in-manifest',
  description: 'Secret values are kept in an external secret store, not written into the manifests.',
  severity: 'info',
  appliesTo: ['Secret'],
  remediation:
    'Keep the value in an external secret store and deliver it with ExternalSecret (External Secrets Operator), SecretProviderClass (Secrets Store CSI driver) or a Vault injector, or commit only an encrypted SealedSecret or SOPS file.',
  check(resource, ctx) {
    if (resource.group !== '') return;
    const type = resource.object['type'];
    if (typeof type === 'string' && COVERED_ELSEWHERE.has(type)) return;
    // A service-account-token Secret with no data is filled in by the control plane (legacy-service-account-token-secret covers it).
    const field = (['data', 'stringData'] as const).find((f) => holdsValues(resource.object[f]));
    if (!field) return;
    const keys = Object.keys(resource.object[field] as Record<string, unknown>);
    const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')}, …` : keys.join(', ');
    ctx.report({
      path: [field],
      message: `This Secret carries its values (${shown}) in ${field}, so they live in the manifests, their copies and their history; keep them in an external secret store.`,
    });
  },
});
