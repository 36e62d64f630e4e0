import { isJsonObject, type JsonObject } from '../../base/json.js';
import type { JsonPath } from '../../base/types.js';
import type { Resource } from '../resource.js';
import type { AddressRange } from './address.js';
import { evaluateSelector, parseCalicoSelector, SelectorSyntaxError, type SelectorNode } from './calico-selector.js';
import { calicoPort, inRanges, normalizeProtocol, parseRanges, portMatches, type PortSpec } from './match.js';
import type { Direction, Flow, Labels, ModelPolicy, ModelRule, ModelTier, Peer, PodPeer, RuleAction, SkippedPolicy } from './types.js';

/**
 * Calico policy (projectcalico.org/v3, and the crd.projectcalico.org/v1
 * objects it is stored as): NetworkPolicy, GlobalNetworkPolicy, Tier,
 * NetworkSet and GlobalNetworkSet, read as Calico's documentation and
 * libcalico-go define them. Sources are cited as in
 * ../shared/reference/network-policy.md §2-3.
 */

export const CALICO_GROUPS: ReadonlySet<string> = new Set(['projectcalico.org', 'crd.projectcalico.org']);
export const STAGED_KINDS: ReadonlySet<string> = new Set(['StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy']);

/** The `default` tier's fixed order (C-TIERED). */
export const DEFAULT_TIER_ORDER = 1_000_000;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function isCalico(resource: { group: string }): boolean {
  return CALICO_GROUPS.has(resource.group);
}

/** A labelled set of addresses that rule selectors can match. */
export interface NetworkSetInfo {
  resource: Resource;
  global: boolean;
  namespace?: string;
  /** Its labels as Calico's selectors see them (with projectcalico.org/namespace and pcns.* for a NetworkSet). */
  labels: Labels;
  ranges: readonly AddressRange[];
}

/** What rules need to know about the rest of the input. */
export interface CalicoWorld {
  namespaceLabels(namespace: string): Labels;
  networkSets: readonly NetworkSetInfo[];
  /** The pods a Service selects and the ports it sends to, for `services` entity rules. */
  service(name: string, namespace: string): { selects(pod: PodPeer): boolean; ports: readonly PortSpec[] } | undefined;
}

/** A problem that makes part of a policy unreadable; the part is then treated as matching nothing. */
export interface PolicyProblem {
  resource: Resource;
  path: JsonPath;
  message: string;
}

/** Object of a rule selector: a pod, or a network set holding the packet's address. */
interface SelectorObject {
  labels: Labels;
  global: boolean;
  namespace?: string;
  namespaceLabels: Labels;
}

function objectsOf(peer: Peer, world: CalicoWorld): SelectorObject[] {
  if (peer.kind === 'pod') return [{ labels: peer.calicoLabels, global: false, namespace: peer.namespace, namespaceLabels: peer.namespaceLabels }];
  // Selectors match only known objects: for an address, the network sets that hold it (C-ENT; C-SETS).
  return world.networkSets
    .filter((set) => inRanges(peer, set.ranges))
    .map((set) => ({
      labels: set.labels,
      global: set.global,
      ...(set.namespace !== undefined ? { namespace: set.namespace } : {}),
      namespaceLabels: set.namespace !== undefined ? world.namespaceLabels(set.namespace) : {},
    }));
}

/**
 * A namespaceSelector: its terms are matched on namespace labels, `all()`
 * means any namespaced object and `global()` only objects outside every
 * namespace (C-SCOPE; C-UPD getEndpointSelector rewrites all() to
 * has(projectcalico.org/namespace) and global() to its negation).
 */
export function namespaceSelectorMatches(node: SelectorNode, object: { global: boolean; namespaceLabels: Labels }): boolean {
  switch (node.op) {
    case 'all':
      return !object.global;
    case 'global':
      return object.global;
    case 'not':
      return !namespaceSelectorMatches(node.node, object);
    case 'and':
      return node.nodes.every((n) => namespaceSelectorMatches(n, object));
    case 'or':
      return node.nodes.some((n) => namespaceSelectorMatches(n, object));
    default:
      return evaluateSelector(node, object.global ? {} : object.namespaceLabels);
  }
}

