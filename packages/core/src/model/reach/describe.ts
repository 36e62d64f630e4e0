import type { JsonPath } from '../../base/types.js';
import type { Resource } from '../resource.js';
import { formatJsonPath } from '../../base/json-path.js';
import type { Direction, DirectionVerdict, Peer, RuleRef } from './types.js';

/** Where a rule is, for messages: `NetworkPolicy/payments/allow-web spec.ingress[0]`. */
export function ruleLabel(ref: RuleRef): string {
  return `${ref.policy.label} ${formatJsonPath(ref.rule.path)}${ref.rule.name ? ` ("${ref.rule.name}")` : ''}`;
}

/** How a direction was decided, as a clause: 'allowed by NetworkPolicy/a/b spec.ingress[0]'. */
export function verdictText(verdict: DirectionVerdict, direction: Direction): string {
  const way = direction === 'Ingress' ? 'ingress' : 'egress';
  switch (verdict.reason) {
    case 'rule': {
      const ref = verdict.rule as RuleRef;
      const action = verdict.allowed ? 'allowed' : 'denied';
      const tie = verdict.ambiguousWith ? ` (ambiguous: ${ruleLabel(verdict.ambiguousWith)} has the same priority and the opposite action)` : '';
      return `${action} by ${ruleLabel(ref)}${tie}`;
    }
    case 'no-policy':
      return `open: no policy selects the pod for ${way}`;
    case 'passed':
      return `open: the policies that select the pod for ${way} pass it on and none decides`;
    case 'end-of-tier':
      return `denied: policies of tier "${verdict.tier ?? ''}" select the pod for ${way} and none of their rules matches`;
    case 'not-a-pod':
      return 'no policy applies to an address';
    case 'self':
      return 'a pod can always reach itself';
    case 'local-node':
      return "traffic from the pod's own node is always allowed";
  }
}

/** A related location for the rule that decided, if a rule did. */
export function verdictLocation(verdict: DirectionVerdict): { resource: Resource; path: JsonPath } | undefined {
  return verdict.rule ? { resource: verdict.rule.policy.resource, path: verdict.rule.rule.path } : undefined;
}

/** 'Deployment/shop/web', 'host-network Pod/x/y', '203.0.113.5'. */
export function peerText(peer: Peer): string {
  if (peer.kind === 'pod') return peer.workload ? peer.id : peer.namespace === '' ? 'a new pod' : `a new pod in namespace "${peer.namespace}"`;
  if (peer.hostNetwork) return `host-network ${peer.hostNetwork.kind}/${peer.hostNetwork.namespace ?? ''}/${peer.hostNetwork.name}`;
  return 'any address';
}

/** 'TCP 443, 8000-8090; UDP 53', or 'every port'. */
export function portsText(ports: readonly { protocol: string; ranges: readonly (readonly [number, number])[] }[], allPorts = false): string {
  if (allPorts) return 'every port';
  return ports
    .map((p) => {
      if (p.ranges.length === 1 && p.ranges[0]?.[0] === 1 && p.ranges[0]?.[1] === 65535) return `every ${p.protocol} port`;
      return `${p.protocol} ${p.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')}`;
    })
    .join('; ');
}
