import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonPath } from '../base/types.js';
import type { Finding, HelmInfo, Range, RelatedLocation, Severity } from '../base/types.js';
import type { HelmMapper, TemplateMapping } from './map.js';

type Partial = Omit<Finding, 'ruleId' | 'severity' | 'controls' | 'remediation'>;

/** Related locations kept on a merged finding (the engine keeps 20 on any finding). */
const MAX_RELATED_MERGED = 40;

const RELEASE_NAMESPACE = /\.Release\.Namespace|\bnamespace\b/i;

function display(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, file);
  return (rel === '' ? file : rel).split(path.sep).join('/');
}

/**
 * Moves a finding of a Helm-rendered document onto its template line: the
 * template becomes the primary location, the rendered place a related one,
 * values keys are named with where values files set them. Returns null for
 * a finding that is an artefact of `helm template` (docs/helm.md), and a
 * severity for one that should be reported lower.
 */
export function helmFinding(
  mapper: HelmMapper,
  partial: Partial,
  template: string,
  text: string,
  baseDir: string,
  annotations: Readonly<Record<string, string>> | undefined,
  absolute: (file: string) => string,
): { severity?: Severity } | null {
  const renderedFile = absolute(partial.file);
  let result: ReturnType<HelmMapper['map']>;
  try {
    result = mapper.map({ template, renderedFile, text, path: partial.path });
  } catch (err) {
    // A template this reader trips over must not cost the finding: it stays on the rendered file.
    result = { unmapped: `the template could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  const out: { severity?: Severity } = {};
  const hook = annotations?.['helm.sh/hook'];
  if ('unmapped' in result) {
    // The same for every finding of a document whose chart is not at hand: made once and shared, as findings share their resource.
    partial.helm = unmappedInfo(mapper, template, hook, renderedFile, result.unmapped, baseDir);
    return out;
  }
  const helm: HelmInfo = { template };
  if (hook) helm.hook = hook;
  const valuesFiles = mapper.valuesFor(renderedFile).map((f) => display(f, baseDir));
  if (valuesFiles.length > 0) helm.valuesFiles = valuesFiles;
  if (isReleaseNamespaceArtefact(partial.path, text, result)) return null;
  helm.chart = result.chart.name;
  helm.mapping = result.mapping;
  if (result.reason) helm.reason = result.reason;
  if (result.absent) helm.absent = true;
  helm.rendered = { file: partial.file, range: partial.range };
  if (result.values.length > 0) {
    helm.values = result.values.map((v) => ({
      key: v.key,
      locations: v.locations.map((l) => ({ file: display(l.file, baseDir), line: l.line, column: l.column, defaults: l.defaults })),
    }));
  }
  const line = lineText(result);
  if (line !== undefined && /\blookup\b/.test(line)) helm.lookup = true;
  // Test pods run only on `helm test` and are gone after it.
  if (hook && /(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(hook)) out.severity = 'info';

  const related: RelatedLocation[] = [{ message: 'Rendered output', file: partial.file, range: partial.range, path: partial.path }];
  for (const v of helm.values ?? []) {
    for (const l of v.locations) {
      related.push({
        message: `Values key ${v.key} (${l.defaults ? "the chart's default" : 'set by this values file'})`,
        file: l.file,
        range: { start: { line: l.line, column: l.column }, end: { line: l.line, column: l.column + lastSegment(v.key).length } },
        path: partial.path,
      });
    }
  }
  partial.related = [...related, ...(partial.related ?? [])];
  partial.file = display(result.file, baseDir);
  partial.range = { start: { line: result.line, column: result.column }, end: { line: result.line, column: result.endColumn } };
  partial.helm = helm;
  return out;
}

interface UnmappedKey {
  template: string;
  hook: string | undefined;
  renderedFile: string;
  reason: string;
  baseDir: string;
}

/**
 * Shared `helm` objects of unmapped findings, per mapper, by what they hold;
 * and the last one handed out, as findings come document by document and
 * most are the same as the one before.
 */
const unmappedShared = new WeakMap<HelmMapper, { table: Map<string, HelmInfo>; last?: UnmappedKey & { helm: HelmInfo } }>();

function unmappedInfo(mapper: HelmMapper, template: string, hook: string | undefined, renderedFile: string, reason: string, baseDir: string): HelmInfo {
  let state = unmappedShared.get(mapper);
  if (!state) unmappedShared.set(mapper, (state = { table: new Map() }));
  const last = state.last;
  if (last && last.template === template && last.hook === hook && last.renderedFile === renderedFile && last.reason === reason && last.baseDir === baseDir) {
    return last.helm;
  }
  const key = `${template}\0${hook ?? ''}\0${renderedFile}\0${reason}\0${baseDir}`;
  let helm = state.table.get(key);
  if (!helm) {
    // Fields in the order the per-finding object had them, so reports keep their bytes.
    helm = { template };
    if (hook) helm.hook = hook;
    const valuesFiles = mapper.valuesFor(renderedFile).map((f) => display(f, baseDir));
    if (valuesFiles.length > 0) helm.valuesFiles = valuesFiles;
    helm.mapping = 'unmapped';
    helm.reason = reason;
    // A bounded table: a run over many charts' output keeps the most recent.
    if (state.table.size >= 1024) state.table.clear();
    state.table.set(key, helm);
  }
  state.last = { template, hook, renderedFile, reason, baseDir, helm };
  return helm;
}

function lastSegment(key: string): string {
  const m = /(?:\.|\[")?([^.[\]"]+)"?\]?$/.exec(key);
  return m?.[1] ?? key;
}

const lineCache = new Map<string, string[]>();

function lineText(m: TemplateMapping): string | undefined {
  let lines = lineCache.get(m.file);
  if (!lines) {
    const text = readFile(m.file);
    if (text === undefined) return undefined;
    lines = text.split('\n');
    if (lineCache.size > 64) lineCache.clear();
    lineCache.set(m.file, lines);
  }
  return lines[m.line - 1];
}

function readFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * `helm template` without `--namespace` writes the release namespace as
 * `default`; a chart that takes its namespace from the release does not
 * choose it, so a finding about that namespace is about the install command.
 */
function isReleaseNamespaceArtefact(p: JsonPath, text: string, m: TemplateMapping): boolean {
  if (!(p.length === 2 && p[0] === 'metadata' && p[1] === 'namespace')) return false;
  const ns = /^ {2}namespace:[ \t]*["']?([^"'\s#]*)/m.exec(text)?.[1];
  if (ns !== undefined && ns !== 'default' && ns !== '') return false;
  // No namespace written: Helm installs the object into the release's namespace.
  if (ns === undefined || ns === '' || m.absent) return true;
  const line = lineText(m) ?? '';
  // The namespace line reads the release's namespace, directly or through a helper named for it.
  return RELEASE_NAMESPACE.test(line.replace(/^\s*namespace:/, ''));
}

function renderOf(f: Finding): { file: string; range: Range } {
  return f.helm?.rendered ?? { file: f.file, range: f.range };
}

function mergeKey(f: Finding): string | undefined {
  if (!f.helm?.rendered || f.helm.mapping === 'unmapped') return undefined;
  return JSON.stringify([f.ruleId, f.file, f.range.start.line, f.range.start.column, f.path]);
}

/**
 * Findings of several renders of one chart, one per template location: the
 * same rule on the same template line and JSON path, seen in different
 * rendered files, is one finding that lists every render (`helm.renders`).
 * Within one rendered file, findings at one location (a `range` writing
 * three Services) stay apart.
 */
export function mergeRenders(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[][]>();
  const out: Finding[] = [];
  const slots = new Map<Finding, { key: string; n: number }>();
  for (const f of findings) {
    const key = mergeKey(f);
    if (key === undefined) continue;
    let byFile = groups.get(key);
    if (!byFile) groups.set(key, (byFile = []));
    const file = renderOf(f).file;
    // The n-th finding at this location in its rendered file joins the n-th merged finding.
    const n = countBefore(byFile, file);
    while (byFile.length <= n) byFile.push([]);
    (byFile[n] as Finding[]).push(f);
    slots.set(f, { key, n });
  }
  const emitted = new Set<string>();
  for (const f of findings) {
    const slot = slots.get(f);
    if (!slot) {
      out.push(f);
      continue;
    }
    const id = `${slot.key}#${slot.n}`;
    if (emitted.has(id)) continue;
    emitted.add(id);
    const members = (groups.get(slot.key) as Finding[][])[slot.n] as Finding[];
    const files = new Set(members.map((m) => renderOf(m).file));
    if (files.size < 2) {
      out.push(...members);
      continue;
    }
    const helm = { ...(f.helm as HelmInfo) };
    helm.renders = members.map((m) => ({
      file: renderOf(m).file,
      range: renderOf(m).range,
      valuesFiles: m.helm?.valuesFiles ?? [],
      ...(m.resource ? { resource: m.resource } : {}),
    }));
    const values = [...new Set(members.flatMap((m) => m.helm?.valuesFiles ?? []))];
    if (values.length > 0) helm.valuesFiles = values;
    else delete helm.valuesFiles;
    // Every render's place is a related location too (SARIF readers show those, not `helm.renders`).
    const others: RelatedLocation[] = members.slice(1).map((m) => ({
      message: `Rendered output${m.helm?.valuesFiles ? ` (${m.helm.valuesFiles.join(', ')})` : ''}`,
      file: renderOf(m).file,
      range: renderOf(m).range,
      path: m.path,
      ...(m.resource ? { resource: m.resource } : {}),
    }));
    const related = [...(f.related ?? []), ...others].slice(0, MAX_RELATED_MERGED);
    out.push({ ...f, helm, related });
  }
  return out;
}

function countBefore(byFile: Finding[][], file: string): number {
  let n = 0;
  while (n < byFile.length && (byFile[n] as Finding[]).some((m) => renderOf(m).file === file)) n++;
  return n;
}
