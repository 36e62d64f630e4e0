import type { Resource } from '../resource.js';
import type { ReachEdge, ReachEnd, ReachNode, ReachReport, ReachRuleRef } from '../../base/types.js';
import { portsText, ruleLabel } from './describe.js';
import { workloadId, type ReachabilityModel, type ReachPath } from './model.js';
import type { DirectionVerdict, WorkloadSummary } from './types.js';

export type { ReachEdge, ReachEnd, ReachNode, ReachReport, ReachRuleRef } from '../../base/types.js';

/**
 * A reachability report as plain data, for the terminal table, Markdown and
 * the HTML picture: the selected workloads, every allowed path into and out
 * of them, and for each path the rule (file and line) that allows each end,
 * or the fact that no policy selects the pod.
 */

export interface ReachSelection {
  description: string;
  select(workload: WorkloadSummary): boolean;
  mark?(workload: WorkloadSummary): boolean;
}

function locate(resource: Resource, path: readonly (string | number)[]): { file: string; line: number } {
  const { range } = resource.source.locate([...resource.basePath, ...path]);
  return { file: resource.source.file, line: range.start.line };
}

function endOf(verdict: DirectionVerdict): ReachEnd {
  const ref = (r: NonNullable<DirectionVerdict['rule']>): ReachRuleRef => ({ label: ruleLabel(r), ...locate(r.policy.resource, r.rule.path) });
  const end: ReachEnd = { reason: verdict.reason };
  if (verdict.rule) end.rule = ref(verdict.rule);
  if (verdict.passedBy && verdict.passedBy.length > 0) end.passedBy = verdict.passedBy.map(ref);
  if (verdict.ambiguousWith) end.ambiguousWith = ref(verdict.ambiguousWith);
  return end;
}

function endKey(end: ReachEnd): string {
  return `${end.reason}|${end.rule?.label ?? ''}|${(end.passedBy ?? []).map((p) => p.label).join(',')}`;
}

/** Every allowed path into and out of the selected workloads, as plain data with rule locations. */
export function buildReachReport(model: ReachabilityModel, selection: ReachSelection): ReachReport {
  const nodes = new Map<string, ReachNode>();
  const edges = new Map<string, ReachEdge>();
  const mark = (w: WorkloadSummary) => selection.mark?.(w) ?? false;
  const workloadNode = (w: WorkloadSummary, kind: 'workload' | 'host-network'): string => {
    const id = `${kind === 'host-network' ? 'host:' : ''}${workloadId(w)}`;
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        kind,
        label: `${kind === 'host-network' ? 'host-network ' : ''}${workloadId(w)}`,
        ...(w.namespace ? { namespace: w.namespace } : {}),
        selected: selection.select(w),
        marked: mark(w),
      });
    }
    return id;
  };
  const peerNode = (path: ReachPath): string => {
    const peer = path.peer;
    if (peer.kind === 'workload') return workloadNode(peer.workload, 'workload');
    if (peer.kind === 'host-network') return workloadNode(peer.workload, 'host-network');
    const label = peer.everything
      ? 'any address'
      : peer.cidrs.length > 4
        ? `${peer.cidrs.slice(0, 4).join(', ')} +${peer.cidrs.length - 4}`
        : peer.cidrs.join(', ');
    const id = `addr:${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind: 'addresses', label, selected: false, marked: false });
    return id;
  };
  const add = (from: string, to: string, path: ReachPath) => {
    const edge: ReachEdge = { from, to, ports: portsText(path.ports, path.allPorts), egress: endOf(path.egress), ingress: endOf(path.ingress) };
    const key = `${from}>${to}>${edge.ports}>${endKey(edge.egress)}>${endKey(edge.ingress)}`;
    if (!edges.has(key)) edges.set(key, edge);
  };
  const selected = model.pods.filter((p) => p.workload && selection.select(p.workload));
  for (const pod of selected) {
    const id = workloadNode(pod.workload as WorkloadSummary, 'workload');
    for (const path of model.inbound(pod)) add(peerNode(path), id, path);
    for (const path of model.outbound(pod)) add(id, peerNode(path), path);
  }
  const notes = [
    ...model.skipped.map((s) => `${s.resource.kind}/${s.resource.namespace ? `${s.resource.namespace}/` : ''}${s.resource.name}: ${s.reason}.`),
    ...model.problems.map((p) => `${p.resource.kind}/${p.resource.namespace ? `${p.resource.namespace}/` : ''}${p.resource.name}: ${p.message}.`),
    ...model.unevaluated.map(
      (u) =>
        `${u.resource.kind}/${u.resource.namespace ? `${u.resource.namespace}/` : ''}${u.resource.name} is not evaluated; paths of the pods it selects may differ.`,
    ),
  ];
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    selection: selection.description,
    nodes: [...nodes.values()].sort((a, b) => compare(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.ports, b.ports)),
    notes,
  };
}
