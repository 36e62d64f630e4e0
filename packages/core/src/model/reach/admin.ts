import { isJsonObject, type JsonObject } from '../../base/json.js';
import type { JsonPath } from '../../base/types.js';
import type { Resource } from '../resource.js';
import { matchesSelector, type LabelSelector } from '../selector.js';
import { inRanges, parseRanges, portMatches, type PortSpec } from './match.js';
import type { Direction, Flow, ModelPolicy, ModelRule, Peer, PodPeer, RuleAction, SkippedPolicy } from './types.js';

/**
 * The cluster-scoped policy API (policy.networking.k8s.io):
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) and their
 * successor ClusterNetworkPolicy (v1alpha2, `tier: Admin | Baseline`).
 *
 * They are evaluated as Calico runs them (reference §5): each ANP becomes a
 * policy of the `adminnetworkpolicy` tier (order 1000, default action Pass)
 * at order = priority; the BANP a policy of the `baselineadminnetworkpolicy`
 * tier (order 10,000,000, Pass); ClusterNetworkPolicies go to `kube-admin`
 * and `kube-baseline` at the same orders. That reproduces the API's order:
 * admin rules first (lower priority number wins; Allow and Deny final, Pass
 * skips to NetworkPolicy), then NetworkPolicies (which decide alone when
 * one selects the pod), then the baseline, then the implementation's
 * default, allow. There is no implicit isolation: a tier that only passes
 * leaves the pod as it was.
 *
 * Choices where the reference is unsure or Calico deviates:
 * - `namedPort` is resolved on the destination pod's container ports, as the
 *   API defines it (Calico 3.29-3.31 reportedly drops the port restriction;
 *   the reference marks that reading uncertain).
 * - `nodes` and `domainNames` peers are not modelled: as Calico converts
 *   them, a Deny or Pass rule with one matches everything, an Allow rule
 *   with one matches nothing (fail closed).
 * - `networks` match pod addresses too (a pod of unknown address only when
 *   the block covers everything).
 */

export const ADMIN_GROUP = 'policy.networking.k8s.io';
export const ADMIN_TIER = { name: 'adminnetworkpolicy', order: 1000 } as const;
export const BASELINE_TIER = { name: 'baselineadminnetworkpolicy', order: 10_000_000 } as const;
export const CNP_ADMIN_TIER = { name: 'kube-admin', order: 1000 } as const;
export const CNP_BASELINE_TIER = { name: 'kube-baseline', order: 10_000_000 } as const;

function selector(value: unknown): LabelSelector | undefined {
  return isJsonObject(value) ? (value as LabelSelector) : undefined;
}

/** `namespaces` or `pods` (subject or peer): does it take in this pod? */
function podsMatch(value: JsonObject, pod: PodPeer): boolean | undefined {
  const namespaces = selector(value['namespaces']);
  if (namespaces) return matchesSelector(namespaces, pod.namespaceLabels);
  const pods = isJsonObject(value['pods']) ? value['pods'] : undefined;
  if (pods) {
    const ns = selector(pods['namespaceSelector']) ?? {};
    const ps = selector(pods['podSelector']) ?? {};
    return matchesSelector(ns, pod.namespaceLabels) && matchesSelector(ps, pod.labels);
  }
  return undefined;
}

type PeerMatch = (peer: Peer) => boolean;

/** A peer; `undefined` when it holds no field the model reads (fail closed, decided by the rule's action). */
function peerMatcher(value: unknown, direction: Direction): PeerMatch | undefined {
  if (!isJsonObject(value)) return undefined;
  if (isJsonObject(value['namespaces']) || isJsonObject(value['pods'])) {
    return (peer) => peer.kind === 'pod' && podsMatch(value, peer) === true;
  }
  if (direction === 'Egress' && Array.isArray(value['networks'])) {
    const ranges = parseRanges(value['networks'].filter((n): n is string => typeof n === 'string'));
    return (peer) => inRanges(peer, ranges);
  }
  return undefined;
}

function portSpecs(value: unknown): PortSpec[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: PortSpec[] = [];
  for (const entry of value) {
    if (!isJsonObject(entry)) continue;
    const number = isJsonObject(entry['portNumber']) ? entry['portNumber'] : undefined;
    const range = isJsonObject(entry['portRange']) ? entry['portRange'] : undefined;
    if (number && typeof number['port'] === 'number') {
      out.push({ protocol: typeof number['protocol'] === 'string' ? number['protocol'].toUpperCase() : 'TCP', from: number['port'], to: number['port'] });
    } else if (range && typeof range['start'] === 'number' && typeof range['end'] === 'number') {
      out.push({ protocol: typeof range['protocol'] === 'string' ? range['protocol'].toUpperCase() : 'TCP', from: range['start'], to: range['end'] });
    } else if (typeof entry['namedPort'] === 'string') {
      out.push({ protocol: undefined, name: entry['namedPort'] });
    }
  }
  return out;
}

