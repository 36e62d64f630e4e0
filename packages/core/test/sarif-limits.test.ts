import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActiveRule, Finding, LintResult, Severity } from '../src/index.js';
import { sarif } from '../src/formatters/sarif.js';
import { SARIF_LIMITS, sarifKept, sarifOmittedMessage } from '../src/formatters/sarif-limits.js';
import { fingerprints } from '../src/policy/baseline.js';
import { SARIF_SCHEMA_PATH, sarifErrors } from './support/formats.js';
import { onLine, resultOf as resultOfRun, testFinding } from './support/results.js';

const OPTIONS = { color: false, tool: { name: 'kubecomply', version: '1.2.3' } };
const hasSchema = existsSync(SARIF_SCHEMA_PATH);

/** Finding `i` of a severity's rule, on line i + 1 of pods.yaml, about Pod ns/p<i>. */
const finding = (i: number, severity: Severity, suppressed = false): Finding =>
  testFinding({
    ruleId: `rule-${severity}`,
    severity,
    message: `Finding ${i}.`,
    resource: { apiVersion: 'v1', kind: 'Pod', name: `p${i}`, namespace: 'ns' },
    file: 'pods.yaml',
    range: onLine(i + 1, 1, 5),
    path: ['spec'],
    ...(suppressed ? { suppression: { reason: 'Accepted.', source: 'config' as const } } : {}),
  });

function rule(id: string, severity: Severity, extra: Partial<ActiveRule> = {}): ActiveRule {
  return { id, description: `Rule ${id}.`, severity, remediation: 'Fix it.', plugin: 'test', controls: [], ...extra };
}

const resultOf = (
  findings: Finding[],
  rules: ActiveRule[] = [rule('rule-error', 'error'), rule('rule-warning', 'warning'), rule('rule-info', 'info')],
): LintResult => resultOfRun(findings, { rules });

interface Log {
  runs: {
    results: { ruleId: string; level: string; message: { text: string }; suppressions?: unknown[]; partialFingerprints?: Record<string, string> }[];
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    tool: { driver: { rules: { id: string; name: string; shortDescription: { text: string }; properties: { tags: string[] } }[] } };
  }[];
}

