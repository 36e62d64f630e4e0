import { isJsonObject } from '../../base/json.js';
import { isKubernetesNetworkPolicy } from '../network.js';
import type { Resource } from '../resource.js';
import { matchesLabelMap, matchesSelector, type LabelSelector } from '../selector.js';
import { fullRange, parseAddress, parseCidrRange, rangeContains, rangeToCidrs, type AddressRange, type Family } from './address.js';
import { ADMIN_GROUP, ADMIN_TIER, adminPolicy, BASELINE_TIER, CNP_ADMIN_TIER, CNP_BASELINE_TIER } from './admin.js';
import {
  calicoNamespaceLabels,
  calicoNetworkSet,
  calicoPolicy,
  calicoTier,
  DEFAULT_TIER_ORDER,
  isCalico,
  STAGED_KINDS,
  type CalicoWorld,
  type NetworkSetInfo,
  type PolicyProblem,
} from './calico.js';
import { kubernetesPolicy } from './kubernetes.js';
import type { PortSpec } from './match.js';
import type {
  AddressPeer,
  Direction,
  DirectionVerdict,
  Flow,
  FlowVerdict,
  Labels,
  ModelPolicy,
  ModelRule,
  ModelTier,
  Peer,
  PodPeer,
  ReachInput,
  RuleRef,
  SkippedPolicy,
  WorkloadSummary,
} from './types.js';

/**
 * Exact reachability over a set of manifests: Kubernetes NetworkPolicy,
 * Calico NetworkPolicy and GlobalNetworkPolicy with tiers and network sets,
 * AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy,
 * evaluated together as Calico evaluates them (docs/reachability.md):
 *
 *   for each tier, by order (ties by name; unset last):
 *     the tier applies to a pod and direction only if one of its policies
 *     selects the pod for that direction; its policies run by order (unset
 *     last, ties by name/namespace/kind); the first matching rule decides:
 *     Allow and Deny are final, Pass goes to the next tier, Log goes on;
 *     no match: the tier's default action (Deny, or Pass for the admin and
 *     baseline tiers and Tiers that say so)
 *   then the namespace profile, which allows.
 *
 * A connection is allowed when the source pod's egress and the destination
 * pod's ingress both allow it; an address outside the pods of the input has
 * no policy of its own. Cilium and Antrea policies are inventoried only:
 * `unevaluated` says which pods they select.
 */

/** The full objects the model reads; a set rule that builds it declares these kinds. */
export const REACH_KINDS: readonly string[] = [
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
  'NetworkSet',
  'GlobalNetworkSet',
  'Tier',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'Service',
];

/** The protocols connections are evaluated for. */
export const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** Kinds that carry a pod template without running pods. */
const NOT_RUNNING = new Set(['PodTemplate']);

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOrder(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}

export function comparePolicies(a: ModelPolicy, b: ModelPolicy): number {
  return compareOrder(a.order, b.order) || compareStrings(a.sortKey, b.sortKey);
}

function compareTiers(a: ModelTier, b: ModelTier): number {
  return compareOrder(a.order, b.order) || compareStrings(a.name, b.name);
}

/** `Kind/namespace/name` of a workload, the id of its pod in the model. */
export function workloadId(w: Pick<WorkloadSummary, 'kind' | 'name' | 'namespace'>): string {
  return w.namespace ? `${w.kind}/${w.namespace}/${w.name}` : `${w.kind}/${w.name}`;
}

/** A policy of a CNI the model does not evaluate (Cilium, Antrea), with the pods it selects. */
export interface UnevaluatedPolicy {
  resource: Resource;
  selects(pod: PodPeer): boolean;
}

/** The other end of an allowed path. */
export type ReachPeer =
  | { kind: 'workload'; pod: PodPeer; workload: WorkloadSummary }
  | { kind: 'host-network'; workload: WorkloadSummary }
  | { kind: 'addresses'; cidrs: readonly string[]; everything: boolean };

