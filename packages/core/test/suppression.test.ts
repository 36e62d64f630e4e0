import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import { Linter, NOW_ENV, definePlugin, defineFramework, parseConfig, type Finding, type LintResult, type Plugin } from '../src/index.js';
import { json } from '../src/formatters/json.js';
import { stylish } from '../src/formatters/stylish.js';
import { parseSuppressionAnnotation } from '../src/policy/annotations.js';
import { GovernancePolicy } from '../src/policy/governance.js';
import { resolveToday } from '../src/policy/today.js';
import { jsonReport } from '../../../test/support/cli.js';

const cwd = path.resolve('/repo');
const tool = { name: 'kubecomply', version: '0.0.0-test' };

/** A framework that marks privileged-container unsuppressible by annotation. */
const strict: Plugin = definePlugin({
  name: 'strict-test',
  rules: [],
  frameworks: [
    defineFramework({
      id: 'strict',
      version: '1',
      title: 'Strict test framework',
      controls: [{ id: 'S1', title: 'No privileged containers, ever', rules: ['privileged-container'] }],
      unsuppressible: ['privileged-container'],
    }),
  ],
});

const RULES = ['host-pid', 'host-network', 'host-ipc', 'privileged-container'];

/** A DaemonSet with host namespaces and a privileged container, and the given annotation lines. */
function daemonSet(annotations: string[], name = 'node-exporter'): string {
  const block = annotations.length > 0 ? `  annotations:\n${annotations.map((a) => `    ${a}`).join('\n')}\n` : '';
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: monitoring
${block}spec:
  selector: { matchLabels: { app: ne } }
  template:
    metadata: { labels: { app: ne } }
    spec:
      hostPID: true
      hostNetwork: true
      hostIPC: true
      containers:
        - name: ne
          image: ne
          securityContext: { privileged: true }
`;
}

interface RunOptions {
  config?: string;
  today?: string;
  frameworks?: string[];
}

/** Lints one manifest as the command does, and returns the findings as the JSON report has them. */
function run(text: string, options: RunOptions = {}): { result: LintResult; findings: Finding[]; summary: Record<string, number> } {
  const plugins = [rulesCis, strict];
  const config = options.config === undefined ? undefined : parseConfig(options.config, { file: path.join(cwd, '.kubecomply.yaml'), cwd });
  const policy = new GovernancePolicy({
    ...(config ? { config } : {}),
    frameworks: plugins.flatMap((p) => p.frameworks),
    cwd,
    today: options.today ?? '2026-11-27',
    knownRules: new Set([...rulesCis.rules.map((r) => r.id), 'parse-error', 'suppression-invalid']),
  });
  const linter = new Linter({ plugins, rules: RULES, cwd, policy, ...(options.frameworks ? { frameworks: options.frameworks } : {}) });
  const result = policy.finish(linter.lintText(text, 'monitoring/node-exporter.yaml'));
  const report = jsonReport(json(result, { color: false, tool }));
  // The report gives controls and remediation once per rule; join them back for the assertions.
  const findings = report.findings.map((f) => {
    const rule = report.rules[f.ruleId];
    return { ...f, controls: rule?.controls ?? [], remediation: rule?.remediation ?? '' } as Finding;
  });
  return { result, findings, summary: report.summary };
}

const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const one = (findings: Finding[], ruleId: string): Finding => {
  const found = byRule(findings, ruleId);
  expect(found, ruleId).toHaveLength(1);
  return found[0] as Finding;
};

describe('annotation suppressions', () => {
  it('suppress with a reason; the finding stays in the JSON report, out of the counts', () => {
    const { findings, summary } = run(daemonSet(['ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics"']));
    expect(one(findings, 'host-pid').suppression).toEqual({ reason: 'node-exporter reads host process metrics', source: 'annotation' });
    expect(one(findings, 'host-network').suppression).toBeUndefined();
    expect(summary).toMatchObject({ findings: 4, errors: 3, suppressed: 1 });
  });

  it('need a reason: an empty one suppresses nothing and is reported where it is written', () => {
    for (const value of ['""', '"   "', '', '"; expires=2026-12-31"']) {
      const { findings } = run(daemonSet([`ignore.kubecomply.io/host-pid: ${value}`]));
      const pid = one(findings, 'host-pid');
      expect(pid.suppression, value).toBeUndefined();
      expect(pid.message).toMatch(/\[annotation ignore\.kubecomply\.io\/host-pid gives no reason, so it does not suppress this\]$/);
      const invalid = one(findings, 'suppression-invalid');
      expect(invalid).toMatchObject({
        severity: 'warning',
        message: 'Annotation ignore.kubecomply.io/host-pid gives no reason, so it suppresses nothing.',
        resource: { kind: 'DaemonSet', name: 'node-exporter', namespace: 'monitoring' },
        range: { start: { line: 7, column: 5 } },
        path: ['metadata', 'annotations', 'ignore.kubecomply.io/host-pid'],
        pathFound: true,
      });
      expect(invalid.remediation).toMatch(/ignore\.kubecomply\.io\/host-pid: "/);
    }
  });

  it('report a malformed expiry date or an unknown rule id', () => {
    const { findings } = run(daemonSet(['ignore.kubecomply.io/host-pid: "metrics; expires=31.12.2026"', 'ignore.kubecomply.io/host-ipcc: "typo"']));
    expect(byRule(findings, 'suppression-invalid').map((f) => `${f.range.start.line} ${f.message}`)).toEqual([
      '7 Annotation ignore.kubecomply.io/host-pid has expires=31.12.2026, which is not a date written YYYY-MM-DD, so it suppresses nothing.',
      '8 Annotation ignore.kubecomply.io/host-ipcc names no known rule (did you mean host-ipc?), so it suppresses nothing.',
    ]);
    expect(one(findings, 'host-pid').suppression).toBeUndefined();
  });

  it('stop suppressing after their expiry date, and the message says when it expired', () => {
    const text = daemonSet(['ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics; expires=2026-12-31"']);
    const before = one(run(text, { today: '2026-12-31' }).findings, 'host-pid');
    expect(before.suppression).toEqual({ reason: 'node-exporter reads host process metrics', expires: '2026-12-31', source: 'annotation' });
    const after = run(text, { today: '2027-01-01' });
    const pid = one(after.findings, 'host-pid');
    expect(pid.suppression).toBeUndefined();
    expect(pid.message).toBe(
      'The pod sets hostPID: true; it can see and signal every process on the node. [the suppression by annotation ignore.kubecomply.io/host-pid expired on 2026-12-31]',
    );
    expect(after.summary).toMatchObject({ errors: 4, suppressed: 0 });
    expect(byRule(after.findings, 'suppression-invalid')).toEqual([]);
  });

  it('cannot suppress a rule that an applied framework marks unsuppressible; the finding says why', () => {
    const text = daemonSet(['ignore.kubecomply.io/privileged-container: "we really need it"']);
    const refused = one(run(text).findings, 'privileged-container');
    expect(refused.suppression).toBeUndefined();
    expect(refused.message).toMatch(/\[not suppressed: strict does not allow an annotation to suppress privileged-container\]$/);
    // Without that framework in the run, the annotation works.
    const allowed = one(run(text, { frameworks: ['pss-baseline'] }).findings, 'privileged-container');
    expect(allowed.suppression).toEqual({ reason: 'we really need it', source: 'annotation' });
  });
});

describe('config suppressions', () => {
  const entry = (fields: string) =>
    `suppressions:\n  - rule: host-network\n    resources: [{ kind: DaemonSet, namespace: monitoring, name: "node-*" }]\n${fields}`;

  it('match by rule and resource globs, or by file globs relative to the config', () => {
    const { findings } = run(daemonSet([]), { config: entry('    reason: exporter needs the host network\n') });
    expect(one(findings, 'host-network').suppression).toEqual({ reason: 'exporter needs the host network', source: 'config' });
    expect(one(findings, 'host-pid').suppression).toBeUndefined();
    const other = run(daemonSet([], 'other'), { config: entry('    reason: x\n') });
    expect(one(other.findings, 'host-network').suppression).toBeUndefined();
    const byFile = run(daemonSet([]), { config: 'suppressions: [{ rule: host-ipc, files: ["monitoring/*.yaml"], reason: "audited" }]\n' });
    expect(one(byFile.findings, 'host-ipc').suppression).toEqual({ reason: 'audited', source: 'config' });
    const wrongFile = run(daemonSet([]), { config: 'suppressions: [{ rule: host-ipc, files: ["apps/**"], reason: "audited" }]\n' });
    expect(one(wrongFile.findings, 'host-ipc').suppression).toBeUndefined();
  });

  it('expire, and the message names the entry and the date', () => {
    const config = entry('    reason: exporter needs the host network\n    expires: 2026-06-30\n');
    const net = one(run(daemonSet([]), { config }).findings, 'host-network');
    expect(net.suppression).toBeUndefined();
    expect(net.message).toMatch(/\[the suppression at \.kubecomply\.yaml:2 expired on 2026-06-30\]$/);
  });

  it('of an unsuppressible rule count only with an expiry at most a year ahead', () => {
    const config = (expires: string) =>
      `suppressions:\n  - rule: privileged-container\n    resources: [{ name: node-exporter }]\n    reason: vendor fix due\n${expires}`;
    const none = one(run(daemonSet([]), { config: config('') }).findings, 'privileged-container');
    expect(none.suppression).toBeUndefined();
    expect(none.message).toMatch(
      /\[not suppressed: strict marks privileged-container unsuppressible, so the suppression at \.kubecomply\.yaml:2 needs an expires date no later than 2027-11-28\]$/,
    );
    const far = one(run(daemonSet([]), { config: config('    expires: 2027-12-31\n') }).findings, 'privileged-container');
    expect(far.suppression).toBeUndefined();
    const near = one(run(daemonSet([]), { config: config('    expires: 2027-03-31\n') }).findings, 'privileged-container');
    expect(near.suppression).toEqual({ reason: 'vendor fix due', expires: '2027-03-31', source: 'config' });
  });

  it('come after annotations: an annotation wins when both apply, the config when the annotation has lapsed', () => {
    const config = entry('    reason: from the config\n');
    const both = one(run(daemonSet(['ignore.kubecomply.io/host-network: "from the annotation"']), { config }).findings, 'host-network');
    expect(both.suppression).toEqual({ reason: 'from the annotation', source: 'annotation' });
    const lapsed = one(run(daemonSet(['ignore.kubecomply.io/host-network: "from the annotation; expires=2026-01-31"']), { config }).findings, 'host-network');
    expect(lapsed.suppression).toEqual({ reason: 'from the config', source: 'config' });
    const invalid = run(daemonSet(['ignore.kubecomply.io/host-network: ""']), { config });
    expect(one(invalid.findings, 'host-network').suppression).toEqual({ reason: 'from the config', source: 'config' });
    expect(byRule(invalid.findings, 'suppression-invalid')).toHaveLength(1);
  });

  it('can suppress suppression-invalid itself, and rules severities apply to it', () => {
    const annotations = ['ignore.kubecomply.io/host-pid: ""'];
    const quiet = run(daemonSet(annotations), { config: 'rules: { suppression-invalid: off }\n' });
    expect(byRule(quiet.findings, 'suppression-invalid')).toEqual([]);
    const loud = run(daemonSet(annotations), { config: 'rules: { suppression-invalid: error }\n' });
    expect(one(loud.findings, 'suppression-invalid').severity).toBe('error');
  });
});

describe('suppressed findings in the stylish report', () => {
  const text = daemonSet(['ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics; expires=2026-12-31"']);

  it('are counted, not listed, unless showSuppressed', () => {
    const { result } = run(text);
    const plain = stylish(result, { color: false, tool });
    expect(plain).not.toContain('host-pid');
    expect(plain).toContain('✖ 3 problems (3 errors, 0 warnings, 0 info) in 1 file, 1 resource; 1 suppressed.');
    const shown = stylish(result, { color: false, tool, showSuppressed: true });
    expect(shown).toMatch(
      /13:7 {3}error {4}DaemonSet\/node-exporter The pod sets hostPID: true;.* host-pid {2}\[suppressed by annotation until 2026-12-31: node-exporter reads host process metrics\]/,
    );
    expect(shown).toContain('✖ 3 problems');
  });

  it('alone make a clean run', () => {
    const all = daemonSet(['ignore.kubecomply.io/host-pid: "a"', 'ignore.kubecomply.io/host-network: "b"', 'ignore.kubecomply.io/host-ipc: "c"']);
    const { result } = run(all, { frameworks: ['pss-baseline'], config: 'suppressions: [{ rule: privileged-container, reason: d }]\n' });
    expect(stylish(result, { color: false, tool })).toBe('✔ No problems in 1 file, 1 resource; 4 suppressed.\n');
  });
});

describe('governance helpers', () => {
  it('parse the annotation form', () => {
    expect(parseSuppressionAnnotation('ignore.kubecomply.io/host-pid', 'a; b; expires = 2026-12-31 ')).toEqual({
      key: 'ignore.kubecomply.io/host-pid',
      ruleId: 'host-pid',
      reason: 'a; b',
      expires: '2026-12-31',
    });
    expect(parseSuppressionAnnotation('ignore.kubecomply.io/host-pid', 'expires=2026-12-31').problem).toBe('gives no reason');
  });

  it('take today from the option, then KUBECOMPLY_NOW, then the clock', () => {
    expect(resolveToday('2026-05-01', { [NOW_ENV]: '2020-01-01' })).toBe('2026-05-01');
    expect(resolveToday(undefined, { [NOW_ENV]: '2020-01-01' })).toBe('2020-01-01');
    expect(resolveToday(undefined, { [NOW_ENV]: '2020-01-01T23:30:00-02:00' })).toBe('2020-01-02');
    expect(resolveToday(new Date(Date.UTC(2024, 1, 29, 12)))).toBe('2024-02-29');
    expect(resolveToday(undefined, {})).toBe(new Date().toISOString().slice(0, 10));
    expect(() => resolveToday(undefined, { [NOW_ENV]: 'tomorrow' })).toThrow(/KUBECOMPLY_NOW must be a date/);
    expect(() => resolveToday(undefined, { [NOW_ENV]: '2026-02-30' })).toThrow(/KUBECOMPLY_NOW must be a date/);
  });

  it('refuse a framework that marks a rule unsuppressible without mapping it', () => {
    expect(() =>
      defineFramework({ id: 'x', version: '1', title: 'X', controls: [{ id: '1', title: 't', rules: ['host-pid'] }], unsuppressible: ['host-ipc'] }),
    ).toThrow(/marks rule host-ipc unsuppressible but no control lists it/);
  });
});
