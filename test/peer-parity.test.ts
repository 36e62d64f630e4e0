/**
 * docs/peer-parity.md maps every built-in check of Polaris, kube-score and
 * kube-linter to kubecomply rules or to a deliberate reason. This keeps the
 * table true: every rule it names exists, each tool has its documented
 * number of checks, and the share of rows covered or deliberately left out
 * stays at or above 95%.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from '../packages/cli/src/command-line/plugins.js';

const root = path.resolve(import.meta.dirname, '..');
const STATUSES = ['covered', 'partly', 'deliberate', 'gap'] as const;
const REASONS = ['stricter', 'live-cluster', 'contradicts', 'convention', 'not-kubernetes', 'elsewhere'];
const EXPECTED_COUNTS = { Polaris: 44, 'kube-score': 39, 'kube-linter': 63 };

interface Row {
  line: number;
  tool: string;
  check: string;
  what: string;
  status: string;
  rules: string[];
  notes: string;
}

function rows(): Row[] {
  const lines = readFileSync(path.join(root, 'docs/peer-parity.md'), 'utf8').split('\n');
  const out: Row[] = [];
  lines.forEach((text, i) => {
    if (!/^\| (Polaris|kube-score|kube-linter) \|/.test(text)) return;
    const cells = text
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    expect(cells, `line ${i + 1} has six cells`).toHaveLength(6);
    const [tool, check, what, status, rules, notes] = cells as [string, string, string, string, string, string];
    out.push({ line: i + 1, tool, check, what, status, rules: rules === '' ? [] : rules.split(',').map((r) => r.trim()), notes });
  });
  return out;
}

describe('docs/peer-parity.md', () => {
  const table = rows();
  const ruleIds = new Set(BUILTIN_PLUGINS.flatMap((p) => p.rules.map((r) => r.id)));

  it('has one row per built-in check of each tool (146 in all), none twice', () => {
    const counts = Object.fromEntries(Object.keys(EXPECTED_COUNTS).map((tool) => [tool, table.filter((r) => r.tool === tool).length]));
    expect(counts).toEqual(EXPECTED_COUNTS);
    expect(table).toHaveLength(146);
    const keys = table.map((r) => `${r.tool} ${r.check}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names only rules that exist', () => {
    const unknown = table.flatMap((r) => r.rules.filter((id) => !ruleIds.has(id)).map((id) => `line ${r.line}: ${r.tool} ${r.check} names ${id}`));
    expect(unknown).toEqual([]);
  });

  it('gives every row a known status, rules where it claims coverage and a reason where it claims none', () => {
    const problems: string[] = [];
    for (const r of table) {
      if (!(STATUSES as readonly string[]).includes(r.status)) problems.push(`line ${r.line}: status "${r.status}"`);
      if (r.what === '') problems.push(`line ${r.line}: says nothing about what ${r.check} checks`);
      if ((r.status === 'covered' || r.status === 'partly') && r.rules.length === 0) problems.push(`line ${r.line}: ${r.status} without a rule`);
      if (r.status === 'partly' && r.notes === '') problems.push(`line ${r.line}: partly, without saying what is left out`);
      if (r.status === 'deliberate' && !REASONS.some((reason) => r.notes.startsWith(`${reason}:`)))
        problems.push(`line ${r.line}: deliberate without a reason of a known kind`);
      if (r.status === 'deliberate' && r.notes.startsWith('stricter:') && r.rules.length === 0)
        problems.push(`line ${r.line}: stricter without naming the rule`);
    }
    expect(problems).toEqual([]);
  });

  it('covers or deliberately leaves out at least 95% of the checks', () => {
    const accounted = table.filter((r) => r.status !== 'gap').length;
    const share = accounted / table.length;
    console.log(
      `peer parity: ${table.filter((r) => r.status === 'covered').length} covered, ${table.filter((r) => r.status === 'partly').length} partly, ` +
        `${table.filter((r) => r.status === 'deliberate').length} deliberate, ${table.length - accounted} gap(s): ${(share * 100).toFixed(1)}% of ${table.length}`,
    );
    expect(share).toBeGreaterThanOrEqual(0.95);
  });
});
