import { lazyBuiltin } from '../../base/builtins.js';

const net = lazyBuiltin('node:net');

/**
 * Address arithmetic for the reachability model: CIDRs as inclusive ranges
 * of BigInts, one space per IP family, and ranges turned back into CIDRs
 * for messages.
 */

export type Family = 4 | 6;

/** An inclusive range of addresses of one family. */
export interface AddressRange {
  family: Family;
  start: bigint;
  end: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function v4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = v4ToBigInt(v4[1] as string);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** An address as a number and its family; undefined when it is not an IP address. */
export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  const address = text.trim();
  const version = net().isIP(address);
  if (version === 4) return { family: 4, value: v4ToBigInt(address) };
  if (version === 6) return { family: 6, value: v6ToBigInt(address) };
  return undefined;
}

/** A CIDR (or a bare address, as a host route) as a range; undefined when it does not parse. */
export function parseCidrRange(text: string): AddressRange | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const parsed = parseAddress(slash === -1 ? trimmed : trimmed.slice(0, slash));
  if (!parsed) return undefined;
  const bits = BITS[parsed.family];
  const prefixText = slash === -1 ? String(bits) : trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  const host = BigInt(bits - Number(prefixText));
  const mask = (1n << host) - 1n;
  const start = parsed.value & ~mask & ((1n << BigInt(bits)) - 1n);
  return { family: parsed.family, start, end: start | mask };
}

export function rangeContains(range: AddressRange, family: Family, value: bigint): boolean {
  return range.family === family && range.start <= value && value <= range.end;
}

/** The whole address space of a family. */
export function fullRange(family: Family): AddressRange {
  return { family, start: 0n, end: (1n << BigInt(BITS[family])) - 1n };
}

export function isFullRange(range: AddressRange): boolean {
  return range.start === 0n && range.end === fullRange(range.family).end;
}

function formatValue(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const parts: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) parts.push(((value >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero hextets, as RFC 5952 writes addresses.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best === -1) return parts.join(':');
  return `${parts.slice(0, best).join(':')}::${parts.slice(best + bestLen).join(':')}`;
}

export function formatAddress(family: Family, value: bigint): string {
  return formatValue(family, value);
}

/** The smallest list of CIDRs that covers exactly a range. */
export function rangeToCidrs(range: AddressRange): string[] {
  const bits = BigInt(BITS[range.family]);
  const out: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    let size = 0n;
    while (size < bits) {
      const next = size + 1n;
      const block = 1n << next;
      if (start % block !== 0n || start + block - 1n > range.end) break;
      size = next;
    }
    out.push(`${formatValue(range.family, start)}/${bits - size}`);
    start += 1n << size;
  }
  return out;
}