/** Namespace labels as Calico's namespaceSelector sees them: the namespace's own plus projectcalico.org/name. */
export function calicoNamespaceLabels(name: string, labels: Labels): Labels {
  return { ...labels, 'kubernetes.io/metadata.name': name, 'projectcalico.org/name': name };
}

class Reader {
  constructor(
    readonly resource: Resource,
    readonly problems: PolicyProblem[],
  ) {}

  selector(value: unknown, path: JsonPath): SelectorNode | undefined | null {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.problems.push({ resource: this.resource, path, message: 'a selector must be a string' });
      return null;
    }
    try {
      return parseCalicoSelector(value);
    } catch (err) {
      if (!(err instanceof SelectorSyntaxError)) throw err;
      this.problems.push({ resource: this.resource, path, message: err.message });
      return null;
    }
  }
}

interface EntityMatcher {
  matches(peer: Peer, flow: Flow, isDestination: boolean): boolean;
}

function entityMatcher(
  value: unknown,
  path: JsonPath,
  policyNamespace: string | undefined,
  protocol: string | undefined,
  world: CalicoWorld,
  reader: Reader,
): EntityMatcher {
  if (!isJsonObject(value)) return { matches: () => true };
  const nets = value['nets'] !== undefined ? parseRanges(strings(value['nets'])) : undefined;
  const notNets = value['notNets'] !== undefined ? parseRanges(strings(value['notNets'])) : undefined;
  const selector = reader.selector(value['selector'], [...path, 'selector']);
  const notSelector = reader.selector(value['notSelector'], [...path, 'notSelector']);
  const nsSelector = reader.selector(value['namespaceSelector'], [...path, 'namespaceSelector']);
  const broken = selector === null || notSelector === null || nsSelector === null;
  const ports = Array.isArray(value['ports']) ? value['ports'].map((p) => calicoPort(p, protocol)).filter((p): p is PortSpec => p !== undefined) : undefined;
  const notPorts = Array.isArray(value['notPorts'])
    ? value['notPorts'].map((p) => calicoPort(p, protocol)).filter((p): p is PortSpec => p !== undefined)
    : undefined;
  const serviceAccounts = isJsonObject(value['serviceAccounts']) ? value['serviceAccounts'] : undefined;
  const saNames = serviceAccounts ? strings(serviceAccounts['names']) : [];
  const saSelector = serviceAccounts ? reader.selector(serviceAccounts['selector'], [...path, 'serviceAccounts', 'selector']) : undefined;
  const services = isJsonObject(value['services']) ? value['services'] : undefined;
  const serviceName = services && typeof services['name'] === 'string' ? services['name'] : undefined;
  const serviceNamespace = services && typeof services['namespace'] === 'string' ? services['namespace'] : policyNamespace;

  /** Whether an object is in the scope of this rule's selectors (C-SCOPE). */
  const inScope = (object: SelectorObject): boolean => {
    if (nsSelector) return namespaceSelectorMatches(nsSelector, object);
    if (policyNamespace !== undefined) return !object.global && object.namespace === policyNamespace;
    return true;
  };
  const positive = selector !== undefined || nsSelector !== undefined;

  return {
    matches(peer, flow, isDestination) {
      if (broken || saSelector === null) return false;
      if (nets && !inRanges(peer, nets)) return false;
      if (notNets && inRanges(peer, notNets)) return false;
      if (positive || serviceAccounts) {
        const objects = objectsOf(peer, world).filter(inScope);
        const selected = objects.filter((o) => selector === undefined || evaluateSelector(selector, o.labels, o.global));
        if (selected.length === 0) return false;
      }
      if (notSelector) {
        // notSelector negates the match on the packet: anything but the in-scope objects it selects, external traffic included (C-ENT).
        if (objectsOf(peer, world).some((o) => inScope(o) && evaluateSelector(notSelector, o.labels, o.global))) return false;
      }
      if (serviceAccounts) {
        if (peer.kind !== 'pod') return false;
        if (saNames.length > 0 && !saNames.includes(peer.serviceAccount)) return false;
        if (saSelector && !evaluateSelector(saSelector, peer.serviceAccountLabels)) return false;
      }
      if (serviceName !== undefined) {
        const service = world.service(serviceName, serviceNamespace ?? '');
        if (!service || peer.kind !== 'pod' || !service.selects(peer)) return false;
        if (isDestination && service.ports.length > 0 && !service.ports.some((p) => portMatches(p, flow.protocol, flow.port, flow.dst))) return false;
      }
      if (isDestination) {
        if (ports && !ports.some((p) => portMatches(p, flow.protocol, flow.port, flow.dst))) return false;
        if (notPorts?.some((p) => portMatches(p, flow.protocol, flow.port, flow.dst))) return false;
      } else if (ports && ports.length > 0) {
        // Source ports are the client's ephemeral port, unknown statically: a rule that names some is taken not to match.
        return false;
      }
      return true;
    },
  };
}