/** Inclusive port ranges of one protocol. */
export interface PortRanges {
  protocol: string;
  ranges: readonly (readonly [number, number])[];
}

/** One allowed path into or out of a pod: the other end, the ports, and how each end decided. */
export interface ReachPath {
  peer: ReachPeer;
  ports: readonly PortRanges[];
  /** Whether every port of every protocol the model checks is allowed. */
  allPorts: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

/** Whether a namespace closes a direction by default, and what got through when it does not. */
export interface IsolationResult {
  isolated: boolean;
  /** The probe connection that got through, when one did, with how. */
  open?: { peer: Peer; verdict: DirectionVerdict };
  /** The verdict for the first probe, to say how it was closed. */
  closedBy?: DirectionVerdict;
}

const PROBE_NAMESPACE = 'kubecomply-probe-elsewhere';

/** The reachability model of one input: policies, tiers and pods, and the questions put to them. */
export class ReachabilityModel {
  readonly policies: readonly ModelPolicy[];
  readonly tiers: readonly ModelTier[];
  readonly skipped: readonly SkippedPolicy[];
  readonly problems: readonly PolicyProblem[];
  readonly unevaluated: readonly UnevaluatedPolicy[];
  /** Every pod-running object of the input as an endpoint (host-network ones excluded). */
  readonly pods: readonly PodPeer[];
  /** Host-network pods: their traffic carries the node's address. */
  readonly hostNetworkWorkloads: readonly WorkloadSummary[];
  readonly networkSets: readonly NetworkSetInfo[];
  private readonly byTier = new Map<string, ModelPolicy[]>();
  private readonly applyingCache = new WeakMap<PodPeer, Map<Direction, Map<string, ModelPolicy[]>>>();
  private readonly namespaceLabelMap = new Map<string, Labels>();
  private readonly saLabelMap = new Map<string, Labels>();
  private readonly services: Resource[];
  private portAtoms: number[] | undefined;
  private addressAtoms: Map<Family, bigint[]> | undefined;
  private readonly mentionedRanges: AddressRange[] = [];
  private readonly mentionedPorts = new Set<number>();

