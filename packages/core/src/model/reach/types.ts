import type { JsonPath } from '../../base/types.js';
import type { Resource } from '../resource.js';
import type { Family } from './address.js';

/** Ingress or Egress. */
export type Direction = 'Ingress' | 'Egress';
export type Labels = Readonly<Record<string, string>>;

/** An object of the input that runs pods, as the engine summarises it (a structural copy of the engine's ResourceSummary). */
export interface WorkloadSummary {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  labels: Labels;
  annotations: Labels;
  podLabels?: Labels;
  serviceAccountName?: string;
  /** Container ports, host networking and known pod addresses, when the engine recorded them. */
  podNetwork?: PodNetworkFacts;
  resource?: Resource;
}

/** The network facts of a pod template the engine keeps for every workload. */
export interface PodNetworkFacts {
  hostNetwork?: boolean;
  /** Named ports of containers and init containers (Calico reads both). */
  ports?: readonly ContainerPortFact[];
  /** status.podIP / status.podIPs of a Pod manifest. */
  addresses?: readonly string[];
}

/** A named container port of a pod. */
export interface ContainerPortFact {
  name?: string;
  port: number;
  protocol: string;
}

/** What the model reads: every summary and the full objects of the kinds in REACH_KINDS. */
export interface ReachInput {
  readonly all: readonly WorkloadSummary[];
  ofKind(kind: string): readonly Resource[];
}

/** A pod template (or a probe pod the model makes up) as a policy endpoint. */
export interface PodPeer {
  kind: 'pod';
  /** Stable key: 'Deployment/ns/name'. */
  id: string;
  namespace: string;
  labels: Labels;
  serviceAccount: string;
  namespaceLabels: Labels;
  serviceAccountLabels: Labels;
  /** Labels as Calico's selectors see the pod: its own plus projectcalico.org/*, pcns.* and pcsa.* labels. */
  calicoLabels: Labels;
  ports: readonly ContainerPortFact[];
  addresses: readonly { family: Family; value: bigint }[];
  /** The workload, absent for probe pods. */
  workload?: WorkloadSummary;
}

/** An address outside the pods of the input: an external host, a node (host-network pods), a network set member. */
export interface AddressPeer {
  kind: 'address';
  family: Family;
  value: bigint;
  /** The address is not known (a node's, for a host-network pod): only blocks covering everything hold it. */
  unknown?: boolean;
  /** A host-network pod, whose traffic carries its node's address. */
  hostNetwork?: WorkloadSummary;
  /** The node the destination pod runs on (the kubelet's probes): always let in. */
  localNode?: boolean;
}

/** One end of a connection: a pod or an address. */
export type Peer = PodPeer | AddressPeer;

/** A connection: source, destination, protocol and destination port. */
export interface Flow {
  src: Peer;
  dst: Peer;
  /** TCP, UDP or SCTP. */
  protocol: string;
  port: number;
}

/** What a rule does when it matches. */
export type RuleAction = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** Where a policy came from, for ordering and messages. */
export type PolicyFamily = 'kubernetes' | 'calico' | 'admin' | 'baseline';

/** One rule of a policy: its action, where it is written, and what it matches. */
export interface ModelRule {
  action: RuleAction;
  direction: Direction;
  /** Path inside the policy object, e.g. ['spec', 'ingress', 0]. */
  path: JsonPath;
  /** Index in the policy's rule list of its direction. */
  index: number;
  /** The rule's name (AdminNetworkPolicy rules may have one). */
  name?: string;
  matches(flow: Flow): boolean;
}

/** A policy of any kind, as the model evaluates it: its tier, order, selection, directions and rules. */
export interface ModelPolicy {
  resource: Resource;
  family: PolicyFamily;
  /** `GlobalNetworkPolicy/deny-all`, `NetworkPolicy/payments/allow-web`. */
  label: string;
  tier: string;
  /** Calico order, or the AdminNetworkPolicy priority; undefined sorts last. */
  order: number | undefined;
  /** The tie-break key within an order: name/namespace/kind, as Calico 3.32 sorts. */
  sortKey: string;
  namespace?: string;
  types: readonly Direction[];
  ingress: readonly ModelRule[];
  egress: readonly ModelRule[];
  selects(pod: PodPeer): boolean;
}

/** A tier: its order and what happens when none of its policies decides. */
export interface ModelTier {
  name: string;
  order: number | undefined;
  defaultAction: 'Deny' | 'Pass';
  /** The Tier object, for user tiers the input defines. */
  resource?: Resource;
}

/** A rule and the policy that holds it. */
export interface RuleRef {
  policy: ModelPolicy;
  rule: ModelRule;
}

/**
 * How one end of a connection decided:
 * - `rule`: a rule of a policy allowed or denied it;
 * - `end-of-tier`: a tier's policies select the pod for the direction and none matched (Calico's end-of-tier drop,
 *   Kubernetes' "isolated and not allowed");
 * - `no-policy`: no policy selects the pod for the direction (Kubernetes' non-isolated pod; Calico's namespace profile);
 * - `passed`: every tier that applied passed it on to the profiles, which allow;
 * - `not-a-pod`: this end is an address, not a pod, so no policy of the model applies there;
 * - `self`: a pod talking to itself, which policy cannot block;
 * - `local-node`: traffic from the pod's own node, which NetworkPolicy always lets in.
 */
export type DecisionReason = 'rule' | 'end-of-tier' | 'no-policy' | 'passed' | 'not-a-pod' | 'self' | 'local-node';

/** How one end of a connection decided, and by which rule. */
export interface DirectionVerdict {
  allowed: boolean;
  reason: DecisionReason;
  rule?: RuleRef;
  /** The tier that decided (rule or end of tier). */
  tier?: string;
  /** For end-of-tier: the policies of that tier that select the pod for the direction. */
  policies?: readonly ModelPolicy[];
  /** Pass rules crossed on the way. */
  passedBy?: readonly RuleRef[];
  /**
   * An AdminNetworkPolicy of the same priority whose matching rule gives the
   * other answer: the API leaves the result undefined (Calico picks by name).
   */
  ambiguousWith?: RuleRef;
}

/** Whether a connection is allowed, with the verdict of each end. */
export interface FlowVerdict {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}

/** A policy object the model recognised but does not evaluate for pod traffic, with why. */
export interface SkippedPolicy {
  resource: Resource;
  reason: string;
  /** Path of the field that makes it so. */
  path: JsonPath;
}
