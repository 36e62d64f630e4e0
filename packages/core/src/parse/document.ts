import { formatCount } from '../base/count.js';
import type { JsonPath } from '../base/types.js';
import jsYaml from 'js-yaml';
import { KUBERNETES_SCHEMA } from './schema.js';
import { LineIndex } from './lines.js';
import { afterEndMarker } from './split.js';
import { MAX_NESTING_DEPTH, TOO_DEEP, tooDeepAt } from './nesting.js';

/**
 * One YAML document: its value and, on demand, the source range of any JSON
 * path inside it.
 *
 * Values come from js-yaml, the fastest complete YAML parser on npm. Source
 * positions come from the same parse through js-yaml's node listener, which
 * reports where each node opens and closes; the tree of those events is
 * walked only when a finding needs a range. A document parsed without
 * positions re-parses itself the first time a range is asked for, so the
 * common case (no finding) pays nothing for ranges.
 */

/**
 * The nodes the listener saw, in typed arrays rather than an object per
 * node: a document of 20 KB has about 2,000 of them, and on a corpus where
 * every document is parsed with positions the objects were a good part of
 * the garbage collector's work.
 *
 * Nodes are numbered in the order they open, so the descendants of node `i`
 * are the nodes `i + 1` up to `after(i)`, its first child is `i + 1` (when
 * it has one) and its next sibling is `after(i)`. For each node, `pos` holds
 * three numbers: the offset where it opened, the offset where it closed, and
 * `after`. `values` holds what it read (the same value objects as the
 * document's). Leaves added after the parse (null items of a block sequence,
 * which the listener never sees) come after every node of the tree.
 */
class Nodes {
  constructor(
    private pos: Int32Array<ArrayBuffer>,
    readonly values: unknown[],
    private count: number,
    /** The outermost node, or -1 for an empty document. */
    readonly root: number,
  ) {}

  start(i: number): number {
    return this.pos[i * 3] as number;
  }

  end(i: number): number {
    return this.pos[i * 3 + 1] as number;
  }

  /** The first node after `i`'s descendants: its next sibling, if it has one. */
  after(i: number): number {
    return this.pos[i * 3 + 2] as number;
  }

  value(i: number): unknown {
    return this.values[i];
  }

  hasChildren(i: number): boolean {
    return this.after(i) > i + 1;
  }

  /** A node without children added after the parse. */
  leaf(start: number, end: number, value: unknown): number {
    const i = this.count;
    if ((i + 1) * 3 > this.pos.length) this.pos = grow(this.pos);
    this.pos[i * 3] = start;
    this.pos[i * 3 + 1] = end;
    this.pos[i * 3 + 2] = i + 1;
    this.values.push(value);
    this.count = i + 1;
    return i;
  }

  /** The children of a node, in order. */
  children(i: number): number[] {
    const found: number[] = [];
    const stop = this.after(i);
    for (let c = i + 1; c < stop; c = this.after(c)) found.push(c);
    return found;
  }
}

/** A copy twice as long (at least 48 longer), for arrays grown geometrically. */
function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2 + 48);
  grown.set(array);
  return grown;
}

/**
 * What the listener writes while it parses, shared by every parse (they do
 * not nest): the `pos` triples of the nodes, copied to an array of the
 * document's own at the end, and the stack of open nodes.
 */
let scratch: Int32Array<ArrayBuffer> = new Int32Array(3 * 4096);
let openNodes: Int32Array<ArrayBuffer> = new Int32Array(256);

/** Where a JSON path sits in a document: its range, and whether the path was found or the nearest existing ancestor was used. */
export interface Located {
  /** Offsets in the document's text (not the file's). */
  start: number;
  end: number;
  /** How many leading segments of the path exist in the source. */
  depth: number;
}

/** A document that is not valid YAML, with the offset where reading stopped. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the document's text. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

export class DuplicateKeyError extends YamlSyntaxError {}

/** Text after the document's `...` end marker on its line; the text before `offset` is a whole document. */
export class EndMarkerTextError extends YamlSyntaxError {}

