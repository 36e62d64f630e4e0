import { isFullRange, parseCidrRange, rangeContains, type AddressRange } from './address.js';
import type { Peer, PodPeer } from './types.js';

/**
 * Matching helpers the policy kinds share: address blocks, ports and the
 * destination pod's named ports.
 *
 * Pod addresses are not in manifests (a Pod's status.podIPs is used when
 * written). A block therefore matches a pod of unknown address only when it
 * covers the whole address space of a family (0.0.0.0/0, ::/0), which
 * holds every pod address; an `except`/`notNets` block excludes such a pod
 * only when it too covers everything. Narrower blocks are taken to name
 * addresses outside the cluster, as the Kubernetes documentation intends
 * ipBlock to be used.
 */

export function parseRanges(list: readonly string[]): AddressRange[] {
  return list.flatMap((text) => parseCidrRange(text) ?? []);
}

/** Whether the peer's address lies in one of the ranges. */
export function inRanges(peer: Peer, ranges: readonly AddressRange[]): boolean {
  if (peer.kind === 'address' && peer.unknown) return ranges.some((r) => r.family === peer.family && isFullRange(r));
  if (peer.kind === 'address') return ranges.some((r) => rangeContains(r, peer.family, peer.value));
  if (peer.addresses.length > 0) return peer.addresses.some((a) => ranges.some((r) => rangeContains(r, a.family, a.value)));
  return ranges.some(isFullRange);
}

/** An inclusive port range of one protocol; `name` for a named port resolved on the destination pod. */
export interface PortSpec {
  protocol: string | undefined;
  from?: number;
  to?: number;
  name?: string;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'TCP', '17': 'UDP', '132': 'SCTP', '1': 'ICMP', '58': 'ICMPV6', '136': 'UDPLITE' };

/** A protocol name or number as an upper-case name ('6' -> 'TCP'). */
export function normalizeProtocol(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).toUpperCase();
  return PROTOCOL_NUMBERS[text] ?? text;
}

/** Whether a port spec admits the flow's destination port, resolving a named port on the destination. */
export function portMatches(spec: PortSpec, protocol: string, port: number, dst: Peer): boolean {
  if (spec.protocol !== undefined && spec.protocol !== protocol) return false;
  if (spec.name !== undefined) {
    // A named port is a port of the destination pod; an address has none.
    if (dst.kind !== 'pod') return false;
    return namedPorts(dst, spec.name).some((p) => p.port === port && p.protocol === protocol);
  }
  if (spec.from === undefined) return true;
  return spec.from <= port && port <= (spec.to ?? spec.from);
}

export function namedPorts(pod: PodPeer, name: string): { port: number; protocol: string }[] {
  return pod.ports.filter((p) => p.name === name);
}

/** Reads `80`, `"80"`, `"6040:6050"` or a name, as Calico writes ports. */
export function calicoPort(value: unknown, protocol: string | undefined): PortSpec | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { protocol, from: value, to: value };
  if (typeof value !== 'string' || value === '') return undefined;
  const range = /^(\d+)(?::(\d+))?$/.exec(value.trim());
  if (range) return { protocol, from: Number(range[1]), to: Number(range[2] ?? range[1]) };
  return { protocol, name: value };
}