const ACTIONS: readonly RuleAction[] = ['Allow', 'Deny', 'Pass', 'Log'];

function calicoRules(spec: JsonObject, direction: Direction, policyNamespace: string | undefined, world: CalicoWorld, reader: Reader): ModelRule[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const list = spec[field];
  if (!Array.isArray(list)) return [];
  const out: ModelRule[] = [];
  list.forEach((raw: unknown, index) => {
    const path: JsonPath = ['spec', field, index];
    const rule = isJsonObject(raw) ? raw : {};
    const action = ACTIONS.find((a) => a === rule['action']);
    if (!action) {
      reader.problems.push({
        resource: reader.resource,
        path: [...path, 'action'],
        message: 'the rule has no valid action (Allow, Deny, Pass or Log), so Calico rejects the policy; the rule is ignored',
      });
      return;
    }
    const protocol = normalizeProtocol(rule['protocol']);
    const notProtocol = normalizeProtocol(rule['notProtocol']);
    const ipVersion = rule['ipVersion'] === 4 || rule['ipVersion'] === 6 ? rule['ipVersion'] : undefined;
    const source = entityMatcher(rule['source'], [...path, 'source'], policyNamespace, protocol, world, reader);
    const destination = entityMatcher(rule['destination'], [...path, 'destination'], policyNamespace, protocol, world, reader);
    out.push({
      action,
      direction,
      path,
      index,
      matches(flow) {
        if (protocol !== undefined && protocol !== flow.protocol) return false;
        if (notProtocol !== undefined && notProtocol === flow.protocol) return false;
        if (ipVersion !== undefined) {
          const other = direction === 'Ingress' ? flow.src : flow.dst;
          if (other.kind === 'address' && other.family !== ipVersion) return false;
        }
        return source.matches(flow.src, flow, false) && destination.matches(flow.dst, flow, true);
      },
    });
  });
  return out;
}

/**
 * Calico's `types` defaults (C-NP; C-DEFAULTS defaultPolicyTypesField):
 * egress rules only give [Egress], ingress rules or none give [Ingress],
 * both give both. Objects written straight to crd.projectcalico.org/v1 skip
 * the API server's defaulting, and Felix reads an empty `types` as both
 * directions (C-SORT ExtractPolicyMetadata); the reference marks that path
 * unsupported, and we follow Felix for it.
 */
function typesOf(spec: JsonObject, group: string): Direction[] {
  const written = strings(spec['types']).filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  if (written.length > 0) return written;
  if (group === 'crd.projectcalico.org') return ['Ingress', 'Egress'];
  const hasIngress = Array.isArray(spec['ingress']) && spec['ingress'].length > 0;
  const hasEgress = Array.isArray(spec['egress']) && spec['egress'].length > 0;
  if (hasEgress && !hasIngress) return ['Egress'];
  if (hasEgress && hasIngress) return ['Ingress', 'Egress'];
  return ['Ingress'];
}