/** Aliases may not add more than this many nodes to a document (billion laughs). */
export const MAX_ALIAS_EXPANSION = 1_000_000;

interface ParseResult {
  value: unknown;
  nodes: Nodes | undefined;
  /** The deepest nesting of nodes the listener saw (0 without positions). */
  depth: number;
}

function runParse(text: string, withPositions: boolean, allowDuplicates: boolean): ParseResult {
  const values: unknown[] = [];
  let count = 0;
  let root = -1;
  let depth = 0;
  let deepest = 0;
  const listener = withPositions
    ? (event: 'open' | 'close', state: { position: number; result: unknown }) => {
        if (event === 'open') {
          if ((count + 1) * 3 > scratch.length) scratch = grow(scratch);
          if (depth === openNodes.length) openNodes = grow(openNodes);
          scratch[count * 3] = state.position;
          values.push(undefined);
          openNodes[depth++] = count++;
          if (depth > deepest) deepest = depth;
          return;
        }
        const i = openNodes[--depth] as number;
        scratch[i * 3 + 1] = state.position;
        scratch[i * 3 + 2] = count;
        values[i] = state.result;
        if (depth === 0) root = i;
      }
    : undefined;
  try {
    const value = jsYaml.load(text, {
      schema: KUBERNETES_SCHEMA,
      json: allowDuplicates,
      ...(listener ? { listener } : {}),
    } as jsYaml.LoadOptions);
    const nodes = withPositions ? new Nodes(scratch.slice(0, count * 3), values, count, root) : undefined;
    // A very large document's scratch space is not kept for the rest of the run.
    if (scratch.length > 1 << 20) scratch = new Int32Array(3 * 4096);
    return { value, nodes, depth: deepest };
  } catch (err) {
    if (err instanceof jsYaml.YAMLException) {
      const mark = (err as jsYaml.YAMLException & { mark?: { position: number } }).mark;
      const trailer = mark ? undefined : afterEndMarker(text);
      if (trailer !== undefined) throw new EndMarkerTextError('only a comment may follow the document end marker "..." on its line', trailer);
      const offset = Math.min(mark?.position ?? 0, text.length);
      const reason = err.reason || 'invalid YAML';
      if (reason === 'duplicated mapping key') throw new DuplicateKeyError(reason, offset);
      throw new YamlSyntaxError(reason, offset);
    }
    if (err instanceof RangeError) {
      // js-yaml recurses once per nesting level: out of stack, the document is too deep (see nesting.ts).
      throw tooDeepError(text, 'the document nests too deeply to read');
    }
    throw err;
  }
}

/** Counts the nodes a value has once every alias is expanded, without expanding them. */
function expandedSize(value: unknown, memo: Map<object, number>): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, 1);
  let size = 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) size += expandedSize(child, memo);
  memo.set(value, size);
  return size;
}

function checkAliasExpansion(text: string, value: unknown): void {
  if (!text.includes('*') || !text.includes('&')) return;
  const memo = new Map<object, number>();
  let total: number;
  try {
    total = expandedSize(value, memo);
  } catch {
    throw tooDeepError(text, TOO_DEEP);
  }
  if (total - memo.size > MAX_ALIAS_EXPANSION) {
    throw new YamlSyntaxError(
      `aliases expand this document to more than ${formatCount(MAX_ALIAS_EXPANSION)} nodes (an alias bomb); it is not read`,
      Math.max(0, text.indexOf('*')),
    );
  }
}

/**
 * The error for a document found too deep, by our check or by running out
 * of stack: one message, at the collection where the nesting passes
 * MAX_NESTING_DEPTH (tooDeepAt), whichever way it was found. When the text
 * itself does not nest that deep, the depth came from aliases (at the first
 * one), or the stack ran out for another reason (`otherwise`).
 */
