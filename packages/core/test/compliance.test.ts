import { describe, expect, it } from 'vitest';
import {
  CONTROL_STATUSES,
  complianceJson,
  complianceReport,
  complianceText,
  defineFramework,
  definePlugin,
  defineRule,
  formatScore,
  isWorkload,
  Linter,
  scoreShortfalls,
  FORMATTERS,
  type FindingPolicy,
  type FormatOptions,
  type LintResult,
} from '../src/index.js';
import { HTML_FINDINGS_PER_CONTROL, html } from '../src/formatters/html.js';
import { markdown } from '../src/formatters/markdown.js';
import { latestTagRule, privilegedRule } from './support/results.js';

const OPTIONS: FormatOptions = { color: false, tool: { name: 'kubecomply', version: '1.2.3' } };

const privileged = privilegedRule('t-privileged');
const latest = latestTagRule('t-latest');

const wildcard = defineRule({
  id: 't-wildcard',
  description: 'Roles grant no wildcard.',
  severity: 'error',
  appliesTo: ['Role', 'ClusterRole'],
  remediation: 'Name the verbs.',
  check(resource, ctx) {
    if (JSON.stringify(resource.object).includes('"*"')) ctx.report({ path: ['rules'], message: 'The role grants "*".' });
  },
});

let targetedChecks = 0;
/** Like a control-plane flag rule: only Pods that run the API server are its business. */
const apiserverFlag = defineRule({
  id: 't-apiserver-profiling',
  description: 'The API server does not serve profiling data.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Set --profiling=false.',
  targets(resource, ctx) {
    return isWorkload(resource) && ctx.containers(resource).some((c) => c.value.command?.[0] === 'kube-apiserver');
  },
  check(resource, ctx) {
    targetedChecks++;
    for (const c of ctx.containers(resource)) {
      if (!(c.value.command ?? []).includes('--profiling=false')) ctx.report({ path: [...c.path, 'command'], message: 'Profiling is on.' });
    }
  },
});

const namespaces = defineRule({
  id: 't-namespace-label',
  description: 'Namespaces carry an owner label.',
  severity: 'info',
  scope: 'set',
  kinds: ['Namespace'],
  remediation: 'Label the namespace with its owner.',
  check(set, ctx) {
    for (const ns of set.ofKind('Namespace'))
      if (!ns.labels['owner']) ctx.report({ resource: ns, path: ['metadata'], message: `Namespace ${ns.name} has no owner.` });
  },
});

const framework = defineFramework({
  id: 'test-fw',
  version: '1.0',
  title: 'Test framework',
  controls: [
    { id: 'C1', title: 'No privileged containers', rules: ['t-privileged'] },
    { id: 'C2', title: 'Pinned images', rules: ['t-latest'] },
    { id: 'C3', title: 'No wildcard roles', rules: ['t-wildcard'] },
    { id: 'C4', title: 'API server hardened', rules: ['t-apiserver-profiling'] },
    { id: 'C5', title: 'Namespaces owned', rules: ['t-namespace-label'] },
    { id: 'C6', title: 'Images reviewed', rules: ['t-latest'], assessment: 'manual', note: 'A person reviews the images.' },
    { id: 'C7', title: 'Change board', assessment: 'manual', note: 'Minutes of the board.' },
    { id: 'C8', title: 'Node file modes', assessment: 'not-static', note: 'On the node.' },
    { id: 'C9', title: 'Workloads hardened', rules: ['t-privileged', 't-latest'] },
  ],
});

const plugin = definePlugin({ name: 'test-rules', rules: [privileged, latest, wildcard, apiserverFlag, namespaces], frameworks: [framework] });

/** Suppresses by an `ignore.kubecomply.io/<rule>` annotation, as the governance policy does. */
const policy: FindingPolicy = {
  apply(finding, context) {
    const reason = context.resource?.annotations[`ignore.kubecomply.io/${finding.ruleId}`];
    return reason === undefined ? finding : { ...finding, suppression: { reason, source: 'annotation' } };
  },
};

const pod = (name: string, opts: { privileged?: boolean; image?: string; annotations?: Record<string, string>; command?: string[] } = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      containers: [
        {
          name: 'app',
          image: opts.image ?? 'nginx:1.27',
          ...(opts.command ? { command: opts.command } : {}),
          securityContext: { privileged: opts.privileged ?? false },
        },
      ],
    },
  });

const INPUT = [
  pod('web', { privileged: true }),
  pod('legacy', { image: 'vendor/legacy:latest' }),
  pod('quiet', { privileged: true, annotations: { 'ignore.kubecomply.io/t-privileged': 'Needs raw devices: SEC-7.' } }),
  pod('clean'),
].join('\n---\n');

