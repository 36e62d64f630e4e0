import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JsonPath } from '../base/types.js';
import { YamlDocument } from '../parse/document.js';
import { chartFamily, ChartFiles, findCharts, type Chart } from './chart.js';
import {
  lineValuesRefs,
  linePattern,
  normaliseRendered,
  valuesRefs,
  type Block,
  type Insertion,
  type TemplateFile,
  type TemplateLine,
  type ValuesRef,
} from './template.js';
import { branchTaken } from './condition.js';
import { formatValuesKey, ValuesFiles, type ValuesLocation, type ValuesSource } from './values.js';

/** Where a finding of a rendered document comes from in its chart. */
export interface TemplateMapping {
  /** Absolute path of the template (or helper) file holding the line. */
  file: string;
  /** 1-based line and columns of the line's content. */
  line: number;
  column: number;
  endColumn: number;
  /** `exact`: the line that writes the offending key (or would write it); `block`: an enclosing line, see `reason`. */
  mapping: 'exact' | 'block';
  reason?: string;
  /** The offending key is absent from the output; the line is where it would be written. */
  absent?: boolean;
  /** Values keys behind the line, with where the chart's values.yaml and the given values files set them. */
  values: { key: string; path: string[]; locations: ValuesLocation[] }[];
  /** The chart that holds the template. */
  chart: { name: string; dir: string };
}

/** Where the charts and values files of Helm-rendered input are (docs/helm.md). */
export interface HelmMapperOptions {
  /** Folders to look for charts in (the linted paths); `charts` are used as well. */
  roots?: readonly string[];
  /** Chart folders given explicitly (`--chart`). */
  charts?: readonly string[];
  /**
   * Values files the output was rendered with (`--helm-values`), in the
   * order given to helm; `rendered` (absolute paths of rendered files)
   * limits one to those renders.
   */
  values?: readonly { file: string; rendered?: readonly string[] }[];
}

export interface MapRequest {
  /** Text of the `# Source:` comment. */
  template: string;
  /** Absolute path of the rendered file, when it is one. */
  renderedFile?: string;
  /** The rendered document's text. */
  text: string;
  path: JsonPath;
}

interface Scope {
  t: TemplateFile;
  file: string;
  from: number;
  to: number;
  /** Children are lines indented more than this. */
  parent: number;
  /** The first line is a `- ` item whose key starts after the dash. */
  itemHead: boolean;
  /** Name of the define the scope is in; lines of other defines are skipped. */
  define?: string;
  /** Blocks open at the parent line: blocks not among them are opened inside the scope. */
  outer: readonly Block[];
  /** Branches of if/with blocks whose lines belong to another structure (see keyChildren). */
  exclude?: readonly Block[];
}

interface At {
  file: string;
  t: TemplateFile;
  index: number;
}

type FindHit = { at: At; scope: Scope } | { values: ValuesRef; at: At; index?: number } | { opaque: Insertion; at: At };

type Provider = { scope: Scope } | { values: ValuesRef; at: At } | { opaque: Insertion; at: At } | { inline: true };

const MAX_INCLUDE_DEPTH = 6;

/** Maps findings of Helm-rendered documents to the chart's template lines and values keys. */
export class HelmMapper {
  private found: Chart[] | undefined;
  private readonly roots: string[];
  private readonly files = new Map<string, ChartFiles>();
  private readonly valuesFiles = new ValuesFiles();
  private readonly userValues: readonly { file: string; rendered?: readonly string[] }[];
  private lastDoc: { text: string; doc: YamlDocument } | undefined;

  constructor(options: HelmMapperOptions) {
    this.roots = [...(options.charts ?? []), ...(options.roots ?? [])].map((c) => path.resolve(c));
    this.userValues = (options.values ?? []).map((v) => ({
      file: path.resolve(v.file),
      ...(v.rendered ? { rendered: v.rendered.map((r) => path.resolve(r)) } : {}),
    }));
  }

  /** Charts under the roots, looked for the first time a rendered document needs one. */
  private get charts(): Chart[] {
    this.found ??= findCharts(this.roots);
    return this.found;
  }

  /** The values files given for a rendered file, in helm's order. */
  valuesFor(renderedFile: string | undefined): string[] {
    return this.userValues.filter((v) => !v.rendered || (renderedFile !== undefined && v.rendered.includes(renderedFile))).map((v) => v.file);
  }

