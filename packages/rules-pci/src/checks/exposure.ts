import {
  isAllAddresses, matchesLabelMap, type JsonPath, type Resource, type ResourceSet, type ResourceSummary, type Severity,
} from '@kubecomply/core';
import { cdeWorkloadLabel, type CdeScope } from './cde-scope.js';
import { isObject, stringField } from './json-value.js';

/**
 * How traffic reaches the pods of the cardholder data environment: which
 * Services select CDE workloads, how those Services are published, and
 * which Ingresses and Gateway API routes send traffic to them.
 */

/** A pod-running object of the input that is in the CDE, with why. */
export interface CdeWorkload {
  summary: ResourceSummary;
  reason: string;
}

/** Kinds that carry a pod template without running pods. */
const NOT_RUNNING: ReadonlySet<string> = new Set(['PodTemplate']);

/** Every CDE workload of the input, in input order. */
export function cdeWorkloads(set: Pick<ResourceSet, 'all'>, scope: CdeScope): CdeWorkload[] {
  const out: CdeWorkload[] = [];
  for (const summary of set.all) {
    if (summary.podLabels === undefined || NOT_RUNNING.has(summary.kind)) continue;
    const reason = scope.workloadReason(summary);
    if (reason !== undefined) out.push({ summary, reason });
  }
  return out;
}

/** 'CDE workload Deployment/shop/payments (in scope because ...)', or a count when there are several. */
export function describeWorkloads(workloads: readonly CdeWorkload[]): string {
  const first = workloads[0];
  if (!first) return 'no CDE workload';
  const rest = workloads.length - 1;
  return `${cdeWorkloadLabel(first.summary, first.reason)}${rest > 0 ? ` and ${rest} more (see related locations)` : ''}`;
}

/** Related locations pointing at the CDE workloads a finding is about. */
export function workloadRelated(workloads: readonly CdeWorkload[]): { resource: ResourceSummary; path: JsonPath; message: string }[] {
  return workloads.map((w) => ({ resource: w.summary, path: ['metadata', 'name'], message: cdeWorkloadLabel(w.summary, w.reason) }));
}

function sameNamespace(a: { namespace?: string | undefined }, b: { namespace?: string | undefined }): boolean {
  return (a.namespace ?? '') === (b.namespace ?? '');
}

/** The CDE workloads a core-group Service selects (a Service without a selector selects none). */
export function selectedBy(service: Resource, workloads: readonly CdeWorkload[]): CdeWorkload[] {
  const spec = isObject(service.object['spec']) ? service.object['spec'] : {};
  const selector = isObject(spec['selector']) ? spec['selector'] : undefined;
  if (!selector) return [];
  return workloads.filter((w) => sameNamespace(w.summary, service) && matchesLabelMap(selector, w.summary.podLabels ?? {}));
}

/** Core-group Services that select at least one CDE workload, with those workloads. */
export function cdeServices(set: Pick<ResourceSet, 'ofKind'>, workloads: readonly CdeWorkload[]): Map<Resource, CdeWorkload[]> {
  const out = new Map<Resource, CdeWorkload[]>();
  if (workloads.length === 0) return out;
  for (const service of set.ofKind('Service')) {
    if (service.group !== '') continue;
    const selected = selectedBy(service, workloads);
    if (selected.length > 0) out.set(service, selected);
  }
  return out;
}

/** The Service of a namespace with that name, among the given ones. */
export function findService(services: Iterable<Resource>, name: string, namespace: string | undefined): Resource | undefined {
  for (const service of services) if (service.name === name && (service.namespace ?? '') === (namespace ?? '')) return service;
  return undefined;
}

// ---------------------------------------------------------------- Services

/** Annotations that make a cloud load balancer internal (no public address). */
const INTERNAL_LOAD_BALANCER: ReadonlyArray<readonly [string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', /^true$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', /^intranet$/i],
];

/** The legacy annotation cloud providers still read when the field is empty. */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** One way a Service is reachable from outside the cluster. */
export interface ServiceExposure {
  path: JsonPath;
  /** Completes "Service "x" ...": 'is a NodePort, so every node accepts connections for it'. */
  how: string;
  severity: Severity;
}

/**
 * How a Service is published outside the cluster: as a NodePort, as a
 * load balancer open to any address, or on external IPs. An internal load
 * balancer, or one whose source ranges leave out 0.0.0.0/0, is restricted
 * by a network security control and is not listed.
 */