  constructor(input: ReachInput) {
    for (const s of input.all) {
      if (s.kind === 'Namespace' && s.apiVersion === 'v1' && s.name !== '') {
        this.namespaceLabelMap.set(s.name, { ...(this.namespaceLabelMap.get(s.name) ?? {}), ...s.labels });
      } else if (s.kind === 'ServiceAccount' && s.apiVersion === 'v1') {
        this.saLabelMap.set(`${s.namespace ?? ''}/${s.name}`, s.labels);
      }
    }
    this.services = input.ofKind('Service').filter((r) => r.group === '');
    const world: CalicoWorld = {
      namespaceLabels: (ns) => this.namespaceLabels(ns),
      networkSets: [],
      service: (name, namespace) => this.serviceInfo(name, namespace),
    };
    const networkSets = [...input.ofKind('NetworkSet'), ...input.ofKind('GlobalNetworkSet')]
      .filter(isCalico)
      .map((r) => calicoNetworkSet(r, (ns) => this.namespaceLabels(ns)));
    (world as { networkSets: readonly NetworkSetInfo[] }).networkSets = networkSets;
    this.networkSets = networkSets;

    const policies: ModelPolicy[] = [];
    const skipped: SkippedPolicy[] = [];
    const problems: PolicyProblem[] = [];
    const unevaluated: UnevaluatedPolicy[] = [];
    for (const resource of input.ofKind('NetworkPolicy')) {
      if (isKubernetesNetworkPolicy(resource)) {
        const policy = kubernetesPolicy(resource);
        if (policy) policies.push(policy);
      } else if (isCalico(resource)) {
        this.addCalico(resource, world, policies, skipped, problems);
      }
    }
    for (const kind of ['GlobalNetworkPolicy', ...STAGED_KINDS]) {
      for (const resource of input.ofKind(kind)) if (isCalico(resource)) this.addCalico(resource, world, policies, skipped, problems);
    }
    for (const kind of ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']) {
      for (const resource of input.ofKind(kind)) {
        if (resource.group !== ADMIN_GROUP) continue;
        const result = adminPolicy(resource, skipped);
        if (result.policy) policies.push(result.policy);
        if (result.skipped) skipped.push(result.skipped);
      }
    }
    for (const kind of ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']) {
      for (const resource of input.ofKind(kind)) if (resource.group === 'cilium.io') unevaluated.push(ciliumPolicy(resource));
    }
    // Antrea's policies (appliedTo, its own tiers) are not read: taken to cover every pod they could reach.
    for (const resource of [...input.ofKind('NetworkPolicy'), ...input.ofKind('ClusterNetworkPolicy')]) {
      if (resource.group !== 'crd.antrea.io') continue;
      const namespace = resource.kind === 'NetworkPolicy' ? (resource.namespace ?? '') : undefined;
      unevaluated.push({ resource, selects: (pod) => namespace === undefined || pod.namespace === namespace });
    }
    this.policies = policies;
    this.skipped = skipped;
    this.problems = problems;
    this.unevaluated = unevaluated;

    const tiers = new Map<string, ModelTier>();
    tiers.set('default', { name: 'default', order: DEFAULT_TIER_ORDER, defaultAction: 'Deny' });
    for (const t of [ADMIN_TIER, BASELINE_TIER, CNP_ADMIN_TIER, CNP_BASELINE_TIER]) tiers.set(t.name, { name: t.name, order: t.order, defaultAction: 'Pass' });
    for (const resource of input.ofKind('Tier')) {
      if (!isCalico(resource) || tiers.has(resource.name)) continue;
      tiers.set(resource.name, calicoTier(resource));
    }
    for (const policy of policies) {
      if (!tiers.has(policy.tier)) {
        // Calico refuses a policy in a tier that does not exist; the Tier may simply be applied from elsewhere.
        tiers.set(policy.tier, { name: policy.tier, order: undefined, defaultAction: 'Deny' });
        skipped.push({
          resource: policy.resource,
          path: ['spec', 'tier'],
          reason: `the input has no Tier "${policy.tier}"; it is evaluated as a tier without order (after every other tier) whose default action is Deny`,
        });
      }
      let list = this.byTier.get(policy.tier);
      if (!list) this.byTier.set(policy.tier, (list = []));
      list.push(policy);
    }
    for (const list of this.byTier.values()) list.sort(comparePolicies);
    this.tiers = [...tiers.values()].sort(compareTiers);

    const pods: PodPeer[] = [];
    const hostNetwork: WorkloadSummary[] = [];
    for (const s of input.all) {
      if (s.podLabels === undefined || NOT_RUNNING.has(s.kind)) continue;
      if (s.podNetwork?.hostNetwork) hostNetwork.push(s);
      else pods.push(this.podOf(s));
    }
    this.pods = pods;
    this.hostNetworkWorkloads = hostNetwork;
    for (const resource of [...policies.map((p) => p.resource), ...networkSets.map((n) => n.resource), ...this.services]) {
      collectMentions(resource.object['spec'], this.mentionedRanges, this.mentionedPorts);
    }
    for (const pod of pods) {
      for (const p of pod.ports) this.mentionedPorts.add(p.port);
      for (const a of pod.addresses) this.mentionedRanges.push({ family: a.family, start: a.value, end: a.value });
    }
  }

  private addCalico(resource: Resource, world: CalicoWorld, policies: ModelPolicy[], skipped: SkippedPolicy[], problems: PolicyProblem[]): void {
    const result = calicoPolicy(resource, world, problems);
    if (result.policy) policies.push(result.policy);
    if (result.skipped) skipped.push(result.skipped);
  }

  /** Labels of a namespace (its Namespace object's, if any) with the names Kubernetes and Calico add. */
  namespaceLabels(namespace: string): Labels {
    return calicoNamespaceLabels(namespace, this.namespaceLabelMap.get(namespace) ?? {});
  }