const ACTION_NAMES: Readonly<Record<string, RuleAction>> = { Allow: 'Allow', Accept: 'Allow', Deny: 'Deny', Pass: 'Pass' };

function adminRules(spec: JsonObject, direction: Direction, problems: SkippedPolicy[], resource: Resource): ModelRule[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peerField = direction === 'Ingress' ? 'from' : 'to';
  const list = spec[field];
  if (!Array.isArray(list)) return [];
  const out: ModelRule[] = [];
  list.forEach((raw: unknown, index) => {
    const path: JsonPath = ['spec', field, index];
    const rule = isJsonObject(raw) ? raw : {};
    const action = typeof rule['action'] === 'string' ? ACTION_NAMES[rule['action']] : undefined;
    if (!action) {
      problems.push({ resource, path: [...path, 'action'], reason: 'the rule has no valid action, so the API server rejects the policy; the rule is ignored' });
      return;
    }
    const peers = Array.isArray(rule[peerField]) ? (rule[peerField] as unknown[]) : [];
    const matchers = peers.map((p) => peerMatcher(p, direction));
    // Fail closed: an unreadable peer makes Allow match nothing and Deny/Pass match everything.
    const failClosed = matchers.some((m) => m === undefined);
    const ports = portSpecs(rule['ports']);
    out.push({
      action,
      direction,
      path,
      index,
      ...(typeof rule['name'] === 'string' ? { name: rule['name'] } : {}),
      matches(flow: Flow) {
        if (failClosed) return action !== 'Allow';
        if (ports && !ports.some((p) => portMatches(p, flow.protocol, flow.port, flow.dst))) return false;
        const other = direction === 'Ingress' ? flow.src : flow.dst;
        return matchers.some((m) => m?.(other) === true);
      },
    });
  });
  return out;
}

function subjectMatcher(spec: JsonObject): (pod: PodPeer) => boolean {
  const subject = isJsonObject(spec['subject']) ? spec['subject'] : undefined;
  if (!subject) return () => false;
  return (pod) => podsMatch(subject, pod) === true;
}

export interface AdminPolicyResult {
  policy?: ModelPolicy;
  skipped?: SkippedPolicy;
}

/** AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy of policy.networking.k8s.io. */
export function adminPolicy(resource: Resource, problems: SkippedPolicy[]): AdminPolicyResult {
  const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
  let tier: { name: string; order: number };
  let order: number | undefined;
  let family: ModelPolicy['family'];
  if (resource.kind === 'AdminNetworkPolicy') {
    tier = ADMIN_TIER;
    family = 'admin';
    order = typeof spec['priority'] === 'number' ? spec['priority'] : undefined;
  } else if (resource.kind === 'BaselineAdminNetworkPolicy') {
    if (resource.name !== 'default') {
      return { skipped: { resource, path: ['metadata', 'name'], reason: 'the API server accepts only one BaselineAdminNetworkPolicy, named "default"' } };
    }
    tier = BASELINE_TIER;
    family = 'baseline';
    order = 1000;
  } else {
    const which = spec['tier'];
    if (which !== 'Admin' && which !== 'Baseline') {
      return { skipped: { resource, path: ['spec', 'tier'], reason: 'spec.tier must be Admin or Baseline' } };
    }
    tier = which === 'Admin' ? CNP_ADMIN_TIER : CNP_BASELINE_TIER;
    family = which === 'Admin' ? 'admin' : 'baseline';
    order = typeof spec['priority'] === 'number' ? spec['priority'] : undefined;
  }
  const ingress = adminRules(spec, 'Ingress', problems, resource);
  const egress = adminRules(spec, 'Egress', problems, resource);
  const selects = subjectMatcher(spec);
  const policy: ModelPolicy = {
    resource,
    family,
    label: `${resource.kind}/${resource.name}`,
    tier: tier.name,
    order,
    sortKey: `${resource.name}//${resource.kind}`,
    // A direction without rules is left alone: the tier's default action passes.
    types: ['Ingress', 'Egress'],
    ingress,
    egress,
    selects,
  };
  return { policy };
}