export function serviceExposures(service: Resource): ServiceExposure[] {
  const spec = isObject(service.object['spec']) ? service.object['spec'] : {};
  const out: ServiceExposure[] = [];
  const type = spec['type'];
  if (type === 'NodePort') {
    out.push({ path: ['spec', 'type'], how: 'is a NodePort, so every node accepts connections for it from whatever can reach the nodes', severity: 'warning' });
  } else if (type === 'LoadBalancer' && !INTERNAL_LOAD_BALANCER.some(([key, value]) => value.test(service.annotations[key] ?? ''))) {
    const field: unknown = spec['loadBalancerSourceRanges'];
    const ranges = Array.isArray(field) ? field.map(stringField).filter((r) => r.trim() !== '') : [];
    const annotated = (service.annotations[SOURCE_RANGES_ANNOTATION] ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
    if (ranges.length > 0) {
      const open = ranges.findIndex(isAllAddresses);
      if (open !== -1) {
        out.push({ path: ['spec', 'loadBalancerSourceRanges', open], how: `is a load balancer that admits ${ranges[open]}, every address of the internet`, severity: 'error' });
      }
    } else if (annotated.length > 0) {
      if (annotated.some(isAllAddresses)) {
        out.push({ path: ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION], how: 'is a load balancer whose source ranges admit every address of the internet', severity: 'error' });
      }
    } else {
      out.push({ path: ['spec', 'type'], how: 'is an internet-facing LoadBalancer without loadBalancerSourceRanges, so any address may connect', severity: 'error' });
    }
  }
  const external: unknown = spec['externalIPs'];
  if (Array.isArray(external) && external.length > 0) {
    out.push({ path: ['spec', 'externalIPs'], how: `accepts traffic on the external IPs ${external.map(stringField).join(', ')}`, severity: 'error' });
  }
  return out;
}

// ---------------------------------------------------------------- Ingress

export interface IngressBackend {
  service: string;
  /** Where the Service name is written. */
  path: JsonPath;
  /** Index in `spec.rules`, absent for the default backend. */
  rule?: number;
  /** The rule's host; '' when it has none or for the default backend. */
  host: string;
}

export function isIngress(resource: Resource): boolean {
  return resource.kind === 'Ingress' && (resource.group === 'networking.k8s.io' || resource.group === 'extensions');
}

/** Backends of an Ingress (v1 and v1beta1 shapes) that name a Service. */
export function ingressBackends(ingress: Resource): IngressBackend[] {
  const spec = isObject(ingress.object['spec']) ? ingress.object['spec'] : {};
  const out: IngressBackend[] = [];
  const add = (backend: unknown, path: JsonPath, host: string, rule?: number) => {
    if (!isObject(backend)) return;
    const v1 = backend['service'];
    const found = isObject(v1) && stringField(v1['name']) !== ''
      ? { service: stringField(v1['name']), path: [...path, 'service', 'name'] }
      : stringField(backend['serviceName']) !== ''
        ? { service: stringField(backend['serviceName']), path: [...path, 'serviceName'] }
        : undefined;
    if (found) out.push({ ...found, host, ...(rule !== undefined ? { rule } : {}) });
  };
  add(spec['defaultBackend'], ['spec', 'defaultBackend'], '');
  add(spec['backend'], ['spec', 'backend'], '');
  const rules: unknown = spec['rules'];
  if (Array.isArray(rules)) {
    rules.forEach((rule: unknown, i) => {
      if (!isObject(rule)) return;
      const host = stringField(rule['host']);
      const http = rule['http'];
      const paths: unknown = isObject(http) ? http['paths'] : undefined;
      if (Array.isArray(paths)) {
        paths.forEach((p: unknown, j) => add(isObject(p) ? p['backend'] : undefined, ['spec', 'rules', i, 'http', 'paths', j, 'backend'], host, i));
      }
    });
  }
  return out;
}

// ---------------------------------------------------------------- Gateway API

/** Gateway API route kinds whose rules send traffic to `backendRefs`. */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export interface RouteBackend {
  service: string;
  namespace: string | undefined;
  path: JsonPath;
}

export function isRoute(resource: Resource): boolean {
  return resource.group === 'gateway.networking.k8s.io' && ROUTE_KINDS.includes(resource.kind);
}

/** The Services a Gateway API route sends traffic to (backendRefs of kind Service in the core group). */
export function routeBackends(route: Resource): RouteBackend[] {
  const spec = isObject(route.object['spec']) ? route.object['spec'] : {};
  const rules: unknown = spec['rules'];
  const out: RouteBackend[] = [];
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule: unknown, i) => {
    const refs: unknown = isObject(rule) ? rule['backendRefs'] : undefined;
    if (!Array.isArray(refs)) return;
    refs.forEach((ref: unknown, j) => {
      if (!isObject(ref)) return;
      const group = stringField(ref['group']);
      const kind = ref['kind'] === undefined ? 'Service' : stringField(ref['kind']);
      const name = stringField(ref['name']);
      if (group !== '' || kind !== 'Service' || name === '') return;
      const namespace = stringField(ref['namespace']) || route.namespace;
      out.push({ service: name, namespace, path: ['spec', 'rules', i, 'backendRefs', j, 'name'] });
    });
  });
  return out;
}