function tooDeepError(text: string, otherwise: string): YamlSyntaxError {
  const at = tooDeepAt(text);
  if (at !== undefined) return new YamlSyntaxError(TOO_DEEP, at);
  const alias = text.indexOf('*');
  return alias >= 0 && text.includes('&') ? new YamlSyntaxError(TOO_DEEP, alias) : new YamlSyntaxError(otherwise, 0);
}

function checkNesting(text: string, value: unknown): void {
  if (text.length < MAX_NESTING_DEPTH || value === null || typeof value !== 'object') return;
  const seen = new Set<object>();
  const stack: [object, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (seen.has(node)) continue;
    seen.add(node);
    if (depth > MAX_NESTING_DEPTH) {
      throw tooDeepError(text, TOO_DEEP);
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
}

/** A line ending in a `-` item indicator: an empty sequence item. */
const EMPTY_ITEM = /-[ \t]*(?:#.*)?\r?$/gm;

/**
 * Whether the text has an empty item: a `-` at the start of a line or after
 * a space that ends its line. The search starts at the `-`, which V8 scans
 * for quickly; a leading alternative (`^|[ \t]`) would test every position.
 */
function hasEmptyItem(text: string): boolean {
  EMPTY_ITEM.lastIndex = 0;
  for (let m = EMPTY_ITEM.exec(text); m !== null; m = EMPTY_ITEM.exec(text)) {
    const before = m.index === 0 ? 0x0a : text.charCodeAt(m.index - 1);
    if (before === 0x0a || before === 0x20 || before === 0x09) return true;
  }
  return false;
}

/**
 * js-yaml (4.1.1) reads an empty item `-` followed by a less indented `- x`
 * as if `x` were an item of the inner sequence, where Kubernetes' decoder
 * puts it in the outer one; a container could hide in another's `args` that
 * way. Such a document is refused rather than misread: no item of a block
 * sequence may have its `-` left of the sequence's first one.
 */
function checkEmptyItems(text: string, nodes: Nodes): void {
  const pending: number[] = nodes.root >= 0 ? [nodes.root] : [];
  while (pending.length > 0) {
    const node = pending.pop() as number;
    const stop = nodes.after(node);
    // Not push(...items): a sequence of a few hundred thousand items would overflow the stack.
    for (let item = node + 1; item < stop; item = nodes.after(item)) pending.push(item);
    // Between the nodes of its items, a block sequence holds only spaces, comments and `-` indicators.
    if (!Array.isArray(nodes.value(node))) continue;
    const end = nodes.end(node);
    const head = pastProperties(text, nodes.start(node), end);
    if (text.charCodeAt(head) !== 0x2d) continue;
    const column = (at: number) => at - (text.lastIndexOf('\n', at) + 1);
    const first = column(head);
    let from = nodes.start(node);
    for (let item = node + 1; ; item = nodes.after(item)) {
      const last = item >= stop;
      for (const dash of indicators(text, from, last ? end : nodes.start(item))) {
        if (column(dash) < first) {
          throw new YamlSyntaxError(
            'an empty list item ("-" with nothing after it) is followed by a less indented item, which YAML readers disagree on; write "- null" or remove the empty item',
            dash,
          );
        }
      }
      if (last) break;
      from = nodes.end(item);
    }
  }
}

export interface DuplicateKey {
  key: string;
  /** Offset of the repeated key in the document's text. */
  offset: number;
}

/** The keys of a mapping node: each name's key node (the last of duplicates), and the values of its `<<` merge keys. */
interface Pairs {
  keys: Map<string, number>;
  merges: number[];
}

const NO_DUPLICATES: readonly DuplicateKey[] = Object.freeze([]);

/** One YAML document read as Kubernetes reads it (YAML 1.1 scalars, merge keys, bounded aliases, duplicate keys noted), with the source range of every value. */
export class YamlDocument {
  private nodes: Nodes | undefined;
  private anchors: Map<object, number> | undefined;
  /** Sequences whose nodes do not match their items one to one, by node: the node of each item (-1: none). */
  private itemIndex: Map<number, Int32Array> | undefined;
  /** Mappings of more than a few keys: looking each key up by scanning made a resource with 40,000 keys that all have findings quadratic. */
  private pairIndex: Map<number, Pairs> | undefined;
  private lineIndex: LineIndex | undefined;

  private constructor(
    readonly text: string,
    readonly value: unknown,
    nodes: Nodes | undefined,
    /** Keys written twice; the last one wins, as in Kubernetes' decoder. */
    readonly duplicates: readonly DuplicateKey[],
  ) {
    this.nodes = nodes;
  }

  /** Line starts of `text`, built on first use: ranges end at a line's end, found without scanning the line. */
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /**
   * Parses one document. Throws YamlSyntaxError (with an offset into `text`)
   * when it is not valid YAML or is an alias bomb.
   */
  static parse(text: string, options: { positions?: boolean } = {}): YamlDocument {
    let result: ParseResult;
    let duplicates: readonly DuplicateKey[] = NO_DUPLICATES;
    try {
      result = runParse(text, options.positions === true, false);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      // Kubernetes keeps the last of duplicated keys; read it that way and
      // report every repetition.
      result = runParse(text, true, true);
      duplicates = findDuplicates(text, result.nodes);
    }
    const aliases = text.includes('*') && text.includes('&');
    if (aliases) checkAliasExpansion(text, result.value);
    // Without aliases no value nests deeper than the nodes the listener saw.
    if (aliases || !result.nodes || result.depth > MAX_NESTING_DEPTH) checkNesting(text, result.value);
    if (hasEmptyItem(text)) {
      result.nodes ??= runParse(text, true, true).nodes;
      if (result.nodes) checkEmptyItems(text, result.nodes);
    }
    return new YamlDocument(text, result.value, result.nodes, duplicates);
  }

  /** Whether the positions are built now (locating needs no parse). */
  get positioned(): boolean {
    return this.nodes !== undefined;
  }

  private tree(): Nodes | undefined {
    if (!this.nodes) this.nodes = runParse(this.text, true, true).nodes;
    return this.nodes;
  }

  /**
   * The source range of a path: the key for a mapping entry (through the
   * end of its value when that is on the same line), the first line of a
   * sequence item. A path that does not exist resolves to its nearest
   * existing ancestor, and `depth` says how much of it was found.
   */
  locate(path: JsonPath): Located {
    const nodes = this.tree();
    if (!nodes || nodes.root < 0) return { start: 0, end: 0, depth: 0 };
    const text = this.text;
    let node = unwrap(nodes, nodes.root);
    let start = contentStart(text, nodes.start(node), nodes.end(node));
    const lines = this.lines;
    let end = headEnd(text, lines, start, nodes.end(node));
    let depth = 0;
    for (const segment of path) {
      if (node < 0) break;
      const container = this.deref(node);
      const value = nodes.value(container);
      if (typeof segment === 'number') {
        if (!Array.isArray(value)) break;
        const item = this.itemOf(container, value, segment);
        if (item < 0) break;
        node = unwrap(nodes, item);
        start = contentStart(text, nodes.start(item), nodes.end(item));
        end = headEnd(text, lines, start, nodes.end(item));
      } else {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) break;
        const key = this.findPair(container, segment, 0);
        if (key < 0) break;
        const pairValue = this.foundValue;
        start = contentStart(text, nodes.start(key), nodes.end(key));
        end = pairEnd(text, lines, nodes, key, pairValue);
        node = pairValue < 0 ? -1 : unwrap(nodes, pairValue);
      }
      depth += 1;
    }
    return { start, end, depth };
  }

  /** Follows an alias to the node its anchor names. */
  private deref(at: number): number {
    const nodes = this.nodes as Nodes;
    const node = unwrap(nodes, at);
    const value = nodes.value(node);
    if (nodes.hasChildren(node) || value === null || typeof value !== 'object') return node;
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return node;
    if (!this.anchors) {
      this.anchors = new Map();
      const text = this.text;
      // Nodes are numbered in document order: the first node of a value that is not an alias (`*x`) is where it is written.
      for (let f = nodes.root, stop = nodes.after(nodes.root); f < stop; f++) {
        const r = nodes.value(f);
        if (r === null || typeof r !== 'object' || this.anchors.has(r)) continue;
        if (text.charCodeAt(contentStart(text, nodes.start(f), nodes.end(f))) !== 0x2a) this.anchors.set(r, f);
      }
    }
    const target = this.anchors.get(value);
    return target === undefined ? node : unwrap(nodes, target);
  }

  /**
   * A mapping's keys, indexed once, the last of duplicated keys winning as
   * in Kubernetes.
   */
  private pairsOf(map: number): Pairs {
    const cached = this.pairIndex?.get(map);
    if (cached) return cached;
    const nodes = this.nodes as Nodes;
    const text = this.text;
    const keys = new Map<string, number>();
    const merges: number[] = [];
    const stop = nodes.after(map);
    for (let child = map + 1; child < stop; child = nodes.after(child)) {
      if (!isKey(text, nodes, child)) continue;
      const name = String(nodes.value(child));
      keys.set(name, child);
      if (name === '<<' && isMergeKey(text, nodes, child)) {
        const value = valueOfKey(text, nodes, map, child);
        if (value >= 0) merges.push(value);
      }
    }
    const index = { keys, merges };
    (this.pairIndex ??= new Map()).set(map, index);
    return index;
  }

  /**
   * The node of an item of a sequence. A sequence with bare `-` items has
   * fewer nodes than values: its items are matched to nodes once, since
   * matching them on every lookup made a finding per item quadratic (one
   * `-` among 8,000 containers). A sequence whose nodes match its items is
   * indexed once too, when it is long.
   */
  private itemOf(seq: number, values: readonly unknown[], index: number): number {
    let all = this.itemIndex?.get(seq);
    if (!all) {
      const nodes = this.nodes as Nodes;
      const stop = nodes.after(seq);
      let count = 0;
      let hit = -1;
      for (let item = seq + 1; item < stop; item = nodes.after(item), count++) if (count === index) hit = item;
      if (count === values.length && count <= 16) return hit;
      const items = nodes.children(seq);
      all = Int32Array.from(items.length === values.length ? items : allItemNodes(this.text, nodes, seq, items, values));
      (this.itemIndex ??= new Map()).set(seq, all);
    }
    return index < all.length ? (all[index] as number) : -1;
  }

  /** The value node of the pair last found by `findPair` (-1: the key has none). */
  private foundValue = -1;

  /** The key node of `key` in a mapping or in what it merges (-1: none); its value node is left in `foundValue`. */
  private findPair(map: number, key: string, hops: number): number {
    const nodes = this.nodes as Nodes;
    if (!nodes.hasChildren(map) || hops > 32) return -1;
    const text = this.text;
    let found = -1;
    let merges: number[] | undefined;
    if (hasMoreChildren(nodes, map, SCANNED_KEYS)) {
      const pairs = this.pairsOf(map);
      found = pairs.keys.get(key) ?? -1;
      merges = pairs.merges;
    } else {
      // A few keys are scanned: cheaper than a map of them, which a document held for later findings would keep.
      for (let child = map + 1, stop = nodes.after(map); child < stop; child = nodes.after(child)) {
        if (!isKey(text, nodes, child)) continue;
        const name = String(nodes.value(child));
        if (name === key) found = child;
        if (name === '<<' && isMergeKey(text, nodes, child)) {
          const value = valueOfKey(text, nodes, map, child);
          if (value >= 0) (merges ??= []).push(value);
        }
      }
    }
    if (found >= 0) {
      this.foundValue = valueOfKey(text, nodes, map, found);
      return found;
    }
    // `<<: *base` or `<<: [*a, *b]`: the first merged mapping holding the key wins.
    for (const merge of merges ?? []) {
      const target = this.deref(merge);
      const sources = Array.isArray(nodes.value(target)) ? nodes.children(target).map((f) => this.deref(f)) : [target];
      for (const source of sources) {
        const hit = this.findPair(source, key, hops + 1);
        if (hit >= 0) return hit;
      }
    }
    return -1;
  }
}

/** Mappings with at most this many nodes (keys and values) are searched by scanning, larger ones through an index. */
const SCANNED_KEYS = 32;

/** Whether a node has more than `n` children. */
function hasMoreChildren(nodes: Nodes, i: number, n: number): boolean {
  const stop = nodes.after(i);
  let count = 0;
  for (let c = i + 1; c < stop; c = nodes.after(c)) if (++count > n) return true;
  return false;
}

/** A `<<` key that merges: written plain, not quoted. */
function isMergeKey(text: string, nodes: Nodes, key: number): boolean {
  const ch = text.charCodeAt(nodes.start(key));
  return ch !== 0x22 && ch !== 0x27;
}

/** The value node of a key: the next node in its mapping unless that is a key too (-1: none). */
function valueOfKey(text: string, nodes: Nodes, map: number, key: number): number {
  const next = nodes.after(key);
  return next < nodes.after(map) && !isKey(text, nodes, next) ? next : -1;
}

function unwrap(nodes: Nodes, at: number): number {
  let f = at;
  // A node the parser first tried as a block mapping wraps the real node.
  for (;;) {
    const r = nodes.value(f);
    if (!(onlyChild(nodes, f) && nodes.value(f + 1) === r && typeof r === 'object' && r !== null)) break;
    f += 1;
  }
  const r = nodes.value(f);
  if (onlyChild(nodes, f) && (r === null || typeof r !== 'object') && nodes.value(f + 1) === r) f += 1;
  return f;
}

/** Whether a node has exactly one child (then `i + 1`). */
function onlyChild(nodes: Nodes, i: number): boolean {
  return nodes.hasChildren(i) && nodes.after(i + 1) === nodes.after(i);
}

/** A mapping key is the only node followed on its own line by `:`, or written after `?` (an explicit key). */
function isKey(text: string, nodes: Nodes, node: number): boolean {
  let p = nodes.end(node);
  let ch = text.charCodeAt(p);
  while (ch === 0x20 || ch === 0x09) ch = text.charCodeAt(++p);
  if (ch === 0x3a) return true;
  let q = nodes.start(node) - 1;
  while (q >= 0 && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09)) q--;
  if (q < 0 || text.charCodeAt(q) !== 0x3f) return false;
  const before = q === 0 ? 0x0a : text.charCodeAt(q - 1);
  return before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d;
}

/** The node of every item of a sequence whose nodes do not match its values one to one (-1: none). */
function allItemNodes(text: string, nodes: Nodes, seq: number, items: readonly number[], values: readonly unknown[]): number[] {
  // `-` followed by nothing is a null item the listener never sees.
  if (text.charCodeAt(pastProperties(text, nodes.start(seq), nodes.end(seq))) === 0x2d) return blockItemNodes(text, nodes, seq, items);
  const byValue = new Map<unknown, number>();
  for (const f of items) {
    const r = nodes.value(f);
    if (r !== null && typeof r === 'object' && !byValue.has(r)) byValue.set(r, f);
  }
  return values.map((v) => (v !== null && typeof v === 'object' ? (byValue.get(v) ?? -1) : -1));
}

/**
 * The items of a block sequence that has bare `-` items: between the nodes
 * of the items there are only spaces, comments and `-` indicators, the last
 * one before a node being that item's own, so the others are the null items.
 * A null item is given a node on its `-`.
 */
function blockItemNodes(text: string, nodes: Nodes, seq: number, items: readonly number[]): number[] {
  const all: number[] = [];
  let from = nodes.start(seq);
  for (let k = 0; k <= items.length; k++) {
    const next = items[k];
    const dashes = indicators(text, from, next !== undefined ? nodes.start(next) : nodes.end(seq));
    const nulls = next !== undefined ? dashes.slice(0, -1) : dashes;
    for (const dash of nulls) all.push(nodes.leaf(dash, dash + 1, null));
    if (next === undefined) break;
    all.push(next);
    from = nodes.end(next);
  }
  return all;
}

/** First character of a node's content past its anchor and tag. */
function pastProperties(text: string, from: number, limit: number): number {
  let p = contentStart(text, from, limit);
  while (p < limit && (text.charCodeAt(p) === 0x26 || text.charCodeAt(p) === 0x21)) {
    while (p < limit && !/\s/.test(text.charAt(p))) p++;
    p = contentStart(text, p, limit);
  }
  return p;
}

/** Offsets of the `-` item indicators in a stretch of text holding only spaces, comments and indicators. */
function indicators(text: string, from: number, to: number): number[] {
  const found: number[] = [];
  const blank = (ch: number) => ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
  for (let p = from; p < to; p++) {
    const ch = text.charCodeAt(p);
    if (ch === 0x23 && (p === 0 || blank(text.charCodeAt(p - 1)))) {
      const nl = text.indexOf('\n', p);
      p = nl === -1 || nl >= to ? to : nl;
    } else if (ch === 0x2d && (p === 0 || blank(text.charCodeAt(p - 1))) && (p + 1 >= text.length || blank(text.charCodeAt(p + 1)))) {
      found.push(p);
    }
  }
  return found;
}

/** First character of a node's content: skips spaces, line breaks and comments after its opening. */
function contentStart(text: string, from: number, limit: number): number {
  let p = from;
  while (p < limit) {
    const ch = text.charCodeAt(p);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) p++;
    else if (ch === 0x23) {
      const nl = text.indexOf('\n', p);
      p = nl === -1 ? limit : nl + 1;
    } else if (ch === 0x2d && text.startsWith('---', p) && (p === 0 || text.charCodeAt(p - 1) === 0x0a)) p += 3;
    else break;
  }
  return Math.min(p, Math.max(limit, from));
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const ch = text.charCodeAt(e - 1);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) e--;
    else break;
  }
  return e;
}

