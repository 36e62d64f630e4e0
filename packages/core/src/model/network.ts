import { isJsonObject, type JsonObject } from '../base/json.js';
import { lazyBuiltin } from '../base/builtins.js';
import type { ResourceSet, ResourceSummary } from './resource-set.js';
import type { JsonPath } from '../base/types.js';
import { apiGroup, type Resource } from './resource.js';
import { matchesSelector, type LabelSelector } from './selector.js';

const net = lazyBuiltin('node:net');

/**
 * NetworkPolicy analysis over a whole input: which Kubernetes NetworkPolicies
 * select which pods, which namespaces are isolated by default, which rules
 * admit any peer, and whether a pod may send traffic to a given address.
 *
 * Only `networking.k8s.io` (and the legacy `extensions`) NetworkPolicy is
 * analysed. CNI-specific policy kinds (Calico, Cilium, Antrea, the
 * AdminNetworkPolicy API) are only inventoried: their presence means a
 * linter cannot say that traffic is unrestricted, so rules should stay quiet
 * rather than guess.
 *
 * Objects without `metadata.namespace` get their namespace when they are
 * applied (`kubectl -n`, `helm --namespace`, kustomize `namespace:`). The
 * model keeps them in one unnamed bucket: a namespace-less policy selects
 * namespace-less pods of the same input, which is how they land together in
 * practice. `namespaces()` lists only named namespaces.
 */

export type PolicyDirection = 'Ingress' | 'Egress';

/**
 * How far a peer (or a rule) reaches: `anything` admits every address,
 * inside or outside the cluster; `all-pods` every pod of every namespace;
 * `limited` anything narrower.
 */
export type PeerReach = 'anything' | 'all-pods' | 'limited';

/** One `from` or `to` entry of a NetworkPolicy rule: pods, namespaces or an address block. */
export interface NetworkPolicyPeer {
  value: unknown;
  /** Path inside the NetworkPolicy object, e.g. ['spec', 'ingress', 0, 'from', 1]. */
  path: JsonPath;
  reach: PeerReach;
  /** Why the peer reaches as far as it does, for messages: 'an empty peer ({})', 'ipBlock 0.0.0.0/0'. */
  why?: string;
  /** `{}`: the API server rejects it; written anyway, it reads as "any peer". */
  empty: boolean;
  ipBlock?: { cidr: string; except: string[] };
}

/** One port entry of a NetworkPolicy rule: protocol, port (number or name) and end port. */
export interface NetworkPolicyPort {
  /** 'TCP' when the port does not say. */
  protocol: string;
  /** A number, a named port, or undefined for every port of the protocol. */
  port?: number | string;
  endPort?: number;
  path: JsonPath;
}

/** One ingress or egress rule of a NetworkPolicy, with its path in the document. */
export interface NetworkPolicyRule {
  direction: PolicyDirection;
  /** Path inside the NetworkPolicy object, e.g. ['spec', 'egress', 2]. */
  path: JsonPath;
  /** True when `from`/`to` is absent or empty: the rule admits every peer. */
  anyPeer: boolean;
  peers: NetworkPolicyPeer[];
  /** Empty when the rule admits every port. */
  ports: NetworkPolicyPort[];
  /** The widest reach of the rule: `anything` when anyPeer. */
  reach: PeerReach;
}

/** One NetworkPolicy as the model reads it: whom it selects, the directions it isolates, and its rules. */
export interface NetworkPolicyInfo {
  resource: Resource;
  namespace: string | undefined;
  podSelector: LabelSelector;
  /** `spec.podSelector` is absent or `{}`: the policy selects every pod of its namespace. */
  selectsAllPods: boolean;
  /** The directions the policy isolates, defaulted as the API server does. */
  policyTypes: readonly PolicyDirection[];
  /** Whether `spec.policyTypes` was written (when not, `policyTypes` is the API server's default). */
  policyTypesWritten: boolean;
  ingress: readonly NetworkPolicyRule[];
  egress: readonly NetworkPolicyRule[];
}

/** A pod-running object, as far as selection goes. */
export interface PodOwner {
  namespace?: string | undefined;
  podLabels?: Readonly<Record<string, string>> | undefined;
}

