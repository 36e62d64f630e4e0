import type { JsonPath } from '../base/types.js';
import { isJsonObject, objectField, stringField } from '../base/json.js';
import { isAllAddresses } from './network.js';
import type { Resource } from './resource.js';
import type { ResourceSummary } from './resource-set.js';
import { matchesLabelMap } from './selector.js';
import { serviceSelector } from './references.js';

/**
 * How traffic from outside reaches pods: Services published as NodePorts,
 * load balancers or on external IPs; Ingresses and Gateway API routes that
 * send traffic to Services; and whether an Ingress serves its hosts over TLS.
 */

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

/** The legacy annotation cloud providers still read when `spec.loadBalancerSourceRanges` is empty. */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** Whether a resource is a core-group Service. */
export function isService(resource: Pick<Resource, 'kind' | 'group'>): boolean {
  return resource.kind === 'Service' && resource.group === '';
}

/** Whether a Service of type LoadBalancer gets an internal address through its cloud provider's annotation. */
export function isInternalLoadBalancer(service: Pick<Resource, 'annotations'>): boolean {
  return INTERNAL_LOAD_BALANCER.some(([key, value]) => value.test(service.annotations[key] ?? ''));
}

/** The client address ranges a load balancer admits, and where they are written. */
export interface SourceRanges {
  /** `field`: spec.loadBalancerSourceRanges; `annotation`: the legacy annotation; `none`: neither (any address). */
  from: 'field' | 'annotation' | 'none';
  ranges: { range: string; path: JsonPath }[];
}

/** The source ranges of a Service as the cloud provider reads them: the field, else the annotation. */
export function loadBalancerSourceRanges(service: Resource): SourceRanges {
  const spec = objectField(service.object, 'spec');
  const field: unknown = spec['loadBalancerSourceRanges'];
  const listed = Array.isArray(field)
    ? field.map((r: unknown, i) => ({ range: stringField(r).trim(), path: ['spec', 'loadBalancerSourceRanges', i] as JsonPath })).filter((r) => r.range !== '')
    : [];
  if (listed.length > 0) return { from: 'field', ranges: listed };
  const path: JsonPath = ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION];
  const annotated = (service.annotations[SOURCE_RANGES_ANNOTATION] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (annotated.length > 0) return { from: 'annotation', ranges: annotated.map((range) => ({ range, path })) };
  return { from: 'none', ranges: [] };
}

/** One way a Service is reachable from outside the cluster. */
export type ServiceExposure =
  | { kind: 'node-port'; path: JsonPath }
  /** An internet-facing load balancer; `range` is the all-addresses range it admits, absent when it sets none at all. */
  | { kind: 'load-balancer'; path: JsonPath; range?: string; from: SourceRanges['from'] }
  | { kind: 'external-ips'; path: JsonPath; addresses: string[] };

/**
 * How a core-group Service is published outside the cluster: as a NodePort,
 * as an internet-facing load balancer open to any address, or on external
 * IPs. An internal load balancer, or one whose source ranges leave out
 * 0.0.0.0/0 and ::/0, is restricted and not listed.
 */
export function serviceExposures(service: Resource): ServiceExposure[] {
  const spec = objectField(service.object, 'spec');
  const out: ServiceExposure[] = [];
  const type = spec['type'];
  if (type === 'NodePort') {
    out.push({ kind: 'node-port', path: ['spec', 'type'] });
  } else if (type === 'LoadBalancer' && !isInternalLoadBalancer(service)) {
    const sources = loadBalancerSourceRanges(service);
    if (sources.from === 'none') {
      out.push({ kind: 'load-balancer', path: ['spec', 'type'], from: 'none' });
    } else {
      const open = sources.ranges.find((r) => isAllAddresses(r.range));
      if (open) out.push({ kind: 'load-balancer', path: open.path, range: open.range, from: sources.from });
    }
  }
  const external: unknown = spec['externalIPs'];
  if (Array.isArray(external) && external.length > 0) {
    out.push({ kind: 'external-ips', path: ['spec', 'externalIPs'], addresses: external.map(stringField) });
  }
  return out;
}

/** Whether a Service's selector picks a workload's pods (same namespace; a Service without a selector selects none). */
export function serviceSelects(service: Resource, workload: Pick<ResourceSummary, 'namespace' | 'podLabels'>): boolean {
  if ((service.namespace ?? '') !== (workload.namespace ?? '') || workload.podLabels === undefined) return false;
  const selector = serviceSelector(service);
  return selector !== undefined && matchesLabelMap(selector, workload.podLabels);
}

/** The Service of that name and namespace among the given ones. */
export function findService(services: Iterable<Resource>, name: string, namespace: string | undefined): Resource | undefined {
  for (const service of services) if (service.name === name && (service.namespace ?? '') === (namespace ?? '')) return service;
  return undefined;
}

// ---------------------------------------------------------------- Ingress

/** An Ingress backend that names a Service. */
export interface IngressBackend {
  service: string;
  /** Where the Service name is written. */
  path: JsonPath;
  /** Index in `spec.rules`, absent for the default backend. */
  rule?: number;
  /** The rule's host; '' when it has none or for the default backend. */
  host: string;
  /** The Service port the backend names, a number or a port name; absent when it names none. */
  port?: number | string;
}