function lint(text: string, options: { disable?: string[]; frameworks?: string[] } = {}): LintResult {
  return new Linter({ plugins: [plugin], policy, ...options }).lintText(text, 'in.yaml');
}

const byId = (result: LintResult) => {
  const report = complianceReport(result);
  const fw = report.frameworks.find((f) => f.id === 'test-fw')!;
  return { report, fw, control: (id: string) => fw.controls.find((c) => c.id === id)! };
};

describe('compliance report: control status', () => {
  const { fw, control } = byId(lint(INPUT));

  it('fails a control with an open finding, counting resources checked and failed', () => {
    expect(control('C1')).toMatchObject({ status: 'failed', assessment: 'automated', resources: { evaluated: 4, failed: 1 } });
    expect(control('C1').findings.map((f) => f.resource?.name)).toEqual(['web']);
  });

  it('lists suppressed findings apart and does not count them as failures', () => {
    expect(control('C1').suppressed.map((f) => [f.resource?.name, f.suppression?.reason])).toEqual([['quiet', 'Needs raw devices: SEC-7.']]);
    const onlySuppressed = byId(lint(pod('quiet', { privileged: true, annotations: { 'ignore.kubecomply.io/t-privileged': 'SEC-7' } })));
    expect(onlySuppressed.control('C1')).toMatchObject({ status: 'passed', resources: { evaluated: 1, failed: 0 } });
    expect(onlySuppressed.control('C1').suppressed).toHaveLength(1);
  });

  it('is not-applicable when none of the kinds its rules check is in the input', () => {
    expect(control('C3')).toMatchObject({ status: 'not-applicable', resources: { evaluated: 0, failed: 0 } });
    expect(control('C5').status).toBe('not-applicable');
  });

  it('honours a rule that narrows its targets: no kube-apiserver, nothing checked, not applicable', () => {
    expect(control('C4')).toMatchObject({ status: 'not-applicable', resources: { evaluated: 0 } });
    const before = targetedChecks;
    const withServer = lint(`${INPUT}\n---\n${pod('kube-apiserver', { command: ['kube-apiserver', '--profiling=false'] })}`);
    expect(targetedChecks - before).toBe(1);
    expect(withServer.targeted).toEqual({ 't-apiserver-profiling': [4] });
    expect(byId(withServer).control('C4')).toMatchObject({ status: 'passed', resources: { evaluated: 1, failed: 0 } });
    const bad = lint(pod('kube-apiserver', { command: ['kube-apiserver'] }));
    expect(byId(bad).control('C4')).toMatchObject({ status: 'failed', resources: { evaluated: 1, failed: 1 } });
  });

  it('passes a set rule over its kinds; fails it from the resources it reports', () => {
    const owned = lint('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { owner: ops } }\n');
    expect(byId(owned).control('C5')).toMatchObject({ status: 'passed', resources: { evaluated: 1, failed: 0 } });
    const orphan = lint('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
    expect(byId(orphan).control('C5')).toMatchObject({ status: 'failed', resources: { evaluated: 1, failed: 1 } });
  });

  it('keeps manual and not-static controls out of passed, but fails them on evidence', () => {
    expect(control('C6')).toMatchObject({ status: 'failed', assessment: 'manual' });
    expect(control('C7')).toMatchObject({ status: 'manual', note: 'Minutes of the board.', resources: { evaluated: 0, failed: 0 } });
    expect(control('C8')).toMatchObject({ status: 'not-static', assessment: 'not-static' });
    const clean = byId(lint(pod('clean')));
    expect(clean.control('C6').status).toBe('manual');
  });

  it('is not-evaluated when every rule of an automated control is off; partly run controls list the rest', () => {
    const { control: c } = byId(lint(INPUT, { disable: ['t-privileged'] }));
    expect(c('C1')).toMatchObject({ status: 'not-evaluated', rulesNotRun: ['t-privileged'] });
    expect(c('C9')).toMatchObject({ status: 'failed', rulesNotRun: ['t-privileged'] });
    expect(c('C9').findings.map((f) => f.ruleId)).toEqual(['t-latest']);
  });

  it('lists a control of several rules with their findings in file order', () => {
    expect(control('C9').findings.map((f) => `${f.ruleId}@${f.range.start.line}`)).toEqual(['t-privileged@1', 't-latest@3']);
  });

  it('counts every control once per status', () => {
    expect(fw.counts).toEqual({ failed: 4, passed: 0, 'not-applicable': 3, 'not-evaluated': 0, manual: 1, 'not-static': 1 });
    expect(Object.keys(fw.counts)).toEqual([...CONTROL_STATUSES]);
  });

  it('reports parse and rule errors as input problems', () => {
    const { report } = byId(lint(`${pod('web')}\n---\nkind: [unclosed\n`));
    expect(report.inputProblems.map((f) => f.ruleId)).toEqual(['parse-error']);
  });
});

describe('compliance report: score', () => {
  it('is passed / (passed + failed) automated controls x 100', () => {
    const { fw } = byId(
      lint(
        `${pod('web', { privileged: true })}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: r, namespace: shop }\nrules: []\n`,
      ),
    );
    // C1, C9 failed; C2, C3 passed; C4, C5 not applicable; C6-C8 not automated.
    expect([fw.passed, fw.failed]).toEqual([2, 2]);
    expect(fw.score).toBe(50);
  });

  it('is null when the input decides no automated control', () => {
    const { fw } = byId(lint('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n'));
    expect(fw.score).toBeNull();
    expect(fw.counts['not-applicable']).toBe(6);
  });

  it('ignores suppressed findings', () => {
    const { fw } = byId(lint(pod('quiet', { privileged: true, annotations: { 'ignore.kubecomply.io/t-privileged': 'SEC-7' } })));
    expect(fw.score).toBe(100);
  });

  it('is printed rounded down to one decimal, compared unrounded', () => {
    expect(formatScore(200 / 3)).toBe('66.6');
    expect(formatScore(79.96)).toBe('79.9');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(0)).toBe('0.0');
    expect(formatScore(null)).toBe('n/a');
  });

  it('finds the frameworks below their minimum', () => {
    const report = complianceReport(lint(INPUT));
    const score = report.frameworks[0]!.score!;
    expect(scoreShortfalls(report, { 'test-fw': score })).toEqual([]);
    expect(scoreShortfalls(report, { 'test-fw': score + 0.01 })).toEqual([{ framework: 'test-fw', score, minimum: score + 0.01 }]);
    expect(() => scoreShortfalls(report, { nope: 10 })).toThrow(/framework "nope", which this run does not apply \(it applies test-fw\)/);
    const none = complianceReport(lint('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n'));
    expect(scoreShortfalls(none, { 'test-fw': 1 })).toEqual([{ framework: 'test-fw', score: null, minimum: 1 }]);
    expect(scoreShortfalls(none, { 'test-fw': 0 })).toEqual([]);
  });

  it('covers only the frameworks the run applies', () => {
    const other = defineFramework({ id: 'other', version: '1', title: 'Other', controls: [{ id: 'X', title: 'x', rules: ['t-latest'] }] });
    const two = definePlugin({ name: 'two', rules: [], frameworks: [other] });
    const result = new Linter({ plugins: [plugin, two], frameworks: ['other'] }).lintText(INPUT, 'in.yaml');
    expect(complianceReport(result).frameworks.map((f) => f.id)).toEqual(['other']);
  });
});

