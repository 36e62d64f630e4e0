import { defineRule, resourceLabel, type JsonPath, type RelatedReport, type ResourceSummary } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { istioMode, linkerdMeshed, meshFacts, podAnnotation } from '../checks/mesh.js';

export default defineRule({
  id: 'cde-mesh-mtls-not-strict',
  description: 'Where a service mesh is installed, it enforces mutual TLS for every namespace of the cardholder data environment.',
  severity: 'error',
  remediation:
    'Istio: add a PeerAuthentication without selector in the CDE namespace (or istio-system, mesh-wide) with mtls.mode STRICT, and remove PERMISSIVE or DISABLE overrides. Linkerd: annotate the CDE namespace linkerd.io/inject: enabled so every pod is meshed.',
  scope: 'set',
  kinds: ['PeerAuthentication', 'workloads'],
  // Workloads are kept only when their pod template speaks to Linkerd; the rest are read from their summaries.
  retain: (resource) => resource.kind === 'PeerAuthentication' || podAnnotation(resource) !== undefined,
  check(set, ctx) {
    const facts = meshFacts(set);
    if (!facts.istio && !facts.linkerd) return;
    const scope = scopeOfSet(set, ctx.settings);
    const namespaces = new Map<string, { object?: ResourceSummary; workloads: ResourceSummary[]; reason: string }>();
    for (const s of set.all) {
      const isNs = s.kind === 'Namespace' && s.apiVersion === 'v1';
      const name = isNs ? s.name : s.podLabels !== undefined && s.kind !== 'PodTemplate' ? s.namespace : undefined;
      if (name === undefined || name === '') continue;
      const reason = scope.namespaceReason(name) ?? (!isNs && s.podLabels !== undefined ? scope.labelReason(s) : undefined);
      const entry = namespaces.get(name);
      if (!entry && !reason) continue;
      const info = entry ?? { workloads: [], reason: reason as string };
      if (isNs) info.object ??= s;
      else info.workloads.push(s);
      namespaces.set(name, info);
    }
    for (const [name, ns] of [...namespaces].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = ns.object
        ? { resource: ns.object, path: ['metadata', 'name'] as JsonPath }
        : ns.workloads[0] && { resource: ns.workloads[0], path: ['metadata', 'namespace'] as JsonPath };
      if (!target) continue;
      const problems: string[] = [];
      const related: RelatedReport[] = [];
      if (facts.istio) {
        const verdict = istioMode(facts, name);
        if (verdict.mode !== 'STRICT') {
          problems.push(
            verdict.source
              ? `Istio PeerAuthentication ${resourceLabel(verdict.source)} sets mTLS mode ${verdict.mode}`
              : 'no Istio PeerAuthentication sets mTLS mode STRICT for it (Istio accepts plaintext by default, PERMISSIVE)',
          );
          if (verdict.source)
            related.push({ resource: verdict.source, path: ['spec', 'mtls', 'mode'], message: `This sets mTLS mode ${verdict.mode} for namespace "${name}".` });
        }
        for (const pa of verdict.weakened) {
          problems.push(`PeerAuthentication ${resourceLabel(pa)} relaxes mTLS for some workloads or ports`);
          related.push({ resource: pa, path: ['spec'], message: 'This PeerAuthentication accepts plaintext for some workloads or ports of the CDE.' });
        }
      }
      if (facts.linkerd && !facts.istio) {
        const unmeshed = ns.workloads.filter((w) => !linkerdMeshed(facts, w));
        if (unmeshed.length > 0 || (ns.workloads.length === 0 && !facts.linkerdNamespaces.has(name))) {
          problems.push(
            unmeshed.length > 0
              ? `Linkerd does not mesh ${unmeshed.map((w) => resourceLabel(w)).join(', ')} (neither the namespace nor the pod template is annotated linkerd.io/inject: enabled)`
              : 'the namespace is not annotated linkerd.io/inject: enabled',
          );
        }
      }
      if (problems.length === 0) continue;
      ctx.report({
        resource: target.resource,
        path: target.path,
        message: `CDE namespace "${name}" (in scope because ${ns.reason}) is not protected by the mesh's mutual TLS: ${problems.join('; ')}.`,
        ...(related.length > 0 ? { related } : {}),
      });
    }
  },
});
