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

/** A node as the listener saw it: open offset, close offset, value, children. */
interface Frame {
  s: number;
  e: number;
  r: unknown;
  c: Frame[] | null;
}

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
  root: Frame | undefined;
}

function runParse(text: string, withPositions: boolean, allowDuplicates: boolean): ParseResult {
  let root: Frame | undefined;
  const stack: Frame[] = [];
  const listener = withPositions
    ? (event: 'open' | 'close', state: { position: number; result: unknown }) => {
        if (event === 'open') {
          stack.push({ s: state.position, e: -1, r: undefined, c: null });
          return;
        }
        const frame = stack.pop() as Frame;
        frame.e = state.position;
        frame.r = state.result;
        const parent = stack[stack.length - 1];
        if (parent) (parent.c ??= []).push(frame);
        else root = frame;
      }
    : undefined;
  try {
    const value = jsYaml.load(text, {
      schema: KUBERNETES_SCHEMA,
      json: allowDuplicates,
      ...(listener ? { listener } : {}),
    } as jsYaml.LoadOptions);
    return { value, root };
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
function checkEmptyItems(text: string, root: Frame | undefined): void {
  const pending: Frame[] = root ? [root] : [];
  while (pending.length > 0) {
    const frame = pending.pop() as Frame;
    const items = frame.c ?? [];
    // Not push(...items): a sequence of a few hundred thousand items would overflow the stack.
    for (const item of items) pending.push(item);
    // Between the frames of its items, a block sequence holds only spaces, comments and `-` indicators.
    if (!Array.isArray(frame.r)) continue;
    const head = pastProperties(text, frame.s, frame.e);
    if (text.charCodeAt(head) !== 0x2d) continue;
    const column = (at: number) => at - (text.lastIndexOf('\n', at) + 1);
    const first = column(head);
    let from = frame.s;
    for (const item of [...items, undefined]) {
      for (const dash of indicators(text, from, item ? item.s : frame.e)) {
        if (column(dash) < first) {
          throw new YamlSyntaxError(
            'an empty list item ("-" with nothing after it) is followed by a less indented item, which YAML readers disagree on; write "- null" or remove the empty item',
            dash,
          );
        }
      }
      if (item) from = item.e;
    }
  }
}

export interface DuplicateKey {
  key: string;
  /** Offset of the repeated key in the document's text. */
  offset: number;
}

/** One YAML document read as Kubernetes reads it (YAML 1.1 scalars, merge keys, bounded aliases, duplicate keys noted), with the source range of every value. */
export class YamlDocument {
  private root: Frame | undefined;
  private anchors: Map<object, Frame> | undefined;
  private readonly itemIndex = new WeakMap<Frame, (Frame | undefined)[]>();
  private readonly pairIndex = new WeakMap<Frame, { pairs: Map<string, { key: Frame; value: Frame | null }>; merges: Frame[] }>();
  /** Line starts of `text`, built on first use: ranges end at a line's end, found without scanning the line. */
  readonly lines: LineIndex;

  private constructor(
    readonly text: string,
    readonly value: unknown,
    root: Frame | undefined,
    /** Keys written twice; the last one wins, as in Kubernetes' decoder. */
    readonly duplicates: readonly DuplicateKey[],
  ) {
    this.root = root;
    this.lines = new LineIndex(text);
  }

  /**
   * Parses one document. Throws YamlSyntaxError (with an offset into `text`)
   * when it is not valid YAML or is an alias bomb.
   */
  static parse(text: string, options: { positions?: boolean } = {}): YamlDocument {
    let result: ParseResult;
    let duplicates: DuplicateKey[] = [];
    try {
      result = runParse(text, options.positions === true, false);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      // Kubernetes keeps the last of duplicated keys; read it that way and
      // report every repetition.
      result = runParse(text, true, true);
      duplicates = findDuplicates(text, result.root);
    }
    checkAliasExpansion(text, result.value);
    checkNesting(text, result.value);
    if (hasEmptyItem(text)) {
      result.root ??= runParse(text, true, true).root;
      checkEmptyItems(text, result.root);
    }
    return new YamlDocument(text, result.value, result.root, duplicates);
  }

  /** Whether the positions are built now (locating needs no parse). */
  get positioned(): boolean {
    return this.root !== undefined;
  }

  private frames(): Frame | undefined {
    if (!this.root) this.root = runParse(this.text, true, true).root;
    return this.root;
  }

  /**
   * The source range of a path: the key for a mapping entry (through the
   * end of its value when that is on the same line), the first line of a
   * sequence item. A path that does not exist resolves to its nearest
   * existing ancestor, and `depth` says how much of it was found.
   */
  locate(path: JsonPath): Located {
    const root = this.frames();
    if (!root) return { start: 0, end: 0, depth: 0 };
    const text = this.text;
    let node: Frame | null = unwrap(root);
    let start = contentStart(text, node.s, node.e);
    const lines = this.lines;
    let end = headEnd(text, lines, start, node.e);
    let depth = 0;
    for (const segment of path) {
      if (!node) break;
      const container = this.deref(node);
      if (typeof segment === 'number') {
        if (!Array.isArray(container.r)) break;
        const item = this.itemOf(container, segment);
        if (!item) break;
        node = unwrap(item);
        start = contentStart(text, item.s, item.e);
        end = headEnd(text, lines, start, item.e);
      } else {
        if (container.r === null || typeof container.r !== 'object' || Array.isArray(container.r)) break;
        const pair = this.findPair(container, segment, 0);
        if (!pair) break;
        start = contentStart(text, pair.key.s, pair.key.e);
        end = pairEnd(text, lines, pair.key, pair.value);
        node = pair.value ? unwrap(pair.value) : null;
      }
      depth += 1;
    }
    return { start, end, depth };
  }

  /** Follows an alias to the node its anchor names. */
  private deref(frame: Frame): Frame {
    const node = unwrap(frame);
    if (node.c !== null || node.r === null || typeof node.r !== 'object') return node;
    if (Array.isArray(node.r) ? node.r.length === 0 : Object.keys(node.r).length === 0) return node;
    if (!this.anchors) {
      this.anchors = new Map();
      const pending: Frame[] = [this.root as Frame];
      while (pending.length > 0) {
        const f = pending.pop() as Frame;
        // The first frame of a value that is not an alias (`*x`) is where it is written.
        const alias = this.text.charCodeAt(contentStart(this.text, f.s, f.e)) === 0x2a;
        if (f.r !== null && typeof f.r === 'object' && !alias && !this.anchors.has(f.r)) this.anchors.set(f.r, f);
        if (f.c !== null) for (let i = f.c.length - 1; i >= 0; i--) pending.push(f.c[i] as Frame);
      }
    }
    const target = this.anchors.get(node.r);
    return target ? unwrap(target) : node;
  }

  /**
   * A mapping's keys, indexed once: looking each key up by scanning made a
   * resource with 40,000 keys that all have findings quadratic. The last of
   * duplicated keys wins, as in Kubernetes.
   */
  private pairsOf(map: Frame, children: Frame[]): { pairs: Map<string, { key: Frame; value: Frame | null }>; merges: Frame[] } {
    const cached = this.pairIndex.get(map);
    if (cached) return cached;
    const text = this.text;
    const pairs = new Map<string, { key: Frame; value: Frame | null }>();
    const merges: Frame[] = [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Frame;
      if (!isKey(text, child)) continue;
      const next = children[i + 1];
      const value = next && !isKey(text, next) ? next : null;
      const name = String(child.r);
      pairs.set(name, { key: child, value });
      if (name === '<<' && value && text.charCodeAt(child.s) !== 0x22 && text.charCodeAt(child.s) !== 0x27) merges.push(value);
    }
    const index = { pairs, merges };
    this.pairIndex.set(map, index);
    return index;
  }

  /**
   * An item of a sequence. A sequence with bare `-` items has fewer frames
   * than values: its items are matched to frames once, since matching them
   * on every lookup made a finding per item quadratic (one `-` among 8,000
   * containers).
   */
  private itemOf(seq: Frame, index: number): Frame | undefined {
    const items = seq.c ?? [];
    const values = seq.r as unknown[];
    if (items.length === values.length) return items[index];
    let all = this.itemIndex.get(seq);
    if (!all) {
      all = allItemFrames(this.text, seq, items, values);
      this.itemIndex.set(seq, all);
    }
    return all[index];
  }

  private findPair(map: Frame, key: string, hops: number): { key: Frame; value: Frame | null } | undefined {
    const children = map.c;
    if (!children || hops > 32) return undefined;
    const { pairs, merges } = this.pairsOf(map, children);
    const found = pairs.get(key);
    if (found) return found;
    // `<<: *base` or `<<: [*a, *b]`: the first merged mapping holding the key wins.
    for (const merge of merges) {
      const target = this.deref(merge);
      const sources = Array.isArray(target.r) ? (target.c ?? []).map((f) => this.deref(f)) : [target];
      for (const source of sources) {
        const hit = this.findPair(source, key, hops + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  }
}

function unwrap(frame: Frame): Frame {
  let f = frame;
  // A node the parser first tried as a block mapping wraps the real node.
  while (f.c !== null && f.c.length === 1 && (f.c[0] as Frame).r === f.r && typeof f.r === 'object' && f.r !== null) {
    f = f.c[0] as Frame;
  }
  if (f.c !== null && f.c.length === 1 && (f.r === null || typeof f.r !== 'object')) {
    const inner = f.c[0] as Frame;
    if (inner.r === f.r) f = inner;
  }
  return f;
}

/** A mapping key is the only node followed on its own line by `:`, or written after `?` (an explicit key). */
function isKey(text: string, frame: Frame): boolean {
  let p = frame.e;
  let ch = text.charCodeAt(p);
  while (ch === 0x20 || ch === 0x09) ch = text.charCodeAt(++p);
  if (ch === 0x3a) return true;
  let q = frame.s - 1;
  while (q >= 0 && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x09)) q--;
  if (q < 0 || text.charCodeAt(q) !== 0x3f) return false;
  const before = q === 0 ? 0x0a : text.charCodeAt(q - 1);
  return before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d;
}

/** The frame of every item of a sequence whose frames do not match its values one to one. */
function allItemFrames(text: string, seq: Frame, items: readonly Frame[], values: readonly unknown[]): (Frame | undefined)[] {
  // `-` followed by nothing is a null item the listener never sees.
  if (text.charCodeAt(pastProperties(text, seq.s, seq.e)) === 0x2d) return blockItemFrames(text, seq, items);
  const byValue = new Map<unknown, Frame>();
  for (const f of items) if (f.r !== null && typeof f.r === 'object' && !byValue.has(f.r)) byValue.set(f.r, f);
  return values.map((v) => (v !== null && typeof v === 'object' ? byValue.get(v) : undefined));
}

/**
 * The items of a block sequence that has bare `-` items: between the frames
 * of the items there are only spaces, comments and `-` indicators, the last
 * one before a frame being that item's own, so the others are the null items.
 * A null item is given a frame on its `-`.
 */
function blockItemFrames(text: string, seq: Frame, items: readonly Frame[]): Frame[] {
  const all: Frame[] = [];
  let from = seq.s;
  for (let k = 0; k <= items.length; k++) {
    const next = items[k];
    const dashes = indicators(text, from, next ? next.s : seq.e);
    const nulls = next ? dashes.slice(0, -1) : dashes;
    for (const dash of nulls) all.push({ s: dash, e: dash + 1, r: null, c: null });
    if (!next) break;
    all.push(next);
    from = next.e;
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

function pairEnd(text: string, lines: LineIndex, key: Frame, value: Frame | null): number {
  const keyEnd = trimEnd(text, key.s, key.e);
  if (!value) return keyEnd;
  const valueStart = contentStart(text, value.s, value.e);
  if (valueStart >= value.e) return keyEnd;
  const eol = lines.lineEnd(key.s);
  if (valueStart > eol) return keyEnd;
  return trimEnd(text, key.s, Math.min(value.e, eol));
}

function findDuplicates(text: string, root: Frame | undefined): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (!root) return found;
  const pending: Frame[] = [root];
  while (pending.length > 0) {
    const frame = pending.pop() as Frame;
    if (!frame.c) continue;
    if (frame.r !== null && typeof frame.r === 'object' && !Array.isArray(frame.r)) {
      const seen = new Set<string>();
      for (const child of frame.c) {
        if (!isKey(text, child)) continue;
        const name = String(child.r);
        if (name === '<<') continue;
        if (seen.has(name)) found.push({ key: name, offset: contentStart(text, child.s, child.e) });
        seen.add(name);
      }
    }
    for (const child of frame.c) pending.push(child);
  }
  return found.sort((a, b) => a.offset - b.offset);
}
