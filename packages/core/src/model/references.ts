import { isJsonObject, type JsonObject } from '../base/json.js';
import type { JsonPath } from '../base/types.js';
import type { Resource } from './resource.js';
import { matchesLabelMap, matchesSelector, type LabelSelector } from './selector.js';
import { podSpecOf } from './workload.js';

/**
 * Which objects refer to which others, as the API server and the kubelet
 * resolve them: the Secrets, ConfigMaps and ServiceAccount a pod needs, the
 * pods a Service or PodDisruptionBudget selects, the Services an Ingress
 * routes to, the object a HorizontalPodAutoscaler scales. Rules that report
 * dangling references or missing counterparts read these, so every rule
 * agrees on what a reference is.
 *
 * Namespaces: an object without `metadata.namespace` gets one when it is
 * applied, so a reference between two objects matches when their namespaces
 * are equal or when either of them names none.
 */

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether two objects may live in the same namespace (see above). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Something that may run pods, as far as selection goes (a Resource or a set rule's ResourceSummary). */
export interface PodSelectable {
  kind: string;
  name: string;
  namespace?: string | undefined;
  /** The labels of the pods it runs; undefined for objects that run none. */
  podLabels?: Readonly<Record<string, string>> | undefined;
}

/** The kinds a pod spec refers to by name. */
export type ReferencedKind = 'Secret' | 'ConfigMap' | 'ServiceAccount';

/** A reference from a pod spec to an object of its namespace. */
export interface PodReference {
  kind: ReferencedKind;
  name: string;
  /** The key read from the object (env `*KeyRef.key`), when one is named. */
  key?: string;
  /** `optional: true`: the pod starts without the object. */
  optional: boolean;
  /** Path of the field naming the object (or the key), inside the resource's object. */
  path: JsonPath;
  /** What refers: 'env var "DB_PASSWORD" of container "app"', 'volume "certs"'. */
  via: string;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * Every Secret, ConfigMap and ServiceAccount a workload's pods refer to:
 * env `valueFrom` keys, `envFrom` sources, secret/configMap/projected
 * volumes, imagePullSecrets and the service account (spec.serviceAccountName,
 * else the deprecated spec.serviceAccount). The implicit "default" service
 * account is not a reference: every namespace has it.
 */
export function podReferences(resource: Resource): PodReference[] {
  const pod = podSpecOf(resource);
  if (!pod) return [];
  const spec = pod.value as unknown as JsonObject;
  const out: PodReference[] = [];
  const add = (ref: PodReference) => {
    if (ref.name !== '') out.push(ref);
  };

  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const name = text(spec[field]);
    if (name === undefined) continue;
    if (name !== 'default') add({ kind: 'ServiceAccount', name, optional: false, path: [...pod.path, field], via: `spec.${field}` });
    break;
  }

  const pullSecrets = spec['imagePullSecrets'];
  if (Array.isArray(pullSecrets)) {
    pullSecrets.forEach((entry, i) => {
      const name = isJsonObject(entry) ? text(entry['name']) : undefined;
      // A missing pull secret only matters for a private registry; the kubelet pulls without it otherwise.
      if (name) add({ kind: 'Secret', name, optional: true, path: [...pod.path, 'imagePullSecrets', i, 'name'], via: 'imagePullSecrets' });
    });
  }

  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, ci) => {
      if (!isJsonObject(container)) return;
      const base: JsonPath = [...pod.path, list, ci];
      const who = `container "${String(container['name'] ?? '')}"`;
      const env = container['env'];
      if (Array.isArray(env)) {
        env.forEach((entry, ei) => {
          if (!isJsonObject(entry) || !isJsonObject(entry['valueFrom'])) return;
          for (const [field, kind] of [
            ['secretKeyRef', 'Secret'],
            ['configMapKeyRef', 'ConfigMap'],
          ] as const) {
            const ref = entry['valueFrom'][field];
            if (!isJsonObject(ref)) continue;
            const name = text(ref['name']);
            if (!name) continue;
            const key = text(ref['key']);
            add({
              kind,
              name,
              ...(key !== undefined ? { key } : {}),
              optional: ref['optional'] === true,
              path: [...base, 'env', ei, 'valueFrom', field, 'name'],
              via: `env var "${String(entry['name'] ?? '')}" of ${who}`,
            });
          }
        });
      }
      const envFrom = container['envFrom'];
      if (Array.isArray(envFrom)) {
        envFrom.forEach((entry, ei) => {
          if (!isJsonObject(entry)) return;
          for (const [field, kind] of [
            ['secretRef', 'Secret'],
            ['configMapRef', 'ConfigMap'],
          ] as const) {
            const ref = entry[field];
            const name = isJsonObject(ref) ? text(ref['name']) : undefined;
            if (!name || !isJsonObject(ref)) continue;
            add({ kind, name, optional: ref['optional'] === true, path: [...base, 'envFrom', ei, field, 'name'], via: `envFrom of ${who}` });
          }
        });
      }
    });
  }

  const volumes = spec['volumes'];
  if (Array.isArray(volumes)) {
    volumes.forEach((volume, vi) => {
      if (!isJsonObject(volume)) return;
      const base: JsonPath = [...pod.path, 'volumes', vi];
      const via = `volume "${String(volume['name'] ?? '')}"`;
      const secret = volume['secret'];
      if (isJsonObject(secret) && text(secret['secretName'])) {
        add({
          kind: 'Secret',
          name: text(secret['secretName']) as string,
          optional: secret['optional'] === true,
          path: [...base, 'secret', 'secretName'],
          via,
        });
      }
      const configMap = volume['configMap'];
      if (isJsonObject(configMap) && text(configMap['name'])) {
        add({
          kind: 'ConfigMap',
          name: text(configMap['name']) as string,
          optional: configMap['optional'] === true,
          path: [...base, 'configMap', 'name'],
          via,
        });
      }
      const projected = volume['projected'];
      const sources = isJsonObject(projected) ? projected['sources'] : undefined;
      if (Array.isArray(sources)) {
        sources.forEach((source, si) => {
          if (!isJsonObject(source)) return;
          for (const [field, kind] of [
            ['secret', 'Secret'],
            ['configMap', 'ConfigMap'],
          ] as const) {
            const ref = source[field];
            const name = isJsonObject(ref) ? text(ref['name']) : undefined;
            if (!name || !isJsonObject(ref)) continue;
            add({ kind, name, optional: ref['optional'] === true, path: [...base, 'projected', 'sources', si, field, 'name'], via });
          }
        });
      }
    });
  }
  return out;
}

