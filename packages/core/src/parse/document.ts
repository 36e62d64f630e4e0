import jsYaml from 'js-yaml';
import { KUBERNETES_SCHEMA } from './schema.js';

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

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

/** A node as the listener saw it: open offset, close offset, value, children. */
interface Frame {
  s: number;
  e: number;
  r: unknown;
  c: Frame[] | null;
}

export interface Located {
  /** Offsets in the document's text (not the file's). */
  start: number;
  end: number;
  /** How many leading segments of the path exist in the source. */
  depth: number;
}

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
      const offset = Math.min(mark?.position ?? 0, text.length);
      const reason = err.reason || 'invalid YAML';
      if (reason === 'duplicated mapping key') throw new DuplicateKeyError(reason, offset);
      throw new YamlSyntaxError(reason, offset);
    }
    if (err instanceof RangeError) {
      // js-yaml recurses once per nesting level.
      throw new YamlSyntaxError('the document nests too deeply to read', 0);
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
    throw new YamlSyntaxError('the document nests too deeply to read', 0);
  }
  if (total - memo.size > MAX_ALIAS_EXPANSION) {
    throw new YamlSyntaxError(
      `aliases expand this document to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (an alias bomb); it is not read`,
      Math.max(0, text.indexOf('*')),
    );
  }
}

export interface DuplicateKey {
  key: string;
  /** Offset of the repeated key in the document's text. */
  offset: number;
}

export class YamlDocument {
  private root: Frame | undefined;
  private anchors: Map<object, Frame> | undefined;

  private constructor(
    readonly text: string,
    readonly value: unknown,
    root: Frame | undefined,
    /** Keys written twice; the last one wins, as in Kubernetes' decoder. */
    readonly duplicates: readonly DuplicateKey[],
  ) {
    this.root = root;
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
    return new YamlDocument(text, result.value, result.root, duplicates);
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
    let end = headEnd(text, start, node.e);
    let depth = 0;
    for (const segment of path) {
      if (!node) break;
      const container = this.deref(node);
      if (typeof segment === 'number') {
        if (!Array.isArray(container.r)) break;
        const item = itemFrame(container, segment);
        if (!item) break;
        node = unwrap(item);
        start = contentStart(text, item.s, item.e);
        end = headEnd(text, start, item.e);
      } else {
        if (container.r === null || typeof container.r !== 'object' || Array.isArray(container.r)) break;
        const pair = this.findPair(container, segment, 0);
        if (!pair) break;
        start = pair.key.s;
        end = pairEnd(text, pair.key, pair.value);
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
        if (f.c !== null) {
          if (f.r !== null && typeof f.r === 'object' && !this.anchors.has(f.r)) this.anchors.set(f.r, f);
          for (let i = f.c.length - 1; i >= 0; i--) pending.push(f.c[i] as Frame);
        }
      }
    }
    const target = this.anchors.get(node.r);
    return target ? unwrap(target) : node;
  }

  private findPair(map: Frame, key: string, hops: number): { key: Frame; value: Frame | null } | undefined {
    const children = map.c;
    if (!children || hops > 32) return undefined;
    const text = this.text;
    let found: { key: Frame; value: Frame | null } | undefined;
    const merges: Frame[] = [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Frame;
      if (!isKey(text, child)) continue;
      const next = children[i + 1];
      const value = next && !isKey(text, next) ? next : null;
      const name = String(child.r);
      if (name === key) found = { key: child, value };
      else if (name === '<<' && value && text.charCodeAt(child.s) !== 0x22 && text.charCodeAt(child.s) !== 0x27) {
        merges.push(value);
      }
    }
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

/** A mapping key is the only node followed on its own line by `:`. */
function isKey(text: string, frame: Frame): boolean {
  let p = frame.e;
  let ch = text.charCodeAt(p);
  while (ch === 0x20 || ch === 0x09) ch = text.charCodeAt(++p);
  return ch === 0x3a;
}

function itemFrame(seq: Frame, index: number): Frame | undefined {
  const items = seq.c;
  const values = seq.r as unknown[];
  if (!items) return undefined;
  // `-` followed by nothing is a null item the listener never sees.
  if (items.length === values.length) return items[index];
  const wanted = values[index];
  if (wanted !== null && typeof wanted === 'object') return items.find((f) => f.r === wanted);
  return undefined;
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

function lineEnd(text: string, from: number): number {
  let nl = text.indexOf('\n', from);
  if (nl === -1) nl = text.length;
  if (nl > from && text.charCodeAt(nl - 1) === 0x0d) nl--;
  return nl;
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
function headEnd(text: string, start: number, end: number): number {
  return trimEnd(text, start, Math.min(Math.max(end, start), lineEnd(text, start)));
}

function pairEnd(text: string, key: Frame, value: Frame | null): number {
  const keyEnd = trimEnd(text, key.s, key.e);
  if (!value) return keyEnd;
  const valueStart = contentStart(text, value.s, value.e);
  if (valueStart >= value.e) return keyEnd;
  const eol = lineEnd(text, key.s);
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
        if (seen.has(name)) found.push({ key: name, offset: child.s });
        seen.add(name);
      }
    }
    for (const child of frame.c) pending.push(child);
  }
  return found.sort((a, b) => a.offset - b.offset);
}