describe('SARIF within GitHub code scanning limits', () => {
  const max = SARIF_LIMITS.resultsPerRun;

  it('keeps every result in one run up to the limit, with no notification', () => {
    const findings = Array.from({ length: max }, (_, i) => finding(i, 'info'));
    expect(sarifKept(findings)).toBeUndefined();
    expect(sarifOmittedMessage(findings.length)).toBeUndefined();
    const log = JSON.parse(sarif(resultOf(findings), OPTIONS)) as Log;
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results).toHaveLength(max);
    expect(log.runs[0]!.invocations).toBeUndefined();
  });

  it('above it, keeps the most severe in one run, in file order, and says so in the run', () => {
    // 40 over the limit: errors and warnings spread through the file, suppressed errors, and notes.
    const findings: Finding[] = [];
    for (let i = 0; i < max + 40; i++) {
      const severity: Severity = i % 1000 === 7 ? 'error' : i % 500 === 3 ? 'warning' : 'info';
      findings.push(finding(i, severity, i % 1000 === 9));
    }
    const errors = findings.filter((f) => f.severity === 'error' && !f.suppression).length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const suppressed = findings.filter((f) => f.suppression).length;
    const log = JSON.parse(sarif(resultOf(findings), OPTIONS)) as Log;
    const run = log.runs[0]!;
    expect(log.runs).toHaveLength(1);
    expect(run.results).toHaveLength(max);
    // Every error and warning is kept; the suppressed ones and the last notes are left out first.
    expect(run.results.filter((r) => r.level === 'error' && !r.suppressions)).toHaveLength(errors);
    expect(run.results.filter((r) => r.level === 'warning')).toHaveLength(warnings);
    expect(run.results.filter((r) => r.suppressions)).toHaveLength(0);
    const notes = run.results.filter((r) => r.level === 'note').length;
    expect(notes).toBe(max - errors - warnings);
    expect(findings.length - max).toBe(40);
    expect(suppressed).toBeGreaterThan(0);
    // File order is kept: the messages' numbers rise.
    const numbers = run.results.map((r) => Number(/\d+/.exec(r.message.text)![0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The notes kept are the earliest open ones.
    const keptNotes = run.results.filter((r) => r.level === 'note').map((r) => Number(/\d+/.exec(r.message.text)![0]));
    const openNotes = findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.severity === 'info' && !f.suppression)
      .map(({ i }) => i);
    expect(keptNotes).toEqual(openNotes.slice(0, notes));
    expect(run.invocations?.[0]?.toolExecutionNotifications[0]?.message.text).toBe(sarifOmittedMessage(findings.length));
    expect(sarifOmittedMessage(findings.length)).toMatch(/25,000 most severe of 25,040 findings/);
    if (hasSchema) expect(sarifErrors(log)).toBe('');
  });

  it('above it, a kept result has the fingerprint it has in the whole run: repeats are counted over every finding, dropped ones too', () => {
    // Every finding of one Pod, rule and path has the same identity: only the occurrence tells them apart.
    const findings: Finding[] = [];
    for (let i = 0; i < max + 500; i++) {
      const severity: Severity = i % 7 === 0 ? 'error' : 'info';
      const f = finding(i, severity, i % 11 === 0);
      findings.push({ ...f, resource: { apiVersion: 'v1', kind: 'Pod', name: `p${i % 3}`, namespace: 'ns' } });
    }
    const kept = sarifKept(findings) ?? expect.fail('nothing cut');
    expect(kept).toHaveLength(max);
    const whole = fingerprints(findings);
    const log = JSON.parse(sarif(resultOf(findings), OPTIONS)) as Log;
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(max);
    const dropped = new Set(findings.map((_, i) => i));
    for (const r of results) {
      const i = Number(/\d+/.exec(r.message.text)![0]);
      dropped.delete(i);
      expect(Object.values(r.partialFingerprints ?? {})).toEqual([whole[i]]);
    }
    // Findings sharing an identity with kept ones were dropped, so the counting over them mattered.
    expect([...dropped].some((i) => findings[i]!.resource!.name === 'p0')).toBe(true);
    expect(new Set(results.map((r) => Object.values(r.partialFingerprints ?? {})[0])).size).toBe(max);
  });

  it('keeps at most 100 related locations on a result', () => {
    const related = Array.from({ length: 150 }, (_, i) => ({
      file: 'other.yaml',
      range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } },
      path: [],
      message: `r${i}`,
    }));
    const log = JSON.parse(sarif(resultOf([{ ...finding(0, 'error'), related }]), OPTIONS)) as {
      runs: { results: { relatedLocations: { message: { text: string } }[] }[] }[];
    };
    const kept = log.runs[0]!.results[0]!.relatedLocations;
    expect(kept).toHaveLength(SARIF_LIMITS.relatedLocationsPerResult);
    expect(kept.at(-1)!.message.text).toBe('r99');
  });

  it('keeps rule names, short descriptions and tags within what GitHub takes', () => {
    const longId = `r${'x'.repeat(400)}`;
    const frameworks = Array.from({ length: 12 }, (_, i) => ({ framework: `fw-${String(i).padStart(2, '0')}`, version: '1', id: 'c1' }));
    const long = rule(longId, 'error', { description: 'd'.repeat(3000), controls: frameworks });
    const log = JSON.parse(sarif(resultOf([{ ...finding(0, 'error'), ruleId: longId }], [long]), OPTIONS)) as Log;
    const descriptor = log.runs[0]!.tool.driver.rules[0]!;
    expect(descriptor.id).toBe(longId);
    expect(descriptor.name.length).toBe(SARIF_LIMITS.ruleNameLength);
    expect(descriptor.shortDescription.text.length).toBe(SARIF_LIMITS.shortDescriptionLength);
    expect(descriptor.shortDescription.text.endsWith('…')).toBe(true);
    expect(descriptor.properties.tags).toEqual(['security', 'kubernetes', ...frameworks.slice(0, 8).map((f) => f.framework)]);
    if (hasSchema) expect(sarifErrors(log)).toBe('');
  });
});
