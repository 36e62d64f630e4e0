/**
 * An independent reference for where a JSON path sits in a YAML file, built
 * on eemeli/yaml (not on js-yaml, which the linter uses): the composed AST
 * gives the structure (aliases, merge keys), the CST tokens give offsets.
 *
 * Semantics, the ones the linter promises:
 * - a mapping entry is at its key (at the key's anchor or tag when it has one);
 * - a sequence item is at its node (at its anchor or tag when it has one), and
 *   an item written as a bare `-` is at that `-`;
 * - a path through an alias continues inside the anchored node; a key missing
 *   from a mapping is looked up in its `<<` merge sources, the first source
 *   holding it wins, and the mapping's own keys override merged ones; of
 *   repeated keys the last one wins (as in Kubernetes);
 * - a path that does not exist resolves to its nearest existing ancestor.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units; a leading
 * byte order mark is not part of the text.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type CST,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

export type Path = readonly (string | number)[];

export interface RefHit {
  offset: number;
  line: number;
  column: number;
  /** How many leading segments of the path exist. */
  depth: number;
  found: boolean;
}

export interface RefResource {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  basePath: Path;
}

const PROPS = new Set(['anchor', 'tag']);

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The string a key becomes in the decoded object (YAML 1.1, like Kubernetes). */
export function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  // Timestamps stay strings in Kubernetes' decoder.
  if (value instanceof Date) return (key.srcToken as { source?: string } | undefined)?.source ?? key.source;
  return String(value);
}

function isMergeKey(pair: Pair): boolean {
  const key = pair.key;
  return isScalar(key) && typeof key.value === 'symbol' && key.srcToken?.type === 'scalar';
}

type CstItem = { start: CST.SourceToken[]; key?: CST.Token | null; sep?: CST.SourceToken[]; value?: CST.Token };

function cstItems(node: YAMLMap | YAMLSeq): CstItem[] | undefined {
  const token = node.srcToken as { items?: CstItem[] } | undefined;
  return token?.items;
}

function firstProp(tokens: readonly CST.SourceToken[], from = 0): number | undefined {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as CST.SourceToken;
    if (PROPS.has(t.type)) return t.offset;
  }
  return undefined;
}

function tokenOffset(token: CST.Token | null | undefined): number | undefined {
  return token && 'offset' in token ? token.offset : undefined;
}