  /** `resolve`'s answers: every finding of a rendered document asks again, and the answer checks the disk. */
  private readonly resolved = new Map<string, { chart: Chart; file: string } | undefined>();

  /** The chart and file a `# Source:` path names, if its chart is known. */
  resolve(source: string): { chart: Chart; file: string } | undefined {
    if (this.resolved.has(source)) return this.resolved.get(source);
    const found = this.resolveUncached(source);
    this.resolved.set(source, found);
    return found;
  }

  private resolveUncached(source: string): { chart: Chart; file: string } | undefined {
    const parts = source.split('/');
    const name = parts[0];
    const rest = parts.slice(1);
    if (!name || rest.length === 0) return undefined;
    const named = this.charts.filter((c) => c.name === name);
    for (const top of [...named.filter((c) => !c.parent), ...named.filter((c) => c.parent)]) {
      const file = path.join(top.dir, ...rest);
      if (!existsSync(file)) continue;
      // The chart that owns the file: the deepest one whose folder holds it.
      const owner = this.charts
        .filter((c) => file.startsWith(c.dir + path.sep) && file.slice(c.dir.length + 1).split(path.sep)[0] === 'templates')
        .sort((a, b) => b.dir.length - a.dir.length)[0];
      return { chart: owner ?? top, file };
    }
    return undefined;
  }

  private filesOf(chart: Chart): ChartFiles {
    let f = this.files.get(chart.dir);
    if (!f) this.files.set(chart.dir, (f = new ChartFiles(chartFamily(chart, this.charts))));
    return f;
  }

  /** Values files for a chart as Helm layers them: its values.yaml, the parents', then the user's. */
  private valuesSources(chart: Chart, renderedFile: string | undefined): ValuesSource[] {
    const out: ValuesSource[] = [{ file: path.join(chart.dir, 'values.yaml'), prefix: [], defaults: true }];
    const prefix: string[] = [];
    let c: Chart = chart;
    while (c.parent) {
      prefix.unshift(c.alias ?? c.name);
      c = c.parent;
      out.push({ file: path.join(c.dir, 'values.yaml'), prefix: [...prefix], defaults: true });
    }
    for (const file of this.valuesFor(renderedFile)) out.push({ file, prefix: [...prefix], defaults: false });
    return out;
  }

  private parsed(text: string): YamlDocument {
    if (this.lastDoc?.text !== text) this.lastDoc = { text, doc: YamlDocument.parse(text, { positions: true }) };
    return this.lastDoc.doc;
  }

  /** The template line (and values keys) behind a finding's path, or why there is none. */
  map(req: MapRequest): TemplateMapping | { unmapped: string } {
    const resolved = this.resolve(req.template);
    if (!resolved) return { unmapped: `no chart source found for "${req.template}" (give its folder with --chart)` };
    const { chart, file } = resolved;
    const files = this.filesOf(chart);
    const t = files.template(file);
    if (!t) return { unmapped: `cannot read template ${file}` };
    let doc: YamlDocument;
    try {
      doc = this.parsed(req.text);
    } catch {
      return { unmapped: 'the rendered document does not parse' };
    }
    const walker = new Walk(files, req.text, doc, this.valuesFiles, this.valuesSources(chart, req.renderedFile));
    const result = walker.run(t, file, req.path);
    return { ...result, chart: { name: chart.name, dir: chart.dir } };
  }
}

class Walk {
  constructor(
    private readonly files: ChartFiles,
    private readonly text: string,
    private readonly doc: YamlDocument,
    private readonly values: ValuesFiles,
    private readonly sources: ValuesSource[],
  ) {}

  /** Set when the values key behind the line cannot be named. */
  private unresolved = false;

  /** A values path under a dumped value, remembering when that value has no name. */
  private fromRef(ref: ValuesRef, rest: readonly string[]): string[] {
    if (ref.unresolved) this.unresolved = true;
    return [...ref.path, ...rest];
  }

  /** Text of the rendered line at which a path starts (past a `- `). */
  private renderedLine(p: JsonPath): string {
    const hit = this.doc.locate(p);
    let end = this.text.indexOf('\n', hit.start);
    if (end === -1) end = this.text.length;
    return normaliseRendered(this.text.slice(hit.start, end).replace(/^-\s+/, ''));
  }

