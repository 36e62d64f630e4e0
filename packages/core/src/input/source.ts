import { YamlDocument } from '../parse/document.js';
import type { JsonPath } from '../base/types.js';
import { LineIndex } from '../parse/lines.js';
import type { Range } from '../base/types.js';

/** A range noted by `keepLocation`: its path's key, start line and column, end line and column, and 1 if the whole path was found. */
export type Spot = [key: string, startLine: number, startColumn: number, endLine: number, endColumn: number, found: number];

/** A path as a key: numbers (sequence items) and strings (mapping keys) apart. */
function spotKey(path: JsonPath): string {
  let key = '';
  for (const segment of path) key += typeof segment === 'number' ? `\u0001${segment}` : `\u0000${segment}`;
  return key;
}

/** Keys kept once, not once per document: every document of a run notes the same few paths. */
const KEYS = new Map<string, string>();

function keptKey(key: string): string {
  const known = KEYS.get(key);
  if (known !== undefined) return known;
  if (KEYS.size < 4096) KEYS.set(key, key);
  return key;
}

/** The spot of `key` among a document's: one (most documents hold one resource), a few, or many (the items of a List). */
function findSpot(spots: Spot | Spot[] | Map<string, Spot>, key: string): Spot | undefined {
  if (spots instanceof Map) return spots.get(key);
  if (typeof spots[0] === 'string') return spots[0] === key ? (spots as Spot) : undefined;
  return (spots as Spot[]).find((spot) => spot[0] === key);
}

/**
 * One document of an input file, and the line it starts on, so a range can
 * be computed at any time. A document read from disk can let go of its text
 * once its file is done (`release`) and read it again if a range is asked
 * for later, so a run does not hold every file in memory.
 */
export class SourceDocument {
  private parsed: YamlDocument | undefined;
  private lines: LineIndex | undefined;
  private body: string | undefined;
  private length: number;
  /** Ranges noted by `keepLocation`, which outlive `release`. */
  private spots: Spot | Spot[] | Map<string, Spot> | undefined;

  constructor(
    /** Display path of the file: relative, '/' separators, or '<stdin>'. */
    readonly file: string,
    /** 0-based index of the document in its file, counting every `---`. */
    readonly index: number,
    text: string,
    /** 1-based line of the file on which `text` starts. */
    readonly startLine: number,
    /** Template named by the document's `# Source:` comment (Helm output), or file named by its kustomize origin annotation. */
    readonly helmTemplate: string | undefined,
    parsed?: YamlDocument,
    /** Where the text sits in its file's text, and how to read that again; absent, the text is kept. */
    private readonly origin?: { offset: number; reload: () => string },
  ) {
    this.body = text;
    this.length = text.length;
    this.parsed = parsed;
  }

  /**
   * A document of a file linted in another thread: its place in the file's
   * text and how to read that again; `text` when the other thread kept it.
   */
  static detached(
    place: { file: string; index: number; startLine: number; helmTemplate: string | undefined; offset: number; length: number; text?: string },
    reload: () => string,
    spots?: readonly Spot[],
  ): SourceDocument {
    const doc = new SourceDocument(place.file, place.index, place.text ?? '', place.startLine, place.helmTemplate, undefined, { offset: place.offset, reload });
    doc.length = place.length;
    if (place.text === undefined) doc.body = undefined;
    for (const spot of spots ?? []) doc.addSpot(spot);
    return doc;
  }

  /**
   * @internal Notes where `path` is, if the positions are built now, so that
   * locating it after `release` builds nothing again: whole-set rules report
   * at `metadata.name` of thousands of workloads whose positions are gone by
   * then (and, in a parallel run, were built in another thread). With
   * `build`, the positions are built for it if they are not yet.
   */
  keepLocation(path: JsonPath, build = false): void {
    if (!build && !this.parsed?.positioned) return;
    const { range, found } = this.locate(path);
    this.addSpot([keptKey(spotKey(path)), range.start.line, range.start.column, range.end.line, range.end.column, found ? 1 : 0]);
  }