export class RefDocument {
  constructor(
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The decoded value, or undefined when it cannot be decoded (an alias bomb, say). */
  value(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 10_000 });
    } catch {
      return undefined;
    }
  }

  /** Offset of the document's first content node. */
  get startOffset(): number {
    const contents = this.doc.contents as YamlNode | null;
    return contents?.range?.[0] ?? this.doc.range[0];
  }

  get endOffset(): number {
    return this.doc.range[2];
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private findPair(map: YAMLMap, key: string, hops: number): { map: YAMLMap; pair: Pair } | undefined {
    if (hops > 32) return undefined;
    let found: Pair | undefined;
    const merges: unknown[] = [];
    for (const pair of map.items) {
      if (isMergeKey(pair)) merges.push(pair.value);
      else if (keyName(pair.key) === key) found = pair;
    }
    if (found) return { map, pair: found };
    for (const merge of merges) {
      const target = this.deref(merge);
      const sources = isSeq(target) ? target.items.map((i) => this.deref(i)) : [target];
      for (const source of sources) {
        if (!isMap(source)) continue;
        const hit = this.findPair(source, key, hops + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  private keyOffset(map: YAMLMap, pair: Pair): number {
    const keyToken = (pair.key as YamlNode | null)?.srcToken;
    const item = cstItems(map)?.find((i) => i.key === keyToken);
    if (item) {
      const prop = firstProp(item.start);
      const at = prop ?? tokenOffset(item.key);
      if (at !== undefined) return at;
    }
    return (pair.key as YamlNode).range?.[0] ?? 0;
  }

  private itemOffset(seq: YAMLSeq, index: number): number {
    // A comment after the last item of a block sequence makes an item of its own in the CST.
    const items = cstItems(seq)?.filter((i) => i.value !== undefined || i.start.some((t) => t.type === 'seq-item-ind'));
    const item = items && items.length === seq.items.length ? items[index] : undefined;
    if (item) {
      const indicator = item.start.findIndex((t) => t.type === 'seq-item-ind');
      const prop = firstProp(item.start, indicator + 1);
      if (prop !== undefined) return prop;
      const value = tokenOffset(item.value);
      if (value !== undefined) return value;
      if (indicator !== -1) return (item.start[indicator] as CST.SourceToken).offset;
    }
    return (seq.items[index] as YamlNode | null)?.range?.[0] ?? 0;
  }

  locateOffset(path: Path): { offset: number; depth: number } {
    let node: unknown = this.doc.contents;
    let offset = this.startOffset;
    let depth = 0;
    for (const segment of path) {
      const target = this.deref(node);
      if (typeof segment === 'number') {
        if (!isSeq(target) || !Number.isInteger(segment) || segment < 0 || segment >= target.items.length) break;
        offset = this.itemOffset(target, segment);
        node = target.items[segment];
      } else {
        if (!isMap(target)) break;
        const hit = this.findPair(target, segment, 0);
        if (!hit) break;
        offset = this.keyOffset(hit.map, hit.pair);
        node = hit.pair.value;
      }
      depth += 1;
    }
    return { offset, depth };
  }

  locate(path: Path): RefHit {
    const { offset, depth } = this.locateOffset(path);
    const { line, col } = this.lines.linePos(offset);
    return { offset, line, column: col, depth, found: depth === path.length };
  }

  private cachedResources: RefResource[] | undefined;

  /** Kubernetes objects of the document: the root, or the items of a `*List`. */
  resources(): RefResource[] {
    this.cachedResources ??= this.findResources();
    return this.cachedResources;
  }

  private findResources(): RefResource[] {
    const value = this.value() as Record<string, unknown> | null | undefined;
    if (!isObject(value)) return [];
    const items = value['items'];
    if (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(items)) {
      return items.flatMap((item, i) => (isObject(item) ? identity(item, ['items', i]) : []));
    }
    return identity(value, []);
  }

  /**
   * Every path the document's source spells out: each key of each mapping
   * (merged keys included) and each item of each sequence, descending
   * through aliases once.
   */
  paths(limit = Infinity): Path[] {
    const out: Path[] = [];
    const seen = new Set<unknown>();
    const walk = (node: unknown, path: Path) => {
      if (out.length >= limit) return;
      const target = this.deref(node);
      if (isAlias(node)) {
        if (seen.has(target)) return;
        seen.add(target);
      }
      if (isMap(target)) {
        for (const key of this.effectiveKeys(target, 0)) {
          const hit = this.findPair(target, key, 0);
          if (!hit) continue;
          out.push([...path, key]);
          walk(hit.pair.value, [...path, key]);
        }
      } else if (isSeq(target)) {
        target.items.forEach((item, i) => {
          out.push([...path, i]);
          walk(item, [...path, i]);
        });
      }
    };
    walk(this.doc.contents, []);
    return out.slice(0, limit);
  }

  private effectiveKeys(map: YAMLMap, hops: number): string[] {
    const keys = new Set<string>();
    if (hops > 32) return [];
    for (const pair of map.items) {
      if (isMergeKey(pair)) {
        const target = this.deref(pair.value);
        const sources = isSeq(target) ? target.items.map((i) => this.deref(i)) : [target];
        for (const s of sources) if (isMap(s)) this.effectiveKeys(s, hops + 1).forEach((k) => keys.add(k));
      } else {
        const name = keyName(pair.key);
        if (name !== undefined) keys.add(name);
      }
    }
    return [...keys];
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function identity(obj: Record<string, unknown>, basePath: Path): RefResource[] {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return [];
  const meta = isObject(obj['metadata']) ? obj['metadata'] : {};
  const name = meta['name'] ?? meta['generateName'];
  const ns = meta['namespace'];
  const ref: RefResource = { apiVersion, kind, name: name == null ? '' : String(name), basePath };
  if (ns != null && ns !== '') ref.namespace = String(ns);
  return [ref];
}

export class RefFile {
  readonly text: string;
  readonly lines = new LineCounter();
  readonly documents: RefDocument[];

  constructor(text: string) {
    this.text = stripBom(text);
    const docs = parseAllDocuments(this.text, {
      version: '1.1',
      merge: true,
      uniqueKeys: false,
      keepSourceTokens: true,
      lineCounter: this.lines,
    });
    const list = Array.isArray(docs) ? docs : [];
    this.documents = list.map((d) => new RefDocument(d, this.lines));
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * The document holding a finding's resource, found by its identity (and,
   * for List items, by the path's `items.n` prefix); when several
   * documents hold an object of that identity, the one whose lines contain
   * `line` (a finding's line, say).
   */
  documentOf(ref: { apiVersion: string; kind: string; name: string; namespace?: string }, path: Path, line: number): RefDocument {
    const same = (r: RefResource) =>
      r.apiVersion === ref.apiVersion &&
      r.kind === ref.kind &&
      r.name === ref.name &&
      r.namespace === ref.namespace &&
      r.basePath.every((s, i) => path[i] === s);
    let candidates = this.documents.filter((d) => d.resources().some(same));
    if (candidates.length > 1) {
      candidates = candidates.filter((d) => {
        const first = this.position(d.doc.range[0]).line;
        const last = this.position(d.endOffset).line;
        return line >= first && line <= last;
      });
    }
    if (candidates.length !== 1) {
      throw new Error(`expected one document holding ${ref.kind}/${ref.name} for ${JSON.stringify(path)}, found ${candidates.length}`);
    }
    return candidates[0] as RefDocument;
  }
}