/** Whether a resource is an Ingress of networking.k8s.io or the older extensions group. */
export function isIngress(resource: Pick<Resource, 'kind' | 'group'>): boolean {
  return resource.kind === 'Ingress' && (resource.group === 'networking.k8s.io' || resource.group === 'extensions');
}

/** Backends of an Ingress (v1 and v1beta1 shapes) that name a Service. */
export function ingressBackends(ingress: Resource): IngressBackend[] {
  const spec = objectField(ingress.object, 'spec');
  const out: IngressBackend[] = [];
  const add = (backend: unknown, path: JsonPath, host: string, rule?: number) => {
    if (!isJsonObject(backend)) return;
    const v1 = backend['service'];
    // networking.k8s.io/v1: backend.service.{name, port.{number|name}}; v1beta1: backend.{serviceName, servicePort}
    const found =
      isJsonObject(v1) && stringField(v1['name']) !== ''
        ? {
            service: stringField(v1['name']),
            path: [...path, 'service', 'name'],
            port: isJsonObject(v1['port']) ? (v1['port']['number'] ?? v1['port']['name']) : undefined,
          }
        : stringField(backend['serviceName']) !== ''
          ? { service: stringField(backend['serviceName']), path: [...path, 'serviceName'], port: backend['servicePort'] }
          : undefined;
    if (!found) return;
    const port = typeof found.port === 'number' || typeof found.port === 'string' ? { port: found.port } : {};
    out.push({ service: found.service, path: found.path, host, ...(rule !== undefined ? { rule } : {}), ...port });
  };
  add(spec['defaultBackend'], ['spec', 'defaultBackend'], '');
  add(spec['backend'], ['spec', 'backend'], '');
  const rules: unknown = spec['rules'];
  if (Array.isArray(rules)) {
    rules.forEach((rule: unknown, i) => {
      if (!isJsonObject(rule)) return;
      const host = stringField(rule['host']);
      const http = rule['http'];
      const paths: unknown = isJsonObject(http) ? http['paths'] : undefined;
      if (Array.isArray(paths)) {
        paths.forEach((p: unknown, j) => add(isJsonObject(p) ? p['backend'] : undefined, ['spec', 'rules', i, 'http', 'paths', j, 'backend'], host, i));
      }
    });
  }
  return out;
}

/** Annotations with which a cloud or controller terminates TLS for an Ingress outside spec.tls. */
const TLS_ANNOTATIONS: ReadonlyArray<readonly [string, RegExp]> = [
  ['alb.ingress.kubernetes.io/certificate-arn', /\S/],
  ['ingress.gcp.kubernetes.io/pre-shared-cert', /\S/],
  ['networking.gke.io/managed-certificates', /\S/],
  ['appgw.ingress.kubernetes.io/appgw-ssl-certificate', /\S/],
  ['traefik.ingress.kubernetes.io/router.tls', /^true$/i],
];

/** A TLS host entry covers a rule host exactly, or by a one-label wildcard (*.example.com). */
function tlsCovers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

/** Which hosts of an Ingress are served over TLS. */
export type IngressTls =
  /** TLS for every host: a controller annotation terminates it (`by: 'annotation'`), or a tls entry without hosts takes the controller's default certificate. */
  | { kind: 'all'; by: 'annotation' | 'default-certificate' }
  /** No tls section at all. */
  | { kind: 'none' }
  /** A tls section that leaves out some rule hosts. */
  | { kind: 'hosts'; covers(host: string): boolean };

/** How an Ingress serves its hosts: over TLS for all of them, none, or those its tls entries list. */
export function ingressTls(ingress: Resource): IngressTls {
  if (TLS_ANNOTATIONS.some(([key, value]) => value.test(ingress.annotations[key] ?? ''))) return { kind: 'all', by: 'annotation' };
  const tls: unknown = objectField(ingress.object, 'spec')['tls'];
  const entries = Array.isArray(tls) ? tls.filter(isJsonObject) : [];
  if (entries.length === 0) return { kind: 'none' };
  // A tls entry without hosts takes the controller's default (wildcard) certificate: it covers every rule.
  if (entries.some((e) => !Array.isArray(e['hosts']) || e['hosts'].length === 0)) return { kind: 'all', by: 'default-certificate' };
  const tlsHosts = entries.flatMap((e) => (e['hosts'] as unknown[]).map(stringField));
  return { kind: 'hosts', covers: (host) => host === '' || tlsHosts.some((t) => tlsCovers(t, host)) };
}

// ---------------------------------------------------------------- Gateway API

/** Gateway API route kinds whose rules send traffic to `backendRefs`. */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** A Service a Gateway API route sends traffic to. */
export interface RouteBackend {
  service: string;
  namespace: string | undefined;
  path: JsonPath;
}

/** Whether a resource is a Gateway API route. */
export function isRoute(resource: Pick<Resource, 'kind' | 'group'>): boolean {
  return resource.group === 'gateway.networking.k8s.io' && ROUTE_KINDS.includes(resource.kind);
}

/** The Services a Gateway API route sends traffic to (backendRefs of kind Service in the core group). */
export function routeBackends(route: Resource): RouteBackend[] {
  const rules: unknown = objectField(route.object, 'spec')['rules'];
  const out: RouteBackend[] = [];
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule: unknown, i) => {
    const refs: unknown = isJsonObject(rule) ? rule['backendRefs'] : undefined;
    if (!Array.isArray(refs)) return;
    refs.forEach((ref: unknown, j) => {
      if (!isJsonObject(ref)) return;
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
