import { defineRule, resourceLabel, type ResourceSummary, isJsonObject } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { meshEncrypts, meshFacts } from '../checks/mesh.js';

/**
 * A Service port that says it carries plain HTTP: appProtocol http or
 * kubernetes.io/h2c, a name of http or http-* (the convention Istio and
 * Linkerd read for protocol selection), or port 80 or 8080 with neither an
 * appProtocol nor a name that says otherwise.
 */
function plainHttp(port: Record<string, unknown>): string | undefined {
  const appProtocol = typeof port['appProtocol'] === 'string' ? port['appProtocol'].toLowerCase() : undefined;
  const name = typeof port['name'] === 'string' ? port['name'].toLowerCase() : undefined;
  if (appProtocol === 'http' || appProtocol === 'kubernetes.io/h2c') return `appProtocol ${port['appProtocol'] as string}`;
  if (appProtocol !== undefined) return undefined;
  if (name === 'http' || name?.startsWith('http-') || name === 'http2' || name?.startsWith('http2-')) return `its name "${port['name'] as string}"`;
  if (name === undefined && (port['port'] === 80 || port['port'] === 8080)) return `port ${port['port'] as number}`;
  return undefined;
}

export default defineRule({
  id: 'cde-service-plain-http',
  description: 'Services of the cardholder data environment do not carry plain HTTP unless a service mesh encrypts it.',
  severity: 'warning',
  remediation:
    'Serve TLS from the CDE pods (and name the port https or set appProtocol: https), or enforce mesh mutual TLS for the namespace (Istio PeerAuthentication STRICT, Linkerd injection).',
  scope: 'set',
  kinds: ['Service', 'PeerAuthentication'],
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const facts = meshFacts(set);
    const workloads = set.all.filter((s) => s.podLabels !== undefined && s.kind !== 'PodTemplate');
    for (const service of set.ofKind('Service')) {
      if (service.group !== '') continue;
      const namespace = service.namespace ?? '';
      const spec = isJsonObject(service.object['spec']) ? service.object['spec'] : {};
      const selector = isJsonObject(spec['selector']) ? spec['selector'] : undefined;
      const selected = selector
        ? workloads.filter((w) => (w.namespace ?? '') === namespace && Object.entries(selector).every(([k, v]) => w.podLabels?.[k] === String(v)))
        : [];
      const reason = scope.namespaceReason(service.namespace) ?? selected.map((w) => scope.labelReason(w)).find((r) => r !== undefined);
      if (!reason) continue;
      if (meshEncrypts(facts, namespace, selected as ResourceSummary[])) continue;
      const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
      ports.forEach((port: unknown, index) => {
        if (!isJsonObject(port)) return;
        const why = plainHttp(port);
        if (!why) return;
        ctx.report({
          resource: service,
          path: ['spec', 'ports', index],
          message:
            `${resourceLabel(service)} is in the CDE (${reason}) and its port ${String(port['port'])} carries plain HTTP (by ${why}), ` +
            'with no mesh mutual TLS for the namespace: card data would cross the pod network unencrypted.',
        });
      });
    }
  },
});
