import { isJsonObject } from '../../base/json.js';
import { analyzeNetworkPolicy, type NetworkPolicyInfo, type NetworkPolicyPeer, type NetworkPolicyPort } from '../network.js';
import type { Resource } from '../resource.js';
import { matchesSelector, type LabelSelector } from '../selector.js';
import { inRanges, parseRanges, portMatches, type PortSpec } from './match.js';
import type { Direction, Flow, ModelPolicy, ModelRule, Peer } from './types.js';

/**
 * A Kubernetes NetworkPolicy as Calico runs it (libcalico-go
 * conversion.go, K8sNetworkPolicyToCalico): a policy of the `default` tier
 * at order 1000 whose rules all Allow. With nothing but Kubernetes
 * NetworkPolicies in the input this gives exactly the API's own semantics:
 * the default tier applies to a pod only when one of its policies selects
 * it for the direction, any rule of any of them allows (a union), and
 * otherwise the end of the tier denies.
 *
 * The direction defaults, the peers and the ports are read by
 * analyzeNetworkPolicy (network.ts), the one reading of the object.
 */

export const KUBERNETES_POLICY_ORDER = 1000;

function selectorOf(value: unknown): LabelSelector | undefined {
  if (value === undefined || value === null) return undefined;
  return isJsonObject(value) ? (value as LabelSelector) : { matchExpressions: [{ key: '', operator: 'Invalid' }] };
}

/** Whether a peer of a policy in `namespace` matches the other end of a flow. */
function peerMatches(peer: NetworkPolicyPeer, namespace: string, other: Peer): boolean {
  if (peer.empty) return true;
  if (peer.ipBlock) {
    // Calico maps ipBlock to nets/notNets, matched on the packet's address: pods match too when their address is known.
    const cidr = parseRanges([peer.ipBlock.cidr]);
    return inRanges(other, cidr) && !inRanges(other, parseRanges(peer.ipBlock.except));
  }
  if (other.kind !== 'pod') return false;
  const value = peer.value as Record<string, unknown>;
  const nsSelector = selectorOf(value['namespaceSelector']);
  const podSelector = selectorOf(value['podSelector']);
  if (nsSelector === undefined) {
    if (other.namespace !== namespace) return false;
  } else if (!matchesSelector(nsSelector, other.namespaceLabels)) {
    return false;
  }
  return podSelector === undefined || matchesSelector(podSelector, other.labels);
}

function portSpec(port: NetworkPolicyPort): PortSpec {
  if (port.port === undefined) return { protocol: port.protocol };
  if (typeof port.port === 'string') return { protocol: port.protocol, name: port.port };
  return { protocol: port.protocol, from: port.port, to: port.endPort ?? port.port };
}

export function kubernetesPolicy(resource: Resource): ModelPolicy | undefined {
  const info: NetworkPolicyInfo | undefined = analyzeNetworkPolicy(resource);
  if (!info) return undefined;
  const namespace = info.namespace ?? '';
  const rules = (direction: Direction): ModelRule[] =>
    (direction === 'Ingress' ? info.ingress : info.egress).map((rule, index) => {
      const ports = rule.ports.map(portSpec);
      return {
        action: 'Allow',
        direction,
        path: rule.path,
        index,
        matches(flow: Flow): boolean {
          if (ports.length > 0 && !ports.some((p) => portMatches(p, flow.protocol, flow.port, flow.dst))) return false;
          if (rule.anyPeer) return true;
          const other = direction === 'Ingress' ? flow.src : flow.dst;
          return rule.peers.some((peer) => peerMatches(peer, namespace, other));
        },
      };
    });
  return {
    resource,
    family: 'kubernetes',
    label: `NetworkPolicy/${info.namespace ? `${info.namespace}/` : ''}${resource.name}`,
    tier: 'default',
    order: KUBERNETES_POLICY_ORDER,
    sortKey: `${resource.name}/${namespace}/KubernetesNetworkPolicy`,
    ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
    types: info.policyTypes,
    ingress: rules('Ingress'),
    egress: rules('Egress'),
    selects(pod) {
      return pod.namespace === namespace && (info.selectsAllPods || matchesSelector(info.podSelector, pod.labels));
    },
  };
}