  /** Normalised lines of the rendered node at a path: its line and every line indented below it. */
  private renderedBlock(p: JsonPath): Set<string> {
    const hit = this.doc.locate(p);
    const lineStart = this.text.lastIndexOf('\n', hit.start - 1) + 1;
    const lines = this.text.slice(lineStart).split('\n');
    const first = lines[0] ?? '';
    const indent = /^ */.exec(first)?.[0].length ?? 0;
    const isItem = /^\s*-(\s|$)/.test(first);
    const out = new Set<string>([normaliseRendered(first.replace(/^\s*-\s+/, ''))]);
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.trim() === '' || /^---/.test(l)) continue;
      const n = /^ */.exec(l)?.[0].length ?? 0;
      // Below a key: deeper lines, and items written at the key's own indentation.
      if (n < indent || (n === indent && (isItem || !/^\s*-(\s|$)/.test(l)))) break;
      out.add(normaliseRendered(l.replace(/^\s*-\s+/, '')));
    }
    return out;
  }

  /**
   * Whether the values a line reads show up in the rendered line: +1 for each
   * scalar value found in it, -1 for each not found. Tells apart branches that
   * write the same key from different values (`image:` for two platforms).
   */
  private evidence(l: TemplateLine, rendered: string): number {
    let n = 0;
    for (const r of lineValuesRefs(l)) {
      if (r.each) continue;
      const v = this.values.value(r.path, this.sources);
      if ((typeof v !== 'string' && typeof v !== 'number') || String(v).length < 2) continue;
      n += rendered.includes(normaliseRendered(String(v))) ? 1 : -1;
    }
    return n;
  }

  /** Whether the values select against a line: a block it sits in, inside the scope, has a branch they rule out. */
  private ruledOut(l: TemplateLine, scope: Scope): boolean {
    const outer = new Set(scope.outer);
    const lookup = (p: readonly string[]) => this.values.value(p, this.sources);
    return l.blocks.some((b, i) => !outer.has(b) && b.kind !== 'define' && branchTaken(b, l.blocks.slice(0, i), lookup) === false);
  }

  /** How many written lines of a template block appear in a rendered block. */
  private blockScore(scope: Scope, rendered: Set<string>): number {
    let n = 0;
    for (let i = scope.from; i < scope.to; i++) {
      const l = scope.t.lines[i] as TemplateLine;
      if (l.type !== 'yaml' || l.shape.includes('\u0000') || this.skipped(l, scope)) continue;
      if (rendered.has(normaliseRendered(afterDash(l)))) n++;
    }
    return n;
  }

  run(t: TemplateFile, file: string, fullPath: JsonPath): Omit<TemplateMapping, 'chart'> {
    const found = this.doc.locate(fullPath).depth;
    const root = this.rootScope(t, file);
    let at: At = { file: root.file, t: root.t, index: this.firstYaml(root) };
    let provider: Provider = { scope: root } as Provider;
    let valuesPath: string[] | undefined;
    let mapping: 'exact' | 'block' = 'exact';
    let reason: string | undefined;
    for (let d = 0; d < found; d++) {
      const seg = fullPath[d] as string | number;
      if (valuesPath) {
        valuesPath.push(String(seg));
        continue;
      }
      if ('inline' in provider) continue;
      if ('opaque' in provider) {
        mapping = 'block';
        reason = `${formatPath(fullPath.slice(0, d))} is written by \`{{ ${provider.opaque.code} }}\`, whose output is not read line by line`;
        break;
      }
      if ('values' in provider) {
        valuesPath = this.fromRef(provider.values, [String(seg)]);
        continue;
      }
      const hit: FindHit | undefined =
        typeof seg === 'number' ? this.findItem(provider.scope, fullPath.slice(0, d), seg) : this.findKey(provider.scope, seg, fullPath.slice(0, d + 1), 0);
      if (!hit) {
        mapping = 'block';
        reason = `${formatPath(fullPath.slice(0, d + 1))} is not written by any line of the template (added after rendering, or produced by an expression this reader cannot follow); shown at the enclosing block`;
        break;
      }
      if ('values' in hit) {
        at = hit.at;
        valuesPath = this.fromRef(hit.values, hit.index !== undefined ? [String(hit.index)] : typeof seg === 'string' ? [seg] : []);
        continue;
      }
      if ('opaque' in hit) {
        at = hit.at;
        mapping = 'block';
        reason = `${formatPath(fullPath.slice(0, d + 1))} is written by \`{{ ${hit.opaque.code} }}\`, whose output is not read line by line`;
        break;
      }
      at = hit.at;
      provider = typeof seg === 'number' ? { scope: this.itemScope(hit.scope, hit.at.index) } : this.keyChildren(hit.scope, hit.at);
      if ('values' in provider && provider.values.each) valuesPath = undefined;
    }
    let absent = false;
    let gateRefs: ValuesRef[] | undefined;
    if (mapping === 'exact' && found < fullPath.length) {
      if (valuesPath) valuesPath.push(...fullPath.slice(found).map(String));
      else if ('values' in provider) valuesPath = this.fromRef(provider.values, fullPath.slice(found).map(String));
      else if ('scope' in provider) {
        // The key is absent: the template may still have the line that writes it, under a condition.
        let scope: Scope | undefined = provider.scope;
        for (let d = found; d < fullPath.length && scope; d++) {
          const seg = fullPath[d];
          if (typeof seg !== 'string') break;
          const hit: FindHit | undefined = this.findKey(scope, seg, undefined, 0);
          if (!hit) break;
          // A missing key is put on a values dump only when the dump is all the block holds;
          // otherwise the line stays on the enclosing key and the dump's values key is named.
          if ('values' in hit && this.children(scope).some((i) => (scope as Scope).t.lines[i]?.type === 'yaml')) {
            valuesPath = this.fromRef(hit.values, fullPath.slice(d).map(String));
            break;
          }
          // The line that would write the first missing key is where to add it; deeper ones only name values.
          const first = d === found;
          absent = true;
          if ('values' in hit) {
            if (first) at = hit.at;
            valuesPath = this.fromRef(hit.values, fullPath.slice(d).map(String));
            break;
          }
          if ('opaque' in hit) break;
          if (first) at = hit.at;
          gateRefs = this.gateRefs(hit.scope, hit.at);
          const next = this.keyChildren(hit.scope, hit.at);
          if ('values' in next) {
            valuesPath = this.fromRef(next.values, fullPath.slice(d + 1).map(String));
            break;
          }
          scope = 'scope' in next ? next.scope : undefined;
        }
      }
    }
    const line = at.t.lines[at.index] as TemplateLine;
    let refs: ValuesRef[];
    if (valuesPath) refs = this.unresolved ? [] : [{ path: valuesPath }];
    else if (gateRefs) refs = gateRefs;
    else if (found === fullPath.length || mapping === 'block') refs = this.lineRefs(line);
    else refs = [];
    const values = refs
      .filter((r) => r.path.length > 0)
      .map((r) => ({ key: formatValuesKey(r.path), path: r.path, locations: this.values.locate(r.path, this.sources) }));
    const text = line.text;
    const column = line.indent + 1;
    const out: Omit<TemplateMapping, 'chart'> = {
      file: at.file,
      line: at.index + 1,
      column,
      endColumn: Math.max(column, text.replace(/\s+$/, '').length + 1),
      mapping,
      values,
    };
    if (reason) out.reason = reason;
    if (absent) out.absent = true;
    return out;
  }

  /** The values a line reads, and those of the helpers it includes (one level down). */
  private lineRefs(line: TemplateLine): ValuesRef[] {
    const refs = lineValuesRefs(line).filter((r) => !r.each);
    const seen = new Set(refs.map((r) => r.path.join('.')));
    for (const a of line.actions) {
      for (const m of a.code.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)) {
        const def = this.files.define(m[1] as string);
        if (!def) continue;
        const t = this.files.template(def.file);
        if (!t) continue;
        for (let i = def.define.from; i < def.define.to; i++) {
          for (const r of lineValuesRefs(t.lines[i] as TemplateLine)) {
            const k = r.path.join('.');
            if (!seen.has(k) && !r.each) {
              seen.add(k);
              refs.push(r);
            }
          }
        }
      }
    }
    return refs;
  }

  /** The values that decide whether a gated line is written: its innermost if/with, within its scope. */
  private gateRefs(scope: Scope, at: At): ValuesRef[] {
    const line = at.t.lines[at.index] as TemplateLine;
    const outer = new Set(scope.outer);
    for (let i = line.blocks.length - 1; i >= 0; i--) {
      const b = line.blocks[i]!;
      if (b.kind === 'define' || outer.has(b)) break;
      if (b.kind === 'with' && b.dot) return [b.dot];
      const refs = valuesRefs(b.expr, line.blocks.slice(0, i));
      if (refs.length > 0) return refs;
    }
    return lineValuesRefs(line);
  }

  /** The template lines of the document that produced the rendered one: the `---` section most like it. */
  private rootScope(t: TemplateFile, file: string): Scope {
    // Candidate documents: the `---` sections of the template, and, for a section that only
    // includes named templates (a `range` over components calling a deployment helper, say),
    // the sections of those helpers.
    const candidates: { t: TemplateFile; file: string; from: number; to: number; define?: string }[] = [];
    const seen = new Set<string>();
    const addSections = (tt: TemplateFile, f: string, start: number, end: number, define: string | undefined, depth: number) => {
      const sections: { from: number; to: number }[] = [];
      let from = start;
      for (let i = start; i < end; i++) {
        const l = tt.lines[i] as TemplateLine;
        if (l.separator && !inDefine(l, define)) {
          sections.push({ from, to: i });
          from = i + 1;
        }
      }
      sections.push({ from, to: end });
      for (const sec of sections) {
        let written = false;
        const includes: string[] = [];
        for (let i = sec.from; i < sec.to; i++) {
          const l = tt.lines[i] as TemplateLine;
          if (inDefine(l, define)) continue;
          if (l.type === 'yaml' && !l.separator) written = true;
          else if (l.type === 'action' && l.insert?.kind === 'include') includes.push(l.insert.name);
        }
        if (written || includes.length === 0 || depth >= 3) {
          candidates.push({ t: tt, file: f, from: sec.from, to: sec.to, ...(define ? { define } : {}) });
          continue;
        }
        for (const name of includes) {
          const def = this.files.define(name);
          const dt = def ? this.files.template(def.file) : undefined;
          if (!def || !dt || seen.has(name)) continue;
          seen.add(name);
          addSections(dt, def.file, def.define.from, def.define.to, name, depth + 1);
        }
      }
    };
    addSections(t, file, 0, t.lines.length, undefined, 0);
    const rendered = new Set(
      this.text
        .split('\n')
        .map((l) => normaliseRendered(l.replace(/^\s*-\s+/, '')))
        .filter((x) => x.length > 2 && !x.startsWith('#')),
    );
    const kind = (this.doc.value as { kind?: unknown } | null)?.kind;
    const name = (this.doc.value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    let best = candidates[0] as (typeof candidates)[number];
    let bestScore = -Infinity;
    for (const c of candidates) {
      // Likeness of the section's written lines to the document's (Dice over distinct lines),
      // with the kind and the name deciding first.
      const own = new Set<string>();
      let bonus = 0;
      let yaml = 0;
      for (let i = c.from; i < c.to; i++) {
        const l = c.t.lines[i] as TemplateLine;
        if (inDefine(l, c.define) || (l.type !== 'yaml' && !l.insert)) continue;
        yaml++;
        if (l.type !== 'yaml') continue;
        if (l.indent === 0 && l.key === 'kind') bonus += l.value === kind ? 100 : l.value.includes('\u0000') ? 0 : -100;
        if (l.key === 'name' && l.indent === 2 && typeof name === 'string' && linePattern(l.shape.slice(l.keyCol)).re.test(`name: ${name}`)) bonus += 10;
        if (!l.shape.includes('\u0000')) {
          const n = normaliseRendered(afterDash(l));
          if (n.length > 2) own.add(n);
        }
      }
      if (yaml === 0) continue;
      let common = 0;
      for (const x of own) if (rendered.has(x)) common++;
      const score = bonus + (2 * common) / (own.size + rendered.size || 1);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    const scope: Scope = { t: best.t, file: best.file, from: best.from, to: best.to, parent: -1, itemHead: false, outer: [] };
    if (best.define) {
      const first = best.t.lines[best.from] as TemplateLine | undefined;
      scope.define = best.define;
      scope.outer = first ? first.blocks.slice(0, first.blocks.findIndex((b) => b.kind === 'define') + 1) : [];
    }
    return scope;
  }

  private firstYaml(scope: Scope): number {
    for (let i = scope.from; i < scope.to; i++) {
      const l = scope.t.lines[i] as TemplateLine;
      if (l.type === 'yaml' && !inDefine(l, scope.define)) return i;
    }
    return scope.from;
  }

  /** Lines of a scope at its children's level: keys, items and insertions. */
  private children(scope: Scope): number[] {
    let min = Infinity;
    const cands: { i: number; col: number }[] = [];
    for (let i = scope.from; i < scope.to; i++) {
      const l = scope.t.lines[i] as TemplateLine;
      if (this.skipped(l, scope)) continue;
      let col: number;
      if (l.type === 'yaml' && !l.separator) col = i === scope.from && scope.itemHead ? l.keyCol : l.indent;
      else if (l.type === 'action' && l.insert) col = l.insert.indent;
      else continue;
      if (col <= scope.parent) continue;
      cands.push({ i, col });
      if (col < min) min = col;
    }
    // Lines at that level, past the blocks of the keys before them (a values list dumped at
    // a key's own indentation belongs to that key, not to the level).
    const out: number[] = [];
    let skipTo = -1;
    for (const c of cands) {
      if (c.col !== min || c.i < skipTo) continue;
      out.push(c.i);
      const l = scope.t.lines[c.i] as TemplateLine;
      if (l.type === 'yaml' && (l.key !== undefined || l.keyPattern) && !(l.item && !(scope.itemHead && c.i === scope.from))) {
        const kids = this.keyChildren(scope, { file: scope.file, t: scope.t, index: c.i });
        if ('scope' in kids && kids.scope.file === scope.file && kids.scope.from === c.i + 1) skipTo = kids.scope.to;
      }
    }
    return out;
  }

  private findKey(scope: Scope, key: string, renderedPath: JsonPath | undefined, depth: number): FindHit | undefined {
    const kids = this.children(scope);
    const lines = scope.t.lines;
    const byKey = kids.filter((i) => (lines[i] as TemplateLine).key === key && !((lines[i] as TemplateLine).item && !(scope.itemHead && i === scope.from)));
    const byPattern = kids.filter((i) => (lines[i] as TemplateLine).keyPattern?.test(key));
    const keyed = byKey.length > 0 ? byKey : byPattern;
    if (keyed.length > 0) {
      let pick = keyed[0] as number;
      if (keyed.length > 1 && renderedPath !== undefined) {
        // The same key in several branches: the one whose line and block look most like the output.
        const rendered = this.renderedLine(renderedPath);
        const block = this.renderedBlock(renderedPath);
        let best = -1;
        for (const i of keyed) {
          const l = lines[i] as TemplateLine;
          const own = linePattern(afterDash(l)).re.test(rendered) ? 1000 : 0;
          const kids = this.keyChildren(scope, { file: scope.file, t: scope.t, index: i });
          const score =
            own + 10 * this.evidence(l, rendered) + ('scope' in kids ? this.blockScore(kids.scope, block) : 0) - (this.ruledOut(l, scope) ? 500 : 0);
          if (score > best) {
            best = score;
            pick = i;
          }
        }
      }
      return { at: { file: scope.file, t: scope.t, index: pick }, scope };
    }
    if (depth >= MAX_INCLUDE_DEPTH) return undefined;
    let valuesHit: { values: ValuesRef; at: At } | undefined;
    let opaque: { opaque: Insertion; at: At } | undefined;
    for (const i of kids) {
      const l = lines[i] as TemplateLine;
      const ins = l.type === 'action' ? l.insert : undefined;
      if (!ins) continue;
      const at = { file: scope.file, t: scope.t, index: i };
      if (ins.kind === 'include') {
        const inner = this.defineScope(ins.name);
        if (inner) {
          const hit = this.findKey(inner, key, renderedPath, depth + 1);
          if (hit) return hit;
        }
        if (ins.args.length === 1 && !valuesHit) valuesHit = { values: ins.args[0] as ValuesRef, at };
      } else if (ins.kind === 'values') {
        if (!valuesHit || (!this.values.has([...valuesHit.values.path, key], this.sources) && this.values.has([...ins.ref.path, key], this.sources))) {
          valuesHit = { values: ins.ref, at };
        }
      } else opaque ??= { opaque: ins, at };
    }
    return valuesHit ?? opaque;
  }

  private findItem(
    scope: Scope,
    seqPath: JsonPath,
    n: number,
    depth = 0,
  ): { at: At; scope: Scope } | { values: ValuesRef; at: At; index?: number } | { opaque: Insertion; at: At } | undefined {
    const lines = scope.t.lines;
    const kids = this.children(scope).filter((i) => {
      const l = lines[i] as TemplateLine;
      return l.item || (l.type === 'action' && l.insert);
    });
    if (kids.length === 0) return undefined;
    const repeatable = (i: number) => {
      const l = lines[i] as TemplateLine;
      if (l.type === 'action') return true;
      const outer = new Set(scope.outer);
      return l.blocks.some((b) => b.kind === 'range' && !outer.has(b));
    };
    const patterns = new Map<number, { re: RegExp; strength: number }>();
    const pattern = (i: number) => {
      let p = patterns.get(i);
      if (!p) patterns.set(i, (p = linePattern(afterDash(lines[i] as TemplateLine))));
      return p;
    };
    const matches = (i: number, rendered: string) => {
      const l = lines[i] as TemplateLine;
      if (l.type === 'action') return true;
      return pattern(i).re.test(rendered);
    };
    let p = 0;
    let chosen = -1;
    let count = 0;
    for (let j = 0; j <= n; j++) {
      const rendered = this.renderedLine([...seqPath, j]);
      let pick = -1;
      let block: Set<string> | undefined;
      let bestScore = -1;
      for (let c = p; c < kids.length; c++) {
        const i = kids[c] as number;
        if (!matches(i, rendered)) continue;
        if ((lines[i] as TemplateLine).type === 'action') {
          if (pick !== -1) break;
          // An insertion takes the item only if no later written item says it is theirs.
          const later = kids.slice(c + 1).some((k) => (lines[k] as TemplateLine).type === 'yaml' && pattern(k).strength >= 3 && matches(k, rendered));
          if (later) continue;
          pick = c;
          break;
        }
        // Written items whose first line fits: the one whose block looks most like the output,
        // among those before the next item that fits only by a strong first line.
        block ??= this.renderedBlock([...seqPath, j]);
        const item = this.itemScope(scope, i);
        // The values' choice of branch only breaks ties: values files may be missing.
        const score = (pattern(i).strength >= 3 ? 1000 : 0) + this.blockScore(item, block) - (this.ruledOut(lines[i] as TemplateLine, scope) ? 0.5 : 0);
        if (score > bestScore) {
          bestScore = score;
          pick = c;
        }
        if (pattern(i).strength >= 3 && score >= 1000) break;
      }
      if (pick === -1) return undefined;
      const i = kids[pick] as number;
      count = pick === chosen ? count + 1 : 0;
      chosen = pick;
      p = repeatable(i) ? pick : pick + 1;
      if (j === n) {
        const l = lines[i] as TemplateLine;
        const at = { file: scope.file, t: scope.t, index: i };
        if (l.type === 'action' && l.insert) {
          const ins = l.insert;
          if (ins.kind === 'values') return { values: ins.ref, at, index: count };
          if (ins.kind === 'include') {
            const inner = this.defineScope(ins.name);
            if (inner) {
              const sub = depth < MAX_INCLUDE_DEPTH ? this.findItem(inner, seqPath, count, depth + 1) : undefined;
              if (sub) return sub;
            }
          }
          return { opaque: ins, at };
        }
        return { at, scope };
      }
    }
    return undefined;
  }

  private defineScope(name: string): Scope | undefined {
    const def = this.files.define(name);
    if (!def) return undefined;
    const t = this.files.template(def.file);
    if (!t) return undefined;
    const first = t.lines[def.define.from] as TemplateLine | undefined;
    const outer = first ? first.blocks.slice(0, first.blocks.findIndex((b) => b.kind === 'define') + 1) : [];
    return { t, file: def.file, from: def.define.from, to: def.define.to, parent: -1, itemHead: false, define: name, outer };
  }

  /** What writes the children of a key line: the lines below it, or an action as its value. */
  private keyChildren(scope: Scope, at: At): Provider {
    const lines = scope.t.lines;
    const l = lines[at.index] as TemplateLine;
    if (l.insert) {
      const ins = l.insert;
      if (ins.kind === 'values') return { values: ins.ref, at };
      if (ins.kind === 'include') {
        const inner = this.defineScope(ins.name);
        if (inner && this.children(inner).length > 0 && !this.isSingleValuesDump(inner)) return { scope: inner };
        if (ins.args.length === 1) return { values: ins.args[0] as ValuesRef, at };
        if (inner) return { scope: inner };
      }
      return { opaque: ins, at };
    }
    if (l.value !== '' && !l.value.startsWith('#')) return { inline: true };
    const P = l.keyCol;
    let sameSeq = false;
    let seenContent = false;
    let hasItems = false;
    let childIndent = -1;
    const exclude: Block[] = [...(scope.exclude ?? [])];
    const own = new Set(l.blocks);
    let j = at.index + 1;
    for (; j < scope.to; j++) {
      const m = lines[j] as TemplateLine;
      if (this.skipped(m, scope) || exclude.some((b) => m.blocks.includes(b))) continue;
      if (m.type === 'yaml') {
        if (m.separator) break;
        if (m.indent > P) {
          if (childIndent === -1) childIndent = m.indent;
          if (m.item && m.indent === childIndent) hasItems = true;
          seenContent = true;
          continue;
        }
        if (m.indent === P && m.item && (sameSeq || !seenContent)) {
          sameSeq = true;
          hasItems = true;
          seenContent = true;
          continue;
        }
      } else if (m.type === 'action' && m.insert) {
        // A values list dumped at the key's own indentation goes on with the key's items.
        if (m.insert.indent > P || (m.insert.indent === P && hasItems && m.insert.kind === 'values')) {
          seenContent = true;
          continue;
        }
      } else continue;
      // A shallower line in a branch opened below the key whose `else` goes on with this
      // block (`if` writing another structure, `else` more of this one): skip that branch.
      const branch = m.blocks.find((b) => !own.has(b) && b.kind !== 'define' && b.kind !== 'range' && b.line > at.index);
      if (branch && seenContent && this.elseContinues(scope, j, branch, P)) {
        exclude.push(branch);
        continue;
      }
      break;
    }
    const child: Scope = {
      t: scope.t,
      file: scope.file,
      from: at.index + 1,
      to: j,
      parent: sameSeq ? P - 1 : P,
      itemHead: false,
      outer: l.blocks,
      ...(scope.define ? { define: scope.define } : {}),
    };
    if (exclude.length > 0) child.exclude = exclude;
    return { scope: child };
  }

  /** Whether a later branch of the if/with `branch` belongs to first writes a line deeper than `P`. */
  private elseContinues(scope: Scope, from: number, branch: Block, P: number): boolean {
    const lines = scope.t.lines;
    for (let j = from + 1; j < scope.to; j++) {
      const m = lines[j] as TemplateLine;
      const b = m.blocks.find((x) => x.line === branch.line && x.kind === branch.kind);
      if (!b) {
        if (!m.blocks.includes(branch) && m.type !== 'blank' && m.type !== 'comment' && m.type !== 'action') return false;
        continue;
      }
      if (b.branch === branch.branch) continue;
      if (m.type === 'yaml') return m.indent > P;
      if (m.type === 'action' && m.insert) return m.insert.indent > P;
    }
    return false;
  }

  /** A define whose whole body is one `toYaml` of a computed value (a security-context renderer, say). */
  private isSingleValuesDump(scope: Scope): boolean {
    const kids = this.children(scope);
    return kids.every((i) => {
      const l = scope.t.lines[i] as TemplateLine;
      return l.type === 'action' && l.insert?.kind !== 'include';
    });
  }

  private itemScope(scope: Scope, index: number): Scope {
    const lines = scope.t.lines;
    const head = lines[index] as TemplateLine;
    const D = head.indent;
    let j = index + 1;
    for (; j < scope.to; j++) {
      const m = lines[j] as TemplateLine;
      if (this.skipped(m, scope)) continue;
      if (m.type === 'yaml') {
        if (m.separator || m.indent <= D) break;
      } else if (m.type === 'action' && m.insert && m.insert.indent <= D) break;
    }
    const item: Scope = {
      t: scope.t,
      file: scope.file,
      from: index,
      to: j,
      parent: D,
      itemHead: true,
      outer: head.blocks,
      ...(scope.define ? { define: scope.define } : {}),
    };
    if (scope.exclude) item.exclude = scope.exclude;
    return item;
  }

  /** Lines a scope does not hold: other defines', and branches set aside for another structure. */
  private skipped(l: TemplateLine, scope: Scope): boolean {
    return inDefine(l, scope.define) || scope.exclude?.some((b) => l.blocks.includes(b)) === true;
  }
}

function inDefine(l: TemplateLine, define?: string): boolean {
  for (let i = l.blocks.length - 1; i >= 0; i--) {
    const b = l.blocks[i]!;
    if (b.kind === 'define') return b.expr !== define;
  }
  return define !== undefined;
}

function afterDash(l: TemplateLine): string {
  return l.shape.slice(l.item ? l.keyCol : l.indent);
}

function formatPath(p: JsonPath): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || 'the document';
}