/** The keys an object holds: a Secret's data and stringData, a ConfigMap's data and binaryData. */
export function dataKeys(object: Resource): Set<string> {
  const fields = object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const keys = new Set<string>();
  for (const field of fields) {
    const value = object.object[field];
    if (isJsonObject(value)) for (const key of Object.keys(value)) keys.add(key);
  }
  return keys;
}

// ---------------------------------------------------------------- Services

/** A Service's `spec.selector`, or undefined when it has none (a Service without selector has endpoints managed by hand). */
export function serviceSelector(service: Resource): Readonly<Record<string, unknown>> | undefined {
  const spec = service.object['spec'];
  if (!isJsonObject(spec)) return undefined;
  const selector = spec['selector'];
  return isJsonObject(selector) && Object.keys(selector).length > 0 ? selector : undefined;
}

/** The Service type, as the API server defaults it. */
export function serviceType(service: Resource): string {
  const spec = service.object['spec'];
  return isJsonObject(spec) && typeof spec['type'] === 'string' ? spec['type'] : 'ClusterIP';
}

/** One port of a Service, with its path. */
export interface ServicePort {
  port?: number;
  name?: string;
  /** A number or a named port of the pods; the API server defaults it to `port`. */
  targetPort?: number | string;
  path: JsonPath;
}

/** The ports of a Service, as written. */
export function servicePorts(service: Resource): ServicePort[] {
  const spec = service.object['spec'];
  const ports = isJsonObject(spec) ? spec['ports'] : undefined;
  if (!Array.isArray(ports)) return [];
  const out: ServicePort[] = [];
  ports.forEach((p, i) => {
    if (!isJsonObject(p)) return;
    const entry: ServicePort = { path: ['spec', 'ports', i] };
    if (typeof p['port'] === 'number') entry.port = p['port'];
    if (typeof p['name'] === 'string') entry.name = p['name'];
    const target = p['targetPort'];
    if (typeof target === 'number' || (typeof target === 'string' && target !== '')) entry.targetPort = /^\d+$/.test(String(target)) ? Number(target) : target;
    out.push(entry);
  });
  return out;
}

/**
 * Labels a controller adds to the pods it creates, beyond its template's:
 * a selector may name them (a Service per StatefulSet pod, say).
 */
const CONTROLLER_LABELS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['pod-template-hash'],
  ReplicaSet: ['pod-template-hash'],
  StatefulSet: ['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash'],
  DaemonSet: ['controller-revision-hash', 'pod-template-generation'],
  Job: ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'batch.kubernetes.io/job-completion-index'],
  CronJob: ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'],
};

/**
 * The labels a workload's pods carry, as far as a selector can tell: its
 * template's, with the controller-generated keys (CONTROLLER_LABELS) taking
 * whatever value a selector asks for. A StatefulSet's pod-name label only
 * matches names of its own pods ("web-0" for StatefulSet "web").
 */