/** The end of a node's first line, or of the node when it is shorter. */
function headEnd(text: string, lines: LineIndex, start: number, end: number): number {
  return trimEnd(text, start, Math.min(Math.max(end, start), lines.lineEnd(start)));
}

function pairEnd(text: string, lines: LineIndex, nodes: Nodes, key: number, value: number): number {
  const keyStart = nodes.start(key);
  const keyEnd = trimEnd(text, keyStart, nodes.end(key));
  if (value < 0) return keyEnd;
  const valueEnd = nodes.end(value);
  const valueStart = contentStart(text, nodes.start(value), valueEnd);
  if (valueStart >= valueEnd) return keyEnd;
  const eol = lines.lineEnd(keyStart);
  if (valueStart > eol) return keyEnd;
  return trimEnd(text, keyStart, Math.min(valueEnd, eol));
}

function findDuplicates(text: string, nodes: Nodes | undefined): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (!nodes || nodes.root < 0) return found;
  const pending: number[] = [nodes.root];
  while (pending.length > 0) {
    const node = pending.pop() as number;
    if (!nodes.hasChildren(node)) continue;
    const r = nodes.value(node);
    const stop = nodes.after(node);
    if (r !== null && typeof r === 'object' && !Array.isArray(r)) {
      const seen = new Set<string>();
      for (let child = node + 1; child < stop; child = nodes.after(child)) {
        if (!isKey(text, nodes, child)) continue;
        const name = String(nodes.value(child));
        if (name === '<<') continue;
        if (seen.has(name)) found.push({ key: name, offset: contentStart(text, nodes.start(child), nodes.end(child)) });
        seen.add(name);
      }
    }
    for (let child = node + 1; child < stop; child = nodes.after(child)) pending.push(child);
  }
  return found.sort((a, b) => a.offset - b.offset);
}