export interface CalicoPolicyResult {
  policy?: ModelPolicy;
  skipped?: SkippedPolicy;
}

/** A Calico NetworkPolicy or GlobalNetworkPolicy as a model policy; staged and host-only policies are skipped with the reason. */
export function calicoPolicy(resource: Resource, world: CalicoWorld, problems: PolicyProblem[]): CalicoPolicyResult {
  if (STAGED_KINDS.has(resource.kind)) {
    return { skipped: { resource, path: ['kind'], reason: `a ${resource.kind} is a preview that Calico never enforces` } };
  }
  const global = resource.kind === 'GlobalNetworkPolicy';
  const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
  for (const field of ['doNotTrack', 'preDNAT'] as const) {
    if (spec[field] === true) {
      return {
        skipped: {
          resource,
          path: ['spec', field],
          reason: `${field} policies apply only to host endpoints (node interfaces), never to pod traffic, so it is out of scope of pod reachability`,
        },
      };
    }
  }
  const reader = new Reader(resource, problems);
  const namespace = global ? undefined : (resource.namespace ?? '');
  const selector = reader.selector(spec['selector'], ['spec', 'selector']);
  const nsSelector = global ? reader.selector(spec['namespaceSelector'], ['spec', 'namespaceSelector']) : undefined;
  const saSelector = reader.selector(spec['serviceAccountSelector'], ['spec', 'serviceAccountSelector']);
  const tier = typeof spec['tier'] === 'string' && spec['tier'] !== '' ? spec['tier'] : 'default';
  const order = typeof spec['order'] === 'number' && Number.isFinite(spec['order']) ? spec['order'] : undefined;
  const broken = selector === null || nsSelector === null || saSelector === null;
  const policy: ModelPolicy = {
    resource,
    family: 'calico',
    // A Calico NetworkPolicy says so: the kind alone reads like the Kubernetes one.
    label: `${global ? '' : 'Calico '}${resource.kind}/${namespace ? `${namespace}/` : ''}${resource.name}`,
    tier,
    order,
    sortKey: `${resource.name}/${namespace ?? ''}/${resource.kind}`,
    ...(namespace !== undefined ? { namespace } : {}),
    types: typesOf(spec, resource.group),
    ingress: calicoRules(spec, 'Ingress', namespace, world, reader),
    egress: calicoRules(spec, 'Egress', namespace, world, reader),
    selects(pod) {
      // A policy whose selector does not parse is rejected by Calico: it selects nothing.
      if (broken) return false;
      if (namespace !== undefined && pod.namespace !== namespace) return false;
      if (nsSelector && !namespaceSelectorMatches(nsSelector, { global: false, namespaceLabels: pod.namespaceLabels })) return false;
      if (saSelector && !evaluateSelector(saSelector, pod.serviceAccountLabels)) return false;
      return selector === undefined || evaluateSelector(selector, pod.calicoLabels);
    },
  };
  return { policy };
}

/** A Tier object: its order (unset sorts last) and default action (Deny unless Pass). */
export function calicoTier(resource: Resource): ModelTier {
  const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
  const order = typeof spec['order'] === 'number' && Number.isFinite(spec['order']) ? spec['order'] : undefined;
  return { name: resource.name, order, defaultAction: spec['defaultAction'] === 'Pass' ? 'Pass' : 'Deny', resource };
}

/** A NetworkSet or GlobalNetworkSet with its labels as selectors see them. */
export function calicoNetworkSet(resource: Resource, namespaceLabels: (ns: string) => Labels): NetworkSetInfo {
  const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
  const global = resource.kind === 'GlobalNetworkSet';
  const ranges = parseRanges(strings(spec['nets']));
  if (global) return { resource, global, labels: resource.labels, ranges };
  const namespace = resource.namespace ?? '';
  const labels: Record<string, string> = { ...resource.labels, 'projectcalico.org/namespace': namespace };
  for (const [k, v] of Object.entries(namespaceLabels(namespace))) labels[`pcns.${k}`] = v;
  return { resource, global, namespace, labels, ranges };
}