describe('compliance formatters', () => {
  const hostile = pod('evil</td><script>alert(1)</script>|`x`', { privileged: true });
  const result = lint(`${INPUT}\n---\n${hostile}`);

  it('are registered: markdown and html next to the lint formats', () => {
    expect(FORMATTERS['markdown']).toBe(markdown);
    expect(FORMATTERS['html']).toBe(html);
  });

  it.each([
    ['markdown', markdown],
    ['html', html],
    ['text', complianceText],
    ['json', complianceJson],
  ])('%s: the same result gives the same bytes, and no time unless given', (_, format) => {
    const first = format(result, OPTIONS);
    expect(format(lint(`${INPUT}\n---\n${hostile}`), OPTIONS)).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    const dated = format(result, { ...OPTIONS, generatedAt: '2026-01-02T03:04:05Z' });
    if (format !== complianceText) expect(dated).toContain('2026-01-02T03:04:05Z');
  });

  it('markdown: score table, findings grouped by rule with file:line links, suppressions with reasons', () => {
    const md = markdown(result, OPTIONS);
    expect(md).toMatch(/^## Kubernetes compliance report\n/);
    expect(md).toContain('| Framework | Score | Passed / decided | Failed | Not applicable | Not evaluated | Manual | Not static |');
    expect(md).toContain('| Test framework 1.0 (`test-fw`) | **0.0%** | 0 / 3 | 4 | 3 | 0 | 1 | 1 |');
    const groups = [...md.matchAll(/<summary>(.*?)<\/summary>/g)].map((m) => m[1]);
    expect(groups[0]).toMatch(/^🔴 error · <code>t-privileged<\/code> · 2 findings · test-fw C1, test-fw C9$/);
    expect(md).toContain('- [in.yaml:1](in.yaml#L1) `Pod/shop/web`: Container "app" runs privileged.');
    expect(md).toContain('| `t-privileged` | [in.yaml:5](in.yaml#L5) `Pod/shop/quiet` | annotation | Needs raw devices: SEC-7. | – |');
    expect(markdown(result, { ...OPTIONS, sourceLinkBase: 'https://github.com/o/r/blob/abc/' })).toContain('(https://github.com/o/r/blob/abc/in.yaml#L1)');
  });

  it('markdown: text from the input cannot inject HTML, links or table cells', () => {
    const md = markdown(result, OPTIONS);
    // Outside code spans (which Markdown shows as written), no tag but the report's own.
    const outsideCode = md.replace(/(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
    expect([...new Set(outsideCode.match(/<\/?[a-z]+/g))].sort()).toEqual([
      '</code',
      '</details',
      '</sub',
      '</summary',
      '<code',
      '<details',
      '<sub',
      '<summary',
    ]);
    expect(md).toContain('`` Pod/shop/evil</td><script>alert(1)</script>\\|`x` ``');
    for (const line of md.split('\n').filter((l) => l.startsWith('| `t-') || l.startsWith('| Test'))) {
      expect(line.split(/(?<!\\)\|/).length, line).toBe(line.startsWith('| Test') ? 10 : 7);
    }
  });

  it('html: one self-contained page with charts, the filterable table, suppressions and undecided controls', () => {
    const page = html(result, OPTIONS);
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    // Nothing is loaded from anywhere: no src, no stylesheet links, no url(), and a CSP that forbids it.
    expect(page).not.toMatch(/\ssrc=|<link\b|@import|url\(/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(page.match(/<svg class="chart"/g)).toHaveLength(4);
    expect(page).toMatch(/<rect class="bar poor" x="270" y="18" width="0" height="16" rx="3"\/>/);
    const rows = page.slice(page.indexOf('<table id="findings">'), page.indexOf('</table>', page.indexOf('<table id="findings">')));
    expect(rows.match(/<tr data-severity=/g)).toHaveLength(result.findings.length);
    expect(rows).toContain('data-rule="t-privileged" data-frameworks="test-fw" data-file="in.yaml" data-status="suppressed"');
    expect(page).toContain('<td>annotation</td><td>Needs raw devices: SEC-7.</td>');
    expect(page).toContain('<h2>Controls the files cannot decide</h2>');
    expect(page).toContain('Minutes of the board.');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('Pod/<wbr>shop/<wbr>evil&lt;/<wbr>td&gt;&lt;script&gt;alert(1)&lt;/<wbr>script&gt;|`x`');
    expect(page.match(/<script>/g)).toHaveLength(1);
  });

  it('html: lists the first findings under a control and links the rest in the findings table', () => {
    const many = lint(Array.from({ length: HTML_FINDINGS_PER_CONTROL + 5 }, (_, i) => pod(`p${i}`, { privileged: true })).join('\n---\n'));
    const page = html(many, OPTIONS);
    const row = page.slice(page.indexOf('<tr id="c--test-fw--C1"'), page.indexOf('</tr>', page.indexOf('<tr id="c--test-fw--C1"')));
    expect(row.match(/<li>/g)).toHaveLength(HTML_FINDINGS_PER_CONTROL);
    expect(row).toContain('<li class="muted">… and 5 more: <a href="#filter:rule=t-privileged">t-privileged</a> in the findings table</li>');
    expect(page.match(/<tr data-severity=/g)).toHaveLength(HTML_FINDINGS_PER_CONTROL + 5);
  });

  it('json: controls point into the findings, which hold every finding once', () => {
    const report = JSON.parse(complianceJson(result, OPTIONS));
    expect(report.reportVersion).toBe(1);
    expect(report.findings).toHaveLength(result.findings.length);
    const c1 = report.frameworks[0].controls.find((c: { id: string }) => c.id === 'C1');
    expect(c1.findings.map((i: number) => report.findings[i].resource.name)).toEqual(['web', 'evil</td><script>alert(1)</script>|`x`']);
    expect(c1.suppressed.map((i: number) => report.findings[i].suppression.reason)).toEqual(['Needs raw devices: SEC-7.']);
    expect(report.frameworks[0]).toMatchObject({ id: 'test-fw', score: 0, passed: 0, failed: 3 });
  });

  it('text: the score, each failed control with its findings, then the other statuses', () => {
    const text = complianceText(result, OPTIONS);
    expect(text).toContain('Test framework 1.0 [test-fw]  score 0.0% (0 of 3 decided controls passed)');
    expect(text).toContain('  ✖ C1  No privileged containers  2 findings, 2 of 5 resources');
    expect(text).toMatch(/· 3 not applicable:\n {6}C3, C4, C5\n/);
    expect(text).toContain('1 suppressed finding of its rules, not counted as failures.');
  });

  it('handle a run with no framework and no finding', () => {
    const empty = new Linter({ plugins: [] }).lintText('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n', 'c.yaml');
    expect(markdown(empty, OPTIONS)).toContain('✅ No open findings in 1 file.');
    expect(html(empty, OPTIONS)).toContain('No finding is suppressed.');
    expect(JSON.parse(complianceJson(empty, OPTIONS)).frameworks).toEqual([]);
  });
});
