/**
 * Helm mapping on five real charts with the output they were rendered to
 * (../shared/corpus/helm; provenance in each pair's README.md). Every finding
 * of every rule on the rendered files is checked against
 * test/helm/mapping-table.tsv: the template file and line it is mapped to,
 * how (exact, a missing key, an enclosing block, not from the chart) and the
 * values keys named.
 *
 * The table was first written from the mapper's output and then reviewed
 * location by location against the templates (docs/helm.md, "How the table
 * was reviewed"). A change that moves a row must update the table
 * (`UPDATE_HELM_TABLE=1 npx vitest run test/helm-corpus.test.ts`), and its
 * reviewer reads the diff against the templates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATTERS, HelmMapper, Linter, type Finding, type LintResult } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import { sarifErrors } from '../packages/core/test/support/formats.js';
import { HAS_CORPUS, corpusPath } from './support/corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = corpusPath('helm');
const TABLE = path.join(repoRoot, 'test/helm/mapping-table.tsv');
const PAIRS = ['argo-cd-redis-ha', 'calico', 'contiv-vpp', 'ingress-nginx', 'opentelemetry-target-allocator'];
const COLUMNS = ['pair', 'rendered_file', 'rendered_line', 'rule', 'path', 'template_file', 'template_line', 'kind', 'values_keys', 'note'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** The values files each rendered file was made with, from the pair's INDEX.tsv. */
function valuesFiles(pairDir: string): { file: string; rendered: string[] }[] {
  const out: { file: string; rendered: string[] }[] = [];
  const lines = readFileSync(path.join(pairDir, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1);
  const seen = new Set<string>();
  for (const line of lines) {
    const cols = line.split('\t');
    const rendered = cols[0] as string;
    const values = cols[11] ?? '';
    if (values === '' || values.startsWith('inline')) continue;
    for (const file of values.split(',').map((v) => v.trim())) {
      const key = `${rendered}=${file}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: path.join(pairDir, file), rendered: [path.join(pairDir, rendered)] });
    }
  }
  return out;
}

function lintPair(pair: string, merge: boolean): LintResult {
  const dir = path.join(corpus, pair);
  const helm = new HelmMapper({ roots: [dir], values: valuesFiles(dir) });
  return new Linter({ plugins: [rulesCis, rulesPci], cwd: dir, helm, helmMerge: merge }).lintPaths([path.join(dir, 'rendered')]);
}

function kindOf(f: Finding): string {
  if (!f.helm || f.helm.mapping === undefined || f.helm.mapping === 'unmapped') return 'none';
  if (f.helm.mapping === 'block') return 'block';
  return f.pathFound ? 'exact' : 'exact-absent';
}

function noteOf(f: Finding): string {
  const h = f.helm;
  if (!h) return 'document not produced by the chart (no # Source: header)';
  if (h.mapping === 'unmapped' || h.mapping === 'block') return h.reason ?? '';
  if (f.pathFound) return '';
  return h.absent
    ? 'key missing from the output: the line that would write it, under a condition or from values'
    : 'key missing from the output and the chart has no line for it: its nearest existing ancestor, as for plain manifests';
}

function rowOf(pair: string, f: Finding): Row {
  const rendered = f.helm?.rendered ?? { file: f.file, range: f.range };
  const mapped = f.helm?.rendered !== undefined;
  return {
    pair,
    rendered_file: rendered.file,
    rendered_line: String(rendered.range.start.line),
    rule: f.ruleId,
    path: f.path.join('.'),
    template_file: mapped ? f.file : '',
    template_line: mapped ? String(f.range.start.line) : '',
    kind: kindOf(f),
    values_keys: (f.helm?.values ?? []).map((v) => v.key).join(','),
    note: noteOf(f),
  };
}

const keyOf = (r: Row) => [r.pair, r.rendered_file, r.rendered_line, r.rule, r.path].join('\t');

/** Keys made unique by their occurrence: a rule may report twice on one field (two missing flags of one argument). */
function keyed(rows: readonly Row[]): Map<string, Row> {
  const seen = new Map<string, number>();
  const out = new Map<string, Row>();
  for (const r of rows) {
    const k = keyOf(r);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out.set(`${k}#${n}`, r);
  }
  return out;
}

function readTable(): Row[] {
  return readFileSync(TABLE, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .slice(1)
    .map((l) => {
      const cols = l.split('\t');
      return Object.fromEntries(COLUMNS.map((c, i) => [c, cols[i] ?? ''])) as Row;
    });
}

const HEADER = `# Helm mapping of every finding on ../shared/corpus/helm/*/rendered (test/helm-corpus.test.ts).
# kind: exact = the template line that writes the offending key; exact-absent = the key is missing and the
# line is the one that would write it, or its nearest existing ancestor (note says which); block = an
# enclosing line (note says why); none = the document does not come from the chart.
`;

describe.runIf(HAS_CORPUS)('Helm mapping on the five corpus charts', () => {
  const results = new Map<string, LintResult>();
  let rows: Row[] = [];
  beforeAll(() => {
    for (const p of PAIRS) results.set(p, lintPair(p, false));
    rows = PAIRS.flatMap((p) => (results.get(p) as LintResult).findings.map((f) => rowOf(p, f)));
    if (process.env['UPDATE_HELM_TABLE']) {
      writeFileSync(TABLE, HEADER + [COLUMNS.join('\t'), ...rows.map((r) => COLUMNS.map((c) => r[c]).join('\t'))].join('\n') + '\n');
    }
  });

  it('maps every finding as the reviewed table says: template line, kind and values keys', () => {
    const expected = keyed(readTable());
    const got = keyed(rows);
    expect(got.size).toBe(rows.length);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    const wrong = [...got].filter(([k, r]) => JSON.stringify(r) !== JSON.stringify(expected.get(k)));
    expect(wrong.map(([k, r]) => ({ got: r, table: expected.get(k) }))).toEqual([]);
  });

  it('maps at least 95% of the findings of chart documents to their exact line; every other row says why', () => {
    const table = readTable().filter((r) => r.kind !== 'none');
    const exact = table.filter((r) => r.kind === 'exact' || r.kind === 'exact-absent');
    expect(exact.length / table.length).toBeGreaterThanOrEqual(0.95);
    for (const r of readTable()) if (r.kind !== 'exact') expect(r.note, keyOf(r)).not.toBe('');
    // Only documents without a `# Source:` header are left on the rendered file.
    for (const r of readTable().filter((x) => x.kind === 'none')) expect(r.note).toMatch(/not produced by the chart/);
  });

  it('points every mapped finding at a file of the chart that exists, on a line it has', () => {
    for (const r of readTable().filter((x) => x.template_file !== '')) {
      expect(r.template_file, keyOf(r)).toMatch(/^chart\/(.+\/)?templates\//);
      const lines = readFileSync(path.join(corpus, r.pair, r.template_file), 'utf8').split('\n');
      expect(Number(r.template_line), keyOf(r)).toBeLessThanOrEqual(lines.length);
      expect((lines[Number(r.template_line) - 1] ?? '').trim(), keyOf(r)).not.toBe('');
    }
  });

  it('gives SARIF that validates, with template files as primary locations and the rendered place related', () => {
    for (const pair of ['argo-cd-redis-ha', 'opentelemetry-target-allocator']) {
      const result = results.get(pair) as LintResult;
      const log = JSON.parse(FORMATTERS.sarif(result, { color: false, tool: { name: 'kubecomply', version: '1.0.0' } }));
      expect(sarifErrors(log)).toBe('');
      const sarifResults = log.runs[0].results as { locations: any[]; relatedLocations?: any[] }[];
      expect(sarifResults.length).toBe(result.findings.length);
      for (const r of sarifResults) {
        expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^chart\/(charts\/redis-ha\/)?templates\//);
        expect(r.relatedLocations?.some((l) => /^rendered\//.test(l.physicalLocation.artifactLocation.uri))).toBe(true);
      }
    }
  });

  it('merges the renders of one chart: each template location once, naming every render and its values files', () => {
    for (const pair of ['calico', 'opentelemetry-target-allocator', 'contiv-vpp']) {
      const merged = lintPair(pair, true).findings;
      const separate = (results.get(pair) as LintResult).findings;
      const loc = (f: Finding) => `${f.ruleId} ${f.file}:${f.range.start.line}:${f.range.start.column} ${f.path.join('.')}`;
      // Within one rendered file a location can recur (several documents from one range); across files it is merged.
      const perFile = new Map<string, number>();
      for (const f of separate) {
        const k = `${loc(f)}\0${f.helm?.rendered?.file}`;
        perFile.set(k, (perFile.get(k) ?? 0) + 1);
      }
      const most = new Map<string, number>();
      for (const [k, n] of perFile) most.set(k.split('\0')[0] as string, Math.max(most.get(k.split('\0')[0] as string) ?? 0, n));
      const mergedCount = new Map<string, number>();
      for (const f of merged) mergedCount.set(loc(f), (mergedCount.get(loc(f)) ?? 0) + 1);
      expect(mergedCount).toEqual(most);
      const renders = merged.flatMap(
        (f) => f.helm?.renders ?? [{ file: f.helm?.rendered?.file, range: f.helm?.rendered?.range, valuesFiles: f.helm?.valuesFiles ?? [] }],
      );
      expect(renders.length).toBe(separate.length);
      for (const f of merged.filter((x) => x.helm?.renders)) {
        expect(new Set(f.helm!.renders!.map((r) => r.file)).size).toBe(f.helm!.renders!.length);
        expect(f.helm!.valuesFiles!.length).toBeGreaterThan(0);
      }
    }
  });
});