  private serviceAccountLabels(namespace: string, name: string): Labels {
    return { ...(this.saLabelMap.get(`${namespace}/${name}`) ?? {}), 'projectcalico.org/name': name };
  }

  private serviceInfo(name: string, namespace: string): { selects(pod: PodPeer): boolean; ports: readonly PortSpec[] } | undefined {
    const service = this.services.find((s) => s.name === name && (s.namespace ?? '') === namespace);
    if (!service) return undefined;
    const spec = isJsonObject(service.object['spec']) ? service.object['spec'] : {};
    const selector = isJsonObject(spec['selector']) ? spec['selector'] : undefined;
    const ports: PortSpec[] = [];
    for (const p of Array.isArray(spec['ports']) ? spec['ports'] : []) {
      if (!isJsonObject(p)) continue;
      const protocol = typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : 'TCP';
      const target = p['targetPort'] ?? p['port'];
      if (typeof target === 'number') ports.push({ protocol, from: target, to: target });
      else if (typeof target === 'string' && /^\d+$/.test(target)) ports.push({ protocol, from: Number(target), to: Number(target) });
      else if (typeof target === 'string') ports.push({ protocol, name: target });
    }
    return { selects: (pod) => pod.namespace === namespace && selector !== undefined && matchesLabelMap(selector, pod.labels), ports };
  }

  /** The endpoint of a pod-running object (or of a made-up pod: labels, namespace, service account). */
  podOf(
    s: Pick<WorkloadSummary, 'kind' | 'name' | 'namespace' | 'podLabels' | 'serviceAccountName' | 'podNetwork'> & Partial<WorkloadSummary>,
    id?: string,
  ): PodPeer {
    const namespace = s.namespace ?? '';
    const labels = s.podLabels ?? {};
    const serviceAccount = s.serviceAccountName ?? 'default';
    const namespaceLabels = this.namespaceLabels(namespace);
    const serviceAccountLabels = this.serviceAccountLabels(namespace, serviceAccount);
    const calicoLabels: Record<string, string> = {
      ...labels,
      'projectcalico.org/namespace': namespace,
      'projectcalico.org/orchestrator': 'k8s',
    };
    if (serviceAccount.length < 63) calicoLabels['projectcalico.org/serviceaccount'] = serviceAccount;
    for (const [k, v] of Object.entries(namespaceLabels)) calicoLabels[`pcns.${k}`] = v;
    for (const [k, v] of Object.entries(serviceAccountLabels)) calicoLabels[`pcsa.${k}`] = v;
    const addresses = (s.podNetwork?.addresses ?? []).flatMap((a) => parseAddress(a) ?? []);
    const pod: PodPeer = {
      kind: 'pod',
      id: id ?? workloadId(s),
      namespace,
      labels,
      serviceAccount,
      namespaceLabels,
      serviceAccountLabels,
      calicoLabels,
      ports: s.podNetwork?.ports ?? [],
      addresses,
    };
    if (s.apiVersion !== undefined) pod.workload = s as WorkloadSummary;
    return pod;
  }

  /** A pod with no labels of its own in a namespace: what a new workload there gets by default. */
  probePod(namespace: string): PodPeer {
    return this.podOf({ kind: 'Pod', name: '(any new pod)', namespace, podLabels: {} }, `probe/${namespace}`);
  }

  /** A pod with no labels in a namespace that no policy names: a workload of some other team. */
  foreignPod(): PodPeer {
    return this.podOf({ kind: 'Pod', name: '(a pod of another namespace)', namespace: PROBE_NAMESPACE, podLabels: {} }, 'probe/elsewhere');
  }