/** What the NetworkPolicy model knows of a namespace: its labels and the policies in it. */
export interface NamespaceInfo {
  name: string;
  /** The Namespace object, when the input has it. */
  object?: ResourceSummary;
  /** Objects that run pods (not PodTemplates) and name this namespace, in input order. */
  workloads: ResourceSummary[];
  /** Kubernetes NetworkPolicies of the namespace. */
  policies: NetworkPolicyInfo[];
  /** CNI-specific namespaced policies (Calico, Cilium, Antrea) of the namespace. */
  otherPolicies: ResourceSummary[];
}

/** What the NetworkPolicies of a namespace allow a pod to reach. */
export interface EgressVerdict {
  allowed: boolean;
  /** The policies that isolate the pod for egress; empty when none does. */
  isolatedBy: NetworkPolicyInfo[];
  /** The first rule found that admits the destination, when allowed by a rule. */
  allowedBy?: { policy: NetworkPolicyInfo; rule: NetworkPolicyRule };
}

const NETWORK_POLICY_GROUPS: ReadonlySet<string> = new Set(['networking.k8s.io', 'extensions']);

/** Namespaced policy kinds of CNIs and the policy API, by group. */
const OTHER_NAMESPACED_POLICIES: ReadonlyArray<readonly [string, string]> = [
  ['projectcalico.org', 'NetworkPolicy'],
  ['crd.projectcalico.org', 'NetworkPolicy'],
  ['cilium.io', 'CiliumNetworkPolicy'],
  ['crd.antrea.io', 'NetworkPolicy'],
];

/** Cluster-wide policy kinds, which may cover any namespace. */
const OTHER_CLUSTER_POLICIES: ReadonlyArray<readonly [string, string]> = [
  ['projectcalico.org', 'GlobalNetworkPolicy'],
  ['crd.projectcalico.org', 'GlobalNetworkPolicy'],
  ['cilium.io', 'CiliumClusterwideNetworkPolicy'],
  ['crd.antrea.io', 'ClusterNetworkPolicy'],
  ['policy.networking.k8s.io', 'AdminNetworkPolicy'],
  ['policy.networking.k8s.io', 'BaselineAdminNetworkPolicy'],
];

/** Kinds that carry a pod template without running pods. */
const NOT_RUNNING = new Set(['PodTemplate']);

function matchesKind(ref: { apiVersion: string; kind: string }, list: ReadonlyArray<readonly [string, string]>): boolean {
  const group = apiGroup(ref.apiVersion);
  return list.some(([g, k]) => g === group && k === ref.kind);
}

/** A Kubernetes NetworkPolicy (not a CNI's kind of the same name). */
export function isKubernetesNetworkPolicy(ref: { apiVersion: string; kind: string }): boolean {
  return ref.kind === 'NetworkPolicy' && NETWORK_POLICY_GROUPS.has(apiGroup(ref.apiVersion));
}

/** A namespaced network policy of a CNI (Calico, Cilium, Antrea). */
export function isOtherNamespacedPolicy(ref: { apiVersion: string; kind: string }): boolean {
  return matchesKind(ref, OTHER_NAMESPACED_POLICIES);
}

/** A cluster-wide network policy (Calico GlobalNetworkPolicy, Cilium clusterwide, AdminNetworkPolicy...). */
export function isClusterNetworkPolicy(ref: { apiVersion: string; kind: string }): boolean {
  return matchesKind(ref, OTHER_CLUSTER_POLICIES);
}

/** An empty selector, `{}` or one with empty lists, which selects everything. */
function isEmptySelector(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isJsonObject(value)) return false;
  const labels = value['matchLabels'];
  const expressions = value['matchExpressions'];
  const noLabels = labels === undefined || labels === null || (isJsonObject(labels) && Object.keys(labels).length === 0);
  const noExpressions = expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0);
  return noLabels && noExpressions;
}

// ---------------------------------------------------------------- addresses

interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const version = net().isIP(address);
  if (version === 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { address, prefix: Number(prefixText), family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether an IPv4 or IPv6 address lies in a CIDR; undefined when either does not parse. */
export function cidrContains(cidr: string, address: string): boolean | undefined {
  const block = parseCidr(cidr.trim());
  const ip = address.trim();
  const version = net().isIP(ip);
  if (!block || version === 0) return undefined;
  // An ipBlock holds addresses of its own family only; BlockList alone would also match IPv4 against IPv6 blocks.
  if ((version === 4) !== (block.family === 'ipv4')) return false;
  const list = new (net().BlockList)();
  list.addSubnet(block.address, block.prefix, block.family);
  return list.check(ip, block.family);
}

/** `0.0.0.0/0` or `::/0` (any prefix-0 block): every address of the family. */
export function isAllAddresses(cidr: string): boolean {
  return parseCidr(cidr.trim())?.prefix === 0;
}

// ---------------------------------------------------------------- policies

function peerOf(value: unknown, path: JsonPath): NetworkPolicyPeer {
  if (!isJsonObject(value) || Object.keys(value).every((k) => value[k] === undefined || value[k] === null)) {
    return { value, path, reach: 'anything', why: 'an empty peer ({})', empty: true };
  }
  const ipBlock = value['ipBlock'];
  if (isJsonObject(ipBlock)) {
    const cidr = typeof ipBlock['cidr'] === 'string' ? ipBlock['cidr'] : '';
    const except = Array.isArray(ipBlock['except']) ? ipBlock['except'].filter((e): e is string => typeof e === 'string') : [];
    const block = { cidr, except };
    if (isAllAddresses(cidr)) {
      const but = except.length > 0 ? ` except ${except.join(', ')}` : '';
      return { value, path, reach: 'anything', why: `ipBlock ${cidr}${but}`, empty: false, ipBlock: block };
    }
    return { value, path, reach: 'limited', empty: false, ipBlock: block };
  }
  const ns = value['namespaceSelector'];
  const pods = value['podSelector'];
  if (ns !== undefined && ns !== null && isEmptySelector(ns) && isEmptySelector(pods)) {
    return { value, path, reach: 'all-pods', why: 'every pod of every namespace (namespaceSelector: {})', empty: false };
  }
  return { value, path, reach: 'limited', empty: false };
}

function portsOf(value: unknown, path: JsonPath): NetworkPolicyPort[] {
  if (!Array.isArray(value)) return [];
  const out: NetworkPolicyPort[] = [];
  value.forEach((p: unknown, i) => {
    if (!isJsonObject(p)) return;
    const port: NetworkPolicyPort = { protocol: typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : 'TCP', path: [...path, i] };
    const number = p['port'];
    if (typeof number === 'number' || (typeof number === 'string' && number !== '')) {
      port.port = typeof number === 'string' && /^\d+$/.test(number) ? Number(number) : number;
    }
    if (typeof p['endPort'] === 'number') port.endPort = p['endPort'];
    out.push(port);
  });
  return out;
}

const REACH_ORDER: readonly PeerReach[] = ['limited', 'all-pods', 'anything'];

function rulesOf(spec: JsonObject, direction: PolicyDirection): NetworkPolicyRule[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerField = direction === 'Ingress' ? 'from' : 'to';
  const list = spec[field];
  if (!Array.isArray(list)) return [];
  const out: NetworkPolicyRule[] = [];
  list.forEach((rule: unknown, i) => {
    const path: JsonPath = ['spec', field, i];
    const value = isJsonObject(rule) ? rule : {};
    const rawPeers = value[peerField];
    const peers = Array.isArray(rawPeers) ? rawPeers.map((p: unknown, j) => peerOf(p, [...path, peerField, j])) : [];
    const anyPeer = peers.length === 0;
    const reach = anyPeer
      ? 'anything'
      : peers.reduce<PeerReach>((widest, p) => (REACH_ORDER.indexOf(p.reach) > REACH_ORDER.indexOf(widest) ? p.reach : widest), 'limited');
    out.push({ direction, path, anyPeer, peers, ports: portsOf(value['ports'], [...path, 'ports']), reach });
  });
  return out;
}

/** The parts of a Kubernetes NetworkPolicy that decide what it allows; undefined for other objects. */
export function analyzeNetworkPolicy(resource: Resource): NetworkPolicyInfo | undefined {
  if (!isKubernetesNetworkPolicy(resource)) return undefined;
  const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
  const rawSelector = spec['podSelector'];
  const podSelector: LabelSelector = isJsonObject(rawSelector) ? (rawSelector as LabelSelector) : {};
  const ingress = rulesOf(spec, 'Ingress');
  const egress = rulesOf(spec, 'Egress');
  const written = Array.isArray(spec['policyTypes']) && spec['policyTypes'].length > 0;
  let policyTypes: PolicyDirection[];
  if (written) {
    const types = spec['policyTypes'] as unknown[];
    policyTypes = (['Ingress', 'Egress'] as const).filter((t) => types.includes(t));
  } else {
    // The API server's defaulting: Ingress always, Egress only when egress rules are given.
    policyTypes = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  return {
    resource,
    namespace: resource.namespace,
    podSelector,
    selectsAllPods: isEmptySelector(rawSelector),
    policyTypes,
    policyTypesWritten: written,
    ingress,
    egress,
  };
}

/** Whether the policy selects the pods of a workload: same namespace (or both unnamed) and matching podSelector. */
export function policySelects(policy: NetworkPolicyInfo, pod: PodOwner): boolean {
  if ((policy.namespace ?? '') !== (pod.namespace ?? '')) return false;
  if (policy.selectsAllPods) return true;
  return matchesSelector(policy.podSelector, pod.podLabels ?? {});
}

/** The policy's rules of one direction. */
export function rulesOfDirection(policy: NetworkPolicyInfo, direction: PolicyDirection): readonly NetworkPolicyRule[] {
  return direction === 'Ingress' ? policy.ingress : policy.egress;
}

/**
 * A default-deny policy for a direction: it selects every pod of its
 * namespace, isolates that direction, and has no rule of that direction.
 */
export function isDefaultDeny(policy: NetworkPolicyInfo, direction: PolicyDirection): boolean {
  return policy.selectsAllPods && policy.policyTypes.includes(direction) && rulesOfDirection(policy, direction).length === 0;
}

/**
 * A policy that isolates every pod of its namespace for a direction without
 * re-opening it to any peer: a default deny, or a namespace-wide policy whose
 * rules only admit named peers ("deny all but the same namespace").
 */
export function isolatesNamespace(policy: NetworkPolicyInfo, direction: PolicyDirection): boolean {
  return policy.selectsAllPods && policy.policyTypes.includes(direction) && rulesOfDirection(policy, direction).every((rule) => rule.reach !== 'anything');
}

/** The rules that admit any address (an empty `from`/`to`, an empty peer, or a prefix-0 ipBlock). */
export function allowAllRules(policy: NetworkPolicyInfo): NetworkPolicyRule[] {
  return [...policy.ingress, ...policy.egress].filter((rule) => rule.reach === 'anything' && policy.policyTypes.includes(rule.direction));
}

function portAdmits(ports: readonly NetworkPolicyPort[], port: number, protocol: string): boolean {
  if (ports.length === 0) return true;
  return ports.some((p) => {
    if (p.protocol !== protocol) return false;
    if (p.port === undefined) return true;
    // A named port names a port of a destination pod; an address outside the cluster has none.
    if (typeof p.port !== 'number') return false;
    return p.endPort !== undefined ? p.port <= port && port <= p.endPort : p.port === port;
  });
}

/** Whether a rule admits traffic to (egress) or from (ingress) an address outside the pod network. */
export function ruleAdmitsAddress(rule: NetworkPolicyRule, address: string, port: number, protocol = 'TCP'): boolean {
  if (!portAdmits(rule.ports, port, protocol.toUpperCase())) return false;
  if (rule.anyPeer) return true;
  return rule.peers.some((peer) => {
    if (peer.empty) return true;
    if (!peer.ipBlock) return false;
    if (cidrContains(peer.ipBlock.cidr, address) !== true) return false;
    return !peer.ipBlock.except.some((e) => cidrContains(e, address) === true);
  });
}

// ---------------------------------------------------------------- the model

/**
 * NetworkPolicy analysis of one run. Build it in a set rule that declares
 * `kinds: ['NetworkPolicy']` (so the full policies are available); the pods,
 * Namespaces and CNI policies are read from the set's summaries.
 */
export class NetworkModel {
  /** Every Kubernetes NetworkPolicy of the input, in input order. */
  readonly policies: readonly NetworkPolicyInfo[];
  /** Cluster-wide CNI or AdminNetworkPolicy objects; any of them may restrict any namespace. */
  readonly clusterPolicies: readonly ResourceSummary[];
  private readonly all: readonly ResourceSummary[];

  constructor(set: Pick<ResourceSet, 'all' | 'ofKind'>) {
    this.all = set.all;
    this.policies = set.ofKind('NetworkPolicy').flatMap((r) => analyzeNetworkPolicy(r) ?? []);
    this.clusterPolicies = set.all.filter((s) => isClusterNetworkPolicy(s));
  }

  /**
   * The named namespaces of the input: those of Namespace objects and those
   * that pod-running objects or NetworkPolicies name in `metadata.namespace`,
   * sorted by name.
   */
  namespaces(): NamespaceInfo[] {
    const byName = new Map<string, NamespaceInfo>();
    const get = (name: string): NamespaceInfo => {
      let info = byName.get(name);
      if (!info) byName.set(name, (info = { name, workloads: [], policies: [], otherPolicies: [] }));
      return info;
    };
    for (const s of this.all) {
      if (s.kind === 'Namespace' && apiGroup(s.apiVersion) === '' && s.name !== '') {
        const info = get(s.name);
        info.object ??= s;
      } else if (isPodOwner(s) && s.namespace !== undefined) {
        get(s.namespace).workloads.push(s);
      }
    }
    for (const policy of this.policies) {
      // A namespace that only policies name is a namespace too: a file of policies alone is judged on its own.
      if (policy.namespace !== undefined) get(policy.namespace).policies.push(policy);
    }
    for (const s of this.all) {
      if (s.namespace !== undefined && isOtherNamespacedPolicy(s)) byName.get(s.namespace)?.otherPolicies.push(s);
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every pod-running object of the input (Pods and controllers; PodTemplates excluded). */
  workloads(): ResourceSummary[] {
    return this.all.filter(isPodOwner);
  }

  /** The policies that select a workload's pods. */
  policiesSelecting(pod: PodOwner): NetworkPolicyInfo[] {
    return this.policies.filter((p) => policySelects(p, pod));
  }

  /** The policies that isolate a workload's pods for a direction; empty means all traffic of that direction is allowed. */
  isolating(pod: PodOwner, direction: PolicyDirection): NetworkPolicyInfo[] {
    return this.policiesSelecting(pod).filter((p) => p.policyTypes.includes(direction));
  }

  /**
   * Whether a workload's pods may open a connection to an address outside
   * the pod network (a cloud metadata endpoint, say). Policies are additive:
   * a pod no policy isolates for egress may send anywhere; an isolated one
   * only where some rule of an isolating policy admits it.
   */
  egressTo(pod: PodOwner, address: string, port: number, protocol = 'TCP'): EgressVerdict {
    const isolatedBy = this.isolating(pod, 'Egress');
    if (isolatedBy.length === 0) return { allowed: true, isolatedBy };
    for (const policy of isolatedBy) {
      for (const rule of policy.egress) {
        if (ruleAdmitsAddress(rule, address, port, protocol)) return { allowed: true, isolatedBy, allowedBy: { policy, rule } };
      }
    }
    return { allowed: false, isolatedBy };
  }
}

function isPodOwner(s: ResourceSummary): boolean {
  return s.podLabels !== undefined && !NOT_RUNNING.has(s.kind);
}

const models = new WeakMap<object, NetworkModel>();

/**
 * The NetworkPolicy model of a set rule's ResourceSet (the rule declares
 * `kinds: ['NetworkPolicy']`), built once and shared by every rule of the run.
 */
export function networkModelOf(set: Pick<ResourceSet, 'all' | 'ofKind'>): NetworkModel {
  let model = models.get(set);
  if (!model) models.set(set, (model = new NetworkModel(set)));
  return model;
}
