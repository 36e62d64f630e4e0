/**
 * One rule lists at most MAX_FINDINGS_PER_RULE findings for one resource;
 * one more finding, at the resource, gives the count of the rest. The ones
 * listed keep their exact positions, the output stays deterministic, and
 * other rules and resources are not affected.
 */
import { describe, expect, it } from 'vitest';
import { definePlugin, defineRule, FORMATTERS, lint as lintRequest, Linter, type Finding, type LintResult, type Severity } from '@kubecomply/core';

const CAP = 100;

/** A ConfigMap with `n` data keys, key i on line 5 + i. */
const configMap = (name: string, n: number, annotations = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}${annotations}\ndata:\n${Array.from({ length: n }, (_, i) => `  k${i}: v${i}\n`).join('')}`;

/** Reports every data key; `severityOf` may give a finding its own severity. */
const everyKey = (severityOf?: (i: number) => Severity | undefined) =>
  definePlugin({
    name: 'keys',
    frameworks: [],
    rules: [
      defineRule({
        id: 'every-key',
        description: 'Reports each data key.',
        remediation: 'None.',
        severity: 'warning',
        appliesTo: ['ConfigMap'],
        check(resource, ctx) {
          const keys = Object.keys((resource.object as { data?: object }).data ?? {});
          keys.forEach((k, i) => {
            const severity = severityOf?.(i);
            ctx.report({ path: ['data', k], message: `key ${k}`, ...(severity ? { severity } : {}) });
          });
        },
      }),
      defineRule({
        id: 'every-key-set',
        scope: 'set',
        description: 'Reports each data key, over the whole set.',
        remediation: 'None.',
        severity: 'info',
        kinds: ['ConfigMap'],
        check(set, ctx) {
          for (const r of set.ofKind('ConfigMap')) {
            for (const k of Object.keys((r.object as { data?: object }).data ?? {})) ctx.report({ resource: r, path: ['data', k], message: `set ${k}` });
          }
        },
      }),
    ],
  });

const lint = (text: string, severityOf?: (i: number) => Severity | undefined): LintResult =>
  new Linter({ plugins: [everyKey(severityOf)], rules: ['every-key', 'every-key-set'] }).lintText(text, 'cm.yaml');
const of = (r: LintResult, ruleId: string, name?: string) => r.findings.filter((f) => f.ruleId === ruleId && (!name || f.resource?.name === name));
const listed = (fs: Finding[]) => fs.filter((f) => f.omitted === undefined);

describe('findings per rule and resource', () => {
  it('lists every finding up to the cap, with no count', () => {
    const r = lint(configMap('c', CAP));
    expect(of(r, 'every-key')).toHaveLength(CAP);
    expect(of(r, 'every-key').some((f) => f.omitted !== undefined)).toBe(false);
  });

  it('past the cap lists the first ones at their own lines and one finding at the resource with the count of the rest', () => {
    const r = lint(configMap('c', 40_000));
    const found = of(r, 'every-key');
    expect(found).toHaveLength(CAP + 1);
    expect(listed(found).map((f) => f.range.start.line)).toEqual(Array.from({ length: CAP }, (_, i) => 6 + i));
    const rest = found.filter((f) => f.omitted !== undefined);
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ omitted: 39_900, severity: 'warning', path: [], pathFound: true, range: { start: { line: 1, column: 1 } } });
    expect(rest[0]?.message).toBe('39,900 more every-key findings on ConfigMap/c are not listed: a rule lists at most 100 per resource.');
  });

  it('caps whole-set rules per resource the same way', () => {
    const r = lint(`${configMap('a', CAP + 1)}---\n${configMap('b', 3)}`);
    expect(listed(of(r, 'every-key-set', 'a'))).toHaveLength(CAP);
    expect(of(r, 'every-key-set', 'a').find((f) => f.omitted !== undefined)).toMatchObject({ omitted: 1, severity: 'info' });
    expect(of(r, 'every-key-set', 'b')).toHaveLength(3);
    expect(of(r, 'every-key', 'b')).toHaveLength(3);
  });

  it('gives the count the most severe severity among the findings it stands for', () => {
    const r = lint(configMap('c', 300), (i) => (i === 250 ? 'error' : 'info'));
    expect(of(r, 'every-key').find((f) => f.omitted !== undefined)).toMatchObject({ omitted: 200, severity: 'error' });
    // The rule's own severity (warning) counts for those that had no severity of their own.
    const mixed = lint(configMap('c', 300), (i) => (i % 2 ? 'info' : undefined));
    expect(of(mixed, 'every-key').find((f) => f.omitted !== undefined)).toMatchObject({ omitted: 200, severity: 'warning' });
    const low = lint(configMap('c', 300), () => 'info');
    expect(of(low, 'every-key').find((f) => f.omitted !== undefined)).toMatchObject({ omitted: 200, severity: 'info' });
  });

  it('is suppressed with the rule: an annotation on the resource silences the count too', () => {
    const text = configMap('c', 150, '\n  annotations:\n    ignore.kubecomply.io/every-key: "generated test data"');
    const r = lintRequest({ plugins: [everyKey()], rules: ['every-key'], sources: [{ file: 'cm.yaml', text }], config: false });
    const found = of(r, 'every-key');
    expect(found).toHaveLength(CAP + 1);
    expect(found.every((f) => f.suppression?.reason === 'generated test data')).toBe(true);
  });

  it('puts the count in the JSON report as "omitted", and the output is the same every time', () => {
    const text = configMap('c', 500);
    const format = () => FORMATTERS.json(lint(text), { color: false, tool: { name: 'kubecomply', version: '0' } });
    const json = format();
    expect(json).toContain('"omitted":400');
    expect(format()).toBe(json);
  });
});