  /** An address outside every block a policy or network set names (other than the whole space): "any address". */
  anyAddress(family: Family = 4): AddressPeer {
    const atoms = this.atomsOf(family);
    const named = this.mentionedRanges.filter((r) => r.family === family && !(r.start === 0n && r.end === fullRange(family).end));
    const free = atoms.find((a) => !named.some((r) => rangeContains(r, family, a)));
    return { kind: 'address', family, value: free ?? (atoms[0] as bigint) };
  }

  /** A port no policy and no container names. */
  anyPort(): number {
    const atoms = this.ports();
    return atoms.find((p) => !this.mentionedPorts.has(p)) ?? (atoms[0] as number);
  }

  /** The Cilium and Antrea policies that select a pod: its reachability is then not what the model says. */
  unevaluatedFor(pod: PodPeer): UnevaluatedPolicy[] {
    return this.unevaluated.filter((u) => u.selects(pod));
  }

  /** The policies that select a pod for a direction, tier by tier. */
  policiesSelecting(pod: PodPeer, direction?: Direction): ModelPolicy[] {
    return this.tiers.flatMap((t) => (this.byTier.get(t.name) ?? []).filter((p) => (!direction || p.types.includes(direction)) && p.selects(pod)));
  }

  /** How one end of a connection decides for its pod. */
  evaluateDirection(pod: PodPeer, direction: Direction, flow: Flow): DirectionVerdict {
    const passes: RuleRef[] = [];
    let applied = false;
    const byTier = this.applying(pod, direction);
    for (const tier of this.tiers) {
      const policies = byTier.get(tier.name) ?? [];
      if (policies.length === 0) continue;
      applied = true;
      let passed = false;
      for (let i = 0; i < policies.length && !passed; i++) {
        const policy = policies[i] as ModelPolicy;
        const rule = firstMatch(policy, direction, flow);
        if (!rule) continue;
        const ref = { policy, rule };
        const ambiguous = policy.family === 'admin' ? this.sameRankConflict(policies, i, direction, flow, rule) : undefined;
        if (rule.action === 'Pass') {
          passes.push(ref);
          passed = true;
          break;
        }
        return {
          allowed: rule.action === 'Allow',
          reason: 'rule',
          rule: ref,
          tier: tier.name,
          ...(passes.length > 0 ? { passedBy: [...passes] } : {}),
          ...(ambiguous ? { ambiguousWith: ambiguous } : {}),
        };
      }
      if (passed || tier.defaultAction === 'Pass') continue;
      return { allowed: false, reason: 'end-of-tier', tier: tier.name, policies, ...(passes.length > 0 ? { passedBy: [...passes] } : {}) };
    }
    if (!applied) return { allowed: true, reason: 'no-policy' };
    return { allowed: true, reason: 'passed', ...(passes.length > 0 ? { passedBy: [...passes] } : {}) };
  }

  /** The policies of each tier that select a pod for a direction, worked out once per pod. */
  private applying(pod: PodPeer, direction: Direction): Map<string, ModelPolicy[]> {
    let byDirection = this.applyingCache.get(pod);
    if (!byDirection) this.applyingCache.set(pod, (byDirection = new Map()));
    let byTier = byDirection.get(direction);
    if (!byTier) {
      byTier = new Map();
      for (const [tier, list] of this.byTier)
        byTier.set(
          tier,
          list.filter((p) => p.types.includes(direction) && p.selects(pod)),
        );
      byDirection.set(direction, byTier);
    }
    return byTier;
  }

  /**
   * AdminNetworkPolicies of the same priority whose matching rules disagree:
   * the API leaves the outcome to the implementation (Calico breaks the tie by name).
   */
  private sameRankConflict(policies: readonly ModelPolicy[], at: number, direction: Direction, flow: Flow, chosen: ModelRule): RuleRef | undefined {
    const order = (policies[at] as ModelPolicy).order;
    if (order === undefined) return undefined;
    for (let j = at + 1; j < policies.length; j++) {
      const other = policies[j] as ModelPolicy;
      if (other.order !== order) break;
      const rule = firstMatch(other, direction, flow);
      if (rule && rule.action !== chosen.action) return { policy: other, rule };
    }
    return undefined;
  }

