import { type Resource, type ResourceSet, type ResourceSummary, isJsonObject } from '@kubecomply/core';

/**
 * Service-mesh mutual TLS for a namespace, read from Istio PeerAuthentication
 * objects and Linkerd injection annotations.
 *
 * Istio (security.istio.io PeerAuthentication): a policy without a selector
 * in the root namespace (istio-system) sets the mesh-wide mode; one without a
 * selector in a namespace overrides it there; one with a selector overrides
 * it for the workloads it selects, and `portLevelMtls` for some ports. Mode
 * UNSET inherits; without any policy the mode is PERMISSIVE (plaintext
 * accepted). Linkerd encrypts traffic between meshed pods: a namespace is
 * meshed when it or its pods are annotated `linkerd.io/inject: enabled`.
 */

export const ISTIO_ROOT_NAMESPACE = 'istio-system';

export type MeshMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface MeshFacts {
  istio: boolean;
  linkerd: boolean;
  peerAuthentications: readonly Resource[];
  /** Namespaces annotated for Linkerd injection. */
  linkerdNamespaces: ReadonlySet<string>;
}

function mode(value: unknown): MeshMode | undefined {
  const m = isJsonObject(value) ? value['mode'] : undefined;
  return m === 'STRICT' || m === 'PERMISSIVE' || m === 'DISABLE' ? m : undefined;
}

function hasSelector(pa: Resource): boolean {
  const spec = isJsonObject(pa.object['spec']) ? pa.object['spec'] : {};
  const selector = isJsonObject(spec['selector']) ? spec['selector'] : undefined;
  return selector !== undefined && isJsonObject(selector['matchLabels']) && Object.keys(selector['matchLabels']).length > 0;
}

export function meshFacts(set: Pick<ResourceSet, 'all' | 'ofKind'>): MeshFacts {
  const istio = set.all.some((s) => s.apiVersion.split('/')[0]?.endsWith('istio.io') === true);
  const linkerdNamespaces = new Set<string>();
  let linkerd = set.all.some((s) => s.apiVersion.split('/')[0]?.endsWith('linkerd.io') === true);
  for (const s of set.all) {
    if (s.kind === 'Namespace' && s.annotations['linkerd.io/inject'] === 'enabled') {
      linkerdNamespaces.add(s.name);
      linkerd = true;
    }
  }
  const peerAuthentications = set.ofKind('PeerAuthentication').filter((r) => r.group === 'security.istio.io');
  return { istio, linkerd, peerAuthentications, linkerdNamespaces };
}

export interface IstioVerdict {
  mode: MeshMode;
  /** The PeerAuthentication that sets it, when one does. */
  source?: Resource;
  /** Workload-level policies in the namespace that weaken it for some workloads or ports. */
  weakened: Resource[];
}

/** The namespace-wide Istio mTLS mode of a namespace. */
export function istioMode(facts: MeshFacts, namespace: string): IstioVerdict {
  const wide = (ns: string) => facts.peerAuthentications.find((pa) => (pa.namespace ?? '') === ns && !hasSelector(pa));
  const weakened = facts.peerAuthentications.filter((pa) => {
    if ((pa.namespace ?? '') !== namespace) return false;
    const spec = isJsonObject(pa.object['spec']) ? pa.object['spec'] : {};
    const own = mode(spec['mtls']);
    const ports = isJsonObject(spec['portLevelMtls']) ? Object.values(spec['portLevelMtls']).map(mode) : [];
    return (hasSelector(pa) && own !== undefined && own !== 'STRICT') || ports.some((m) => m !== undefined && m !== 'STRICT');
  });
  for (const ns of [namespace, ISTIO_ROOT_NAMESPACE]) {
    const pa = wide(ns);
    const m = pa && mode((isJsonObject(pa.object['spec']) ? pa.object['spec'] : {})['mtls']);
    if (pa && m) return { mode: m, source: pa, weakened };
  }
  return { mode: 'PERMISSIVE', weakened };
}

/** Whether Linkerd meshes a workload: its namespace or its pod template is annotated for injection (and the pod does not opt out). */
export function linkerdMeshed(facts: MeshFacts, workload: ResourceSummary): boolean {
  const own = workload.resource ? podAnnotation(workload.resource) : undefined;
  if (own === 'disabled') return false;
  return own === 'enabled' || facts.linkerdNamespaces.has(workload.namespace ?? '');
}

/** A workload's pod template `linkerd.io/inject` annotation. */
export function podAnnotation(resource: Resource): string | undefined {
  const paths: Record<string, string[]> = {
    Pod: [],
    Deployment: ['spec', 'template'],
    StatefulSet: ['spec', 'template'],
    DaemonSet: ['spec', 'template'],
    ReplicaSet: ['spec', 'template'],
    Job: ['spec', 'template'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  };
  let value: unknown = resource.object;
  for (const key of paths[resource.kind] ?? []) value = isJsonObject(value) ? value[key] : undefined;
  const meta = isJsonObject(value) ? value['metadata'] : undefined;
  const annotations = isJsonObject(meta) ? meta['annotations'] : undefined;
  const inject = isJsonObject(annotations) ? annotations['linkerd.io/inject'] : undefined;
  return typeof inject === 'string' ? inject : undefined;
}

/** Whether the mesh encrypts traffic to the namespace's pods (used to excuse plain-HTTP ports). */
export function meshEncrypts(facts: MeshFacts, namespace: string, workloads: readonly ResourceSummary[]): boolean {
  if (facts.istio) {
    const verdict = istioMode(facts, namespace);
    if (verdict.mode === 'STRICT' && verdict.weakened.length === 0) return true;
  }
  if (facts.linkerd && workloads.length > 0 && workloads.every((w) => linkerdMeshed(facts, w))) return true;
  return facts.linkerd && facts.linkerdNamespaces.has(namespace);
}
