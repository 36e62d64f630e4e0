import {
  portsText,
  ruleLabel,
  verdictLocation,
  verdictText,
  type DirectionVerdict,
  type PodPeer,
  type ReachabilityModel,
  type ReachPath,
  type RelatedReport,
  type ResourceSummary,
} from '@kubecomply/core';
import type { CdeScope } from './cde-scope.js';

/**
 * The reachability questions PCI DSS requirement 1 asks of the CDE, put to
 * core's reachability model: which CDE pods there are, and how a path into
 * or out of them was allowed, in words and as related locations.
 */

export interface CdePod {
  pod: PodPeer;
  workload: ResourceSummary;
  reason: string;
}

/** The pods of CDE workloads, with why each is in scope. */
export function cdePods(reach: ReachabilityModel, scope: CdeScope): CdePod[] {
  const out: CdePod[] = [];
  for (const pod of reach.pods) {
    const workload = pod.workload as ResourceSummary | undefined;
    if (!workload) continue;
    const reason = scope.workloadReason(workload);
    if (reason !== undefined) out.push({ pod, workload, reason });
  }
  return out;
}

/** Whether a path's peer is outside the CDE: a workload, or a host-network pod, not in scope. */
export function peerOutsideCde(path: ReachPath, scope: CdeScope): ResourceSummary | undefined {
  if (path.peer.kind === 'workload') return scope.workloadReason(path.peer.workload) === undefined ? path.peer.workload : undefined;
  if (path.peer.kind === 'host-network') return scope.workloadReason(path.peer.workload) === undefined ? path.peer.workload : undefined;
  return undefined;
}

/** `Deployment/shop/web on TCP 8080 (ingress allowed by ...; egress open: ...)`. */
export function pathText(peerLabel: string, path: ReachPath, local: 'Ingress' | 'Egress'): string {
  const near = local === 'Ingress' ? path.ingress : path.egress;
  const far = local === 'Ingress' ? path.egress : path.ingress;
  const farDirection = local === 'Ingress' ? 'Egress' : 'Ingress';
  const farText = far.reason === 'not-a-pod' ? '' : `; at the other end ${verdictText(far, farDirection)}`;
  return `${peerLabel} on ${portsText(path.ports, path.allPorts)} (${verdictText(near, local)}${farText})`;
}

/** Related locations for the rules that allowed a path (both ends), deduplicated by the caller's set. */
export function pathRelated(path: ReachPath, message: string, seen: Set<string>): RelatedReport[] {
  const out: RelatedReport[] = [];
  for (const verdict of [path.ingress, path.egress] as DirectionVerdict[]) {
    const where = verdictLocation(verdict);
    if (!where || !verdict.rule) continue;
    const key = `${ruleLabel(verdict.rule)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ resource: where.resource, path: where.path, message: `${message} ${ruleLabel(verdict.rule)} allows it.` });
  }
  return out;
}