  /** Whether a connection is allowed: egress at the source pod and ingress at the destination pod. */
  evaluate(flow: Flow): FlowVerdict {
    if (flow.src === flow.dst && flow.src.kind === 'pod') {
      // A pod can always reach itself (Kubernetes documentation; upstream e2e AllowLoopback).
      const self: DirectionVerdict = { allowed: true, reason: 'self' };
      return { allowed: true, egress: self, ingress: self };
    }
    const egress: DirectionVerdict = flow.src.kind === 'pod' ? this.evaluateDirection(flow.src, 'Egress', flow) : { allowed: true, reason: 'not-a-pod' };
    let ingress: DirectionVerdict;
    if (flow.dst.kind !== 'pod') ingress = { allowed: true, reason: 'not-a-pod' };
    // Traffic from the pod's own node is always allowed in (Kubernetes NetworkPolicy ingress rules; Calico allows host to local pod).
    else if (flow.src.kind === 'address' && flow.src.localNode) ingress = { allowed: true, reason: 'local-node' };
    else ingress = this.evaluateDirection(flow.dst, 'Ingress', flow);
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  /**
   * Whether a namespace closes a direction by default: a new pod there with
   * no labels is denied the connection from (Ingress) or to (Egress) any
   * address and, when `strict`, a pod of another namespace. `open` says
   * which probe got through and by what.
   */
  isolation(namespace: string, direction: Direction, strict: boolean): IsolationResult {
    const probe = this.probePod(namespace);
    const peers: Peer[] = [this.anyAddress(4), ...(strict ? [this.foreignPod()] : [])];
    const port = this.anyPort();
    let closedBy: DirectionVerdict | undefined;
    for (const peer of peers) {
      for (const protocol of PROTOCOLS) {
        const flow: Flow = direction === 'Ingress' ? { src: peer, dst: probe, protocol, port } : { src: probe, dst: peer, protocol, port };
        const verdict = this.evaluateDirection(probe, direction, flow);
        if (verdict.allowed) return { isolated: false, open: { peer, verdict } };
        closedBy ??= verdict;
      }
    }
    return { isolated: true, ...(closedBy ? { closedBy } : {}) };
  }

  /** Who may connect to a pod: every workload, host-network pod and address range, with ports and the deciding rules. */
  inbound(target: PodPeer): ReachPath[] {
    return this.paths(target, 'in');
  }

  /** Whom a pod may connect to. */
  outbound(source: PodPeer): ReachPath[] {
    return this.paths(source, 'out');
  }

  private paths(local: PodPeer, way: 'in' | 'out'): ReachPath[] {
    const out: ReachPath[] = [];
    const ports = this.ports();
    const flowWith = (peer: Peer, protocol: string, port: number): Flow =>
      way === 'in' ? { src: peer, dst: local, protocol, port } : { src: local, dst: peer, protocol, port };

    for (const pod of this.pods) {
      if (pod.id === local.id) continue;
      const groups = new Map<string, { egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> }>();
      this.scan(ports, (protocol, port) => flowWith(pod, protocol, port), groups);
      for (const g of groups.values()) out.push(pathOf({ kind: 'workload', pod, workload: pod.workload as WorkloadSummary }, g, ports));
    }
    for (const workload of this.hostNetworkWorkloads) {
      const peer: AddressPeer = { kind: 'address', family: 4, value: 0n, unknown: true, hostNetwork: workload };
      const groups = new Map<string, { egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> }>();
      this.scan(ports, (protocol, port) => flowWith(peer, protocol, port), groups);
      for (const g of groups.values()) out.push(pathOf({ kind: 'host-network', workload }, g, ports));
    }
    for (const family of [4, 6] as const) {
      const atoms = this.atomsOf(family);
      const max = fullRange(family).end;
      // Address atoms with the same deciding rules and the same ports merge into one peer.
      const merged = new Map<string, { ranges: AddressRange[]; egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> }>();
      atoms.forEach((start, i) => {
        const end = i + 1 < atoms.length ? (atoms[i + 1] as bigint) - 1n : max;
        const peer: AddressPeer = { kind: 'address', family, value: start };
        const groups = new Map<string, { egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> }>();
        this.scan(ports, (protocol, port) => flowWith(peer, protocol, port), groups);
        for (const [key, g] of groups) {
          const full = `${key}|${portKey(g.ports)}`;
          const existing = merged.get(full);
          if (existing) {
            const last = existing.ranges[existing.ranges.length - 1] as AddressRange;
            if (last.end + 1n === start) last.end = end;
            else existing.ranges.push({ family, start, end });
          } else {
            merged.set(full, { ranges: [{ family, start, end }], egress: g.egress, ingress: g.ingress, ports: g.ports });
          }
        }
      });
      for (const m of merged.values()) {
        const cidrs = m.ranges.flatMap(rangeToCidrs);
        const everything = m.ranges.length === 1 && (m.ranges[0] as AddressRange).start === 0n && (m.ranges[0] as AddressRange).end === max;
        out.push(pathOf({ kind: 'addresses', cidrs, everything }, m, ports));
      }
    }
    return out;
  }

  private scan(
    ports: readonly number[],
    flowOf: (protocol: string, port: number) => Flow,
    groups: Map<string, { egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> }>,
  ): void {
    for (const protocol of PROTOCOLS) {
      for (const port of ports) {
        const verdict = this.evaluate(flowOf(protocol, port));
        if (!verdict.allowed) continue;
        const key = `${verdictKey(verdict.egress)}|${verdictKey(verdict.ingress)}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { egress: verdict.egress, ingress: verdict.ingress, ports: new Map() }));
        let list = group.ports.get(protocol);
        if (!list) group.ports.set(protocol, (list = []));
        list.push(port);
      }
    }
  }

  /** Port atoms: the first port of each run of ports that every policy treats alike. */
  ports(): number[] {
    if (!this.portAtoms) {
      const bounds = new Set<number>([1]);
      for (const p of this.mentionedPorts) {
        if (p >= 1 && p <= 65535) bounds.add(p);
        if (p + 1 >= 1 && p + 1 <= 65535) bounds.add(p + 1);
      }
      this.portAtoms = [...bounds].sort((a, b) => a - b);
    }
    return this.portAtoms;
  }

  /** Address atoms of a family: the first address of each run that every block treats alike. */
  private atomsOf(family: Family): bigint[] {
    if (!this.addressAtoms) {
      this.addressAtoms = new Map();
      for (const f of [4, 6] as const) {
        const max = fullRange(f).end;
        const bounds = new Set<bigint>([0n]);
        for (const r of this.mentionedRanges) {
          if (r.family !== f) continue;
          bounds.add(r.start);
          if (r.end < max) bounds.add(r.end + 1n);
        }
        this.addressAtoms.set(
          f,
          [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      }
    }
    return this.addressAtoms.get(family) as bigint[];
  }
}

function firstMatch(policy: ModelPolicy, direction: Direction, flow: Flow): ModelRule | undefined {
  for (const rule of direction === 'Ingress' ? policy.ingress : policy.egress) {
    if (rule.action === 'Log') continue;
    if (rule.matches(flow)) return rule;
  }
  return undefined;
}

/** What decided, as a key: verdicts with the same key group together. */
function verdictKey(v: DirectionVerdict): string {
  const rule = v.rule ? `${v.rule.policy.label}#${v.rule.rule.path.join('.')}` : '';
  const passes = (v.passedBy ?? []).map((p) => `${p.policy.label}#${p.rule.path.join('.')}`).join(',');
  return `${v.reason}:${v.tier ?? ''}:${rule}:${passes}:${v.ambiguousWith ? v.ambiguousWith.policy.label : ''}`;
}

function portKey(ports: Map<string, number[]>): string {
  return [...ports].map(([p, list]) => `${p}:${list.join(',')}`).join(';');
}

function pathOf(
  peer: ReachPeer,
  group: { egress: DirectionVerdict; ingress: DirectionVerdict; ports: Map<string, number[]> },
  atoms: readonly number[],
): ReachPath {
  const ports: PortRanges[] = [];
  let allPorts = true;
  for (const protocol of PROTOCOLS) {
    const allowed = new Set(group.ports.get(protocol) ?? []);
    const ranges: [number, number][] = [];
    atoms.forEach((start, i) => {
      if (!allowed.has(start)) {
        allPorts = false;
        return;
      }
      const end = i + 1 < atoms.length ? (atoms[i + 1] as number) - 1 : 65535;
      const last = ranges[ranges.length - 1];
      if (last && last[1] + 1 === start) last[1] = end;
      else ranges.push([start, end]);
    });
    if (ranges.length > 0) ports.push({ protocol, ranges });
  }
  return { peer, ports, allPorts, egress: group.egress, ingress: group.ingress };
}

/** Every address block and port number written in a policy spec, for the atoms. */
function collectMentions(value: unknown, ranges: AddressRange[], ports: Set<number>, key = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) collectMentions(v, ranges, ports, key);
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) collectMentions(v, ranges, ports, k);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= 1 && value <= 65535) {
      ports.add(value);
      ports.add(value + 1);
    }
  } else if (typeof value === 'string') {
    if (value.includes('/') || key === 'cidr' || key === 'nets' || key === 'notNets' || key === 'except' || key === 'networks') {
      const range = parseCidrRange(value);
      if (range) ranges.push(range);
    }
    const portRange = /^(\d+):(\d+)$/.exec(value);
    if (portRange) {
      ports.add(Number(portRange[1]));
      ports.add(Number(portRange[2]) + 1);
    } else if (/^\d+$/.test(value)) {
      ports.add(Number(value));
      ports.add(Number(value) + 1);
    }
  }
}

/**
 * A Cilium policy, for the inventory: which pods it selects. Cilium writes
 * label keys with a source prefix (`k8s:app`) and the namespace as
 * `io.kubernetes.pod.namespace`; both are read.
 */
function ciliumPolicy(resource: Resource): UnevaluatedPolicy {
  const selectors: LabelSelector[] = [];
  const specs = [resource.object['spec'], ...(Array.isArray(resource.object['specs']) ? resource.object['specs'] : [])];
  for (const spec of specs) {
    if (isJsonObject(spec) && isJsonObject(spec['endpointSelector'])) selectors.push(spec['endpointSelector'] as LabelSelector);
  }
  const namespaced = resource.kind === 'CiliumNetworkPolicy';
  const namespace = resource.namespace ?? '';
  return {
    resource,
    selects(pod) {
      if (namespaced && pod.namespace !== namespace) return false;
      const labels: Record<string, string> = { 'io.kubernetes.pod.namespace': pod.namespace };
      for (const [k, v] of Object.entries(pod.labels)) labels[k] = v;
      return selectors.some((s) => matchesSelector(stripSource(s), labels));
    },
  };
}

function stripSource(selector: LabelSelector): LabelSelector {
  const strip = (key: string) => key.replace(/^(k8s|any):/, '');
  const out: LabelSelector = {};
  if (selector.matchLabels) out.matchLabels = Object.fromEntries(Object.entries(selector.matchLabels).map(([k, v]) => [strip(k), v]));
  if (selector.matchExpressions) out.matchExpressions = selector.matchExpressions.map((e) => ({ ...e, key: strip(e.key) }));
  return out;
}

const models = new WeakMap<object, ReachabilityModel>();

/** The reachability model of a set rule's input (the rule declares REACH_KINDS), built once per run. */
export function reachabilityModelOf(input: ReachInput): ReachabilityModel {
  let model = models.get(input);
  if (!model) models.set(input, (model = new ReachabilityModel(input)));
  return model;
}