export function runningPodLabels(workload: PodSelectable, selector: Readonly<Record<string, unknown>>): Record<string, string> {
  const labels: Record<string, string> = { ...(workload.podLabels ?? {}) };
  for (const key of CONTROLLER_LABELS[workload.kind] ?? []) {
    const wanted = selector[key];
    if (wanted === undefined || Object.hasOwn(labels, key)) continue;
    if (key === 'statefulset.kubernetes.io/pod-name' && !String(wanted).startsWith(`${workload.name}-`)) continue;
    labels[key] = String(wanted);
  }
  return labels;
}

/**
 * Whether a Service's selector picks the pods of a workload, counting the
 * labels its controller adds (runningPodLabels) and matching a namespace-less
 * side with any namespace (exposure's serviceSelects matches template labels
 * in the same namespace only).
 */
export function serviceSelectsPods(service: Resource, workload: PodSelectable): boolean {
  const selector = serviceSelector(service);
  if (!selector || !workload.podLabels) return false;
  return sameNamespace(service.namespace, workload.namespace) && matchesLabelMap(selector, runningPodLabels(workload, selector));
}

/**
 * Whether an object is of a kind Kubernetes itself defines (core, apps,
 * batch, policy, autoscaling, extensions and the *.k8s.io groups), as
 * opposed to a custom resource, which an operator may turn into pods the
 * input does not show.
 */
export function isBuiltinKind(ref: { apiVersion: string }): boolean {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : ref.apiVersion.slice(0, slash);
  return group === '' || ['apps', 'batch', 'policy', 'autoscaling', 'extensions'].includes(group) || group === 'k8s.io' || group.endsWith('.k8s.io');
}

// ---------------------------------------------------------------- Ingress

/** Whether a Service port answers an Ingress backend's port (by number or by name); a backend without port matches any. */
export function servicePortMatches(ports: readonly ServicePort[], port: number | string | undefined): boolean {
  if (port === undefined) return true;
  return ports.some((p) => (typeof port === 'number' || /^\d+$/.test(port) ? p.port === Number(port) : p.name === port));
}

// ---------------------------------------------------------------- scaling and disruption

const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The replica count of a Deployment, ReplicaSet, StatefulSet or ReplicationController (1 when unset, as the API server defaults it). */
export function replicasOf(resource: Resource): { count: number; written: boolean } | undefined {
  if (!REPLICATED.has(resource.kind)) return undefined;
  const spec = resource.object['spec'];
  const value = isJsonObject(spec) ? spec['replicas'] : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { count: value, written: true };
  return { count: 1, written: false };
}

/** What a HorizontalPodAutoscaler scales: its spec.scaleTargetRef. */
export interface ScaleTarget {
  apiVersion?: string;
  kind: string;
  name: string;
  path: JsonPath;
}

/** A HorizontalPodAutoscaler's `spec.scaleTargetRef`. */
export function scaleTargetOf(hpa: Resource): ScaleTarget | undefined {
  const spec = hpa.object['spec'];
  const ref = isJsonObject(spec) ? spec['scaleTargetRef'] : undefined;
  if (!isJsonObject(ref)) return undefined;
  const kind = text(ref['kind']);
  const name = text(ref['name']);
  if (!kind || !name) return undefined;
  const apiVersion = text(ref['apiVersion']);
  return { ...(apiVersion ? { apiVersion } : {}), kind, name, path: ['spec', 'scaleTargetRef'] };
}

/** Whether a HorizontalPodAutoscaler scales this object. */
export function hpaTargets(hpa: Resource, target: { kind: string; name: string; namespace?: string | undefined }): boolean {
  const ref = scaleTargetOf(hpa);
  return ref !== undefined && ref.kind === target.kind && ref.name === target.name && sameNamespace(hpa.namespace, target.namespace);
}

/** An HPA's replica bounds, minReplicas defaulted to 1 as the API server does. */
export function hpaBounds(hpa: Resource): { min: number; max?: number; minWritten: boolean } {
  const spec = hpa.object['spec'];
  const min = isJsonObject(spec) ? spec['minReplicas'] : undefined;
  const max = isJsonObject(spec) ? spec['maxReplicas'] : undefined;
  return {
    min: typeof min === 'number' ? min : 1,
    minWritten: typeof min === 'number',
    ...(typeof max === 'number' ? { max } : {}),
  };
}

/** Whether a PodDisruptionBudget selects a workload's pods. An empty selector selects every pod of its namespace (policy/v1). */
export function pdbSelects(pdb: Resource, workload: PodSelectable): boolean {
  const spec = pdb.object['spec'];
  const selector = isJsonObject(spec) ? spec['selector'] : undefined;
  if (!workload.podLabels || !isJsonObject(selector) || !sameNamespace(pdb.namespace, workload.namespace)) return false;
  return matchesSelector(selector as LabelSelector, workload.podLabels);
}

/**
 * A budget value (`minAvailable` or `maxUnavailable`) resolved against a
 * replica count the way the disruption controller does: a percentage is
 * rounded up.
 */
export function resolveBudget(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (m) return Math.ceil((Number(m[1]) * replicas) / 100);
    if (/^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}