  private addSpot(spot: Spot): void {
    const spots = this.spots;
    if (spots === undefined) this.spots = spot;
    else if (spots instanceof Map) spots.set(spot[0], spot);
    else if (typeof spots[0] === 'string') this.spots = (spots as Spot)[0] === spot[0] ? spot : [spots as Spot, spot];
    else {
      const list = spots as Spot[];
      const at = list.findIndex((s) => s[0] === spot[0]);
      if (at !== -1) list[at] = spot;
      else if (list.length < 16) list.push(spot);
      else this.spots = new Map([...list, spot].map((s) => [s[0], s]));
    }
  }

  /** @internal The ranges noted by `keepLocation`, as they cross threads. */
  get keptLocations(): Spot[] | undefined {
    const spots = this.spots;
    if (spots === undefined) return undefined;
    if (spots instanceof Map) return [...spots.values()];
    return typeof spots[0] === 'string' ? [spots as Spot] : (spots as Spot[]);
  }

  /** @internal Where the document sits in its file's text (for a document read from a file that can be read again). */
  get place(): { offset: number; length: number } | undefined {
    return this.origin ? { offset: this.origin.offset, length: this.length } : undefined;
  }

  /** @internal Whether the document holds its text now. */
  get holdsText(): boolean {
    return this.body !== undefined;
  }

  /** `{ template }` for findings of a Helm-rendered document, shared by all of them. */
  get helm(): { template: string } | undefined {
    if (this.helmTemplate === undefined) return undefined;
    this.helmRef ??= { template: this.helmTemplate };
    return this.helmRef;
  }

  private helmRef: { template: string } | undefined;

  /** The document's text, from its `---` line (if any) to the next one. */
  get text(): string {
    if (this.body === undefined) {
      const origin = this.origin as { offset: number; reload: () => string };
      const whole = origin.reload();
      this.body = whole.slice(origin.offset, origin.offset + this.length);
    }
    return this.body;
  }

  private yaml(): YamlDocument {
    this.parsed ??= YamlDocument.parse(this.text, { positions: true });
    return this.parsed;
  }

  /**
   * Drops the position tree and, unless `keepText`, the text of a document
   * that can read it again.
   */
  release(keepText = false): void {
    this.parsed = undefined;
    this.lines = undefined;
    if (this.origin && !keepText) this.body = undefined;
  }

  /** The file line of the document's first content, past its `---` line, blank lines and comments. */
  contentLine(): number {
    let line = this.startLine;
    let at = 0;
    let opened = false;
    const text = this.text;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl === -1 ? text.length : nl;
      const trimmed = text.slice(at, end).trim();
      const marker = /^---(\s|$)/.test(trimmed);
      opened ||= marker;
      // `%YAML` and `%TAG` lines before the `---` are directives, not content.
      const directive = !opened && text.charCodeAt(at) === 0x25;
      if (trimmed !== '' && !trimmed.startsWith('#') && !marker && !directive) return line;
      if (nl === -1) break;
      at = nl + 1;
      line++;
    }
    return this.startLine;
  }

  /** Range in the file of an offset range in this document's text. */
  rangeOf(start: number, end: number): Range {
    // The parsed document's line index, when there is one, serves both.
    const lines = this.parsed?.lines ?? (this.lines ??= new LineIndex(this.text));
    const a = lines.position(start);
    const b = lines.position(Math.max(end, start));
    return {
      start: { line: a.line + this.startLine - 1, column: a.column },
      end: { line: b.line + this.startLine - 1, column: b.column },
    };
  }

  /** The range of a JSON path and whether the whole path exists in the source. */
  locate(path: JsonPath): { range: Range; found: boolean } {
    if (this.spots !== undefined && this.parsed === undefined) {
      const spot = findSpot(this.spots, spotKey(path));
      if (spot) return { range: { start: { line: spot[1], column: spot[2] }, end: { line: spot[3], column: spot[4] } }, found: spot[5] === 1 };
    }
    const hit = this.yaml().locate(path);
    return { range: this.rangeOf(hit.start, hit.end), found: hit.depth === path.length };
  }
}
