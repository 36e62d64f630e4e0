// @requires ../shared (some cases): SARIF is validated against the OASIS schema in ../shared/reference when it is there.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineFramework, definePlugin, defineRule, fingerprint, FORMATTERS, Linter, type Finding, type FindingPolicy, type LintResult } from '../src/index.js';
import { github } from '../src/formatters/github.js';
import { junit } from '../src/formatters/junit.js';
import { sarif, SARIF_FINGERPRINT_KEY, SECURITY_SEVERITY } from '../src/formatters/sarif.js';
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { GITHUB_COMMAND, githubProperties, parseXml, HAS_SARIF_SCHEMA, sarifErrors, unescapeGithub, xmlElements, type XmlElement } from './support/formats.js';
import { latestTagRule, privilegedRule, resultOf as resultOfRun, testFinding as finding } from './support/results.js';

const TOOL = { name: 'kubecomply', version: '1.2.3' };
const OPTIONS = { color: false, tool: TOOL };

const privileged = privilegedRule('test-privileged');
const latestTag = latestTagRule('test-latest-tag', { helpUri: 'https://example.com/rules/test-latest-tag' });

const noLabels = defineRule({
  id: 'test-no-labels',
  description: 'Resources carry labels.',
  severity: 'info',
  appliesTo: 'all',
  remediation: 'Add an app.kubernetes.io/name label.',
  check(resource, ctx) {
    if (Object.keys(resource.labels).length === 0) ctx.report({ path: ['metadata', 'labels'], message: 'The resource has no labels.' });
  },
});

const binding = defineRule({
  id: 'test-binding',
  description: 'Bindings do not grant cluster-admin.',
  severity: 'error',
  appliesTo: ['ClusterRoleBinding'],
  remediation: 'Bind a narrower role.',
  check(_resource, ctx) {
    ctx.report({
      path: ['roleRef', 'name'],
      message: 'Binds cluster-admin to [every subject] listed; see <subjects> & "related".',
      related: [{ path: ['subjects', 0], message: 'The first subject it binds.' }],
    });
  },
});

const framework = defineFramework({
  id: 'test-fw',
  version: '1.0',
  title: 'Test | Framework',
  controls: [
    { id: '1.1', title: 'No <privileged> pods', rules: ['test-privileged'] },
    { id: '2.1', title: 'Least privilege', rules: ['test-binding', 'test-privileged'] },
  ],
});

const inRepo = definePlugin({ name: '@kubecomply/rules-cis', rules: [privileged, binding], frameworks: [framework] });
const thirdParty = definePlugin({ name: 'acme-rules', rules: [latestTag, noLabels], frameworks: [] });

/** Suppresses by `ignore.kubecomply.io/<rule>` annotation, and test-latest-tag by "config" until a date. */
const policy: FindingPolicy = {
  apply(finding, context) {
    const reason = context.resource?.annotations[`ignore.kubecomply.io/${finding.ruleId}`];
    if (reason !== undefined) return { ...finding, suppression: { reason, source: 'annotation' } };
    if (finding.ruleId === 'test-latest-tag' && finding.resource?.name === 'legacy') {
      return { ...finding, suppression: { reason: 'Vendor image, tracked in OPS-12.', source: 'config', expires: '2030-01-01' } };
    }
    return finding;
  },
};

const tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let runs = 0;

/** Lints the given files, written under a fresh directory that is the working directory. */
function lintFiles(files: Record<string, string>, withPolicy = true): LintResult {
  const cwd = path.join(tmp, String(runs++));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  const linter = new Linter({ plugins: [inRepo, thirdParty], cwd, ...(withPolicy ? { policy } : {}) });
  return linter.lintPaths(['.']);
}

const deployment = (name: string, opts: { privileged?: boolean; image?: string; annotations?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: { app: ${name} }${opts.annotations ? `\n  annotations:\n${opts.annotations}` : ''}
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${opts.image ?? 'nginx:1.27'}
          securityContext:
            privileged: ${opts.privileged ?? false}
`;

const FILES = {
  'apps/web.yaml': deployment('web', { privileged: true, image: 'nginx:latest' }),
  'apps/legacy.yaml': deployment('legacy', { image: 'vendor/legacy:latest' }),
  'apps/suppressed.yaml': deployment('quiet', {
    privileged: true,
    annotations: '    ignore.kubecomply.io/test-privileged: "Needs raw devices: approved in SEC-7."',
  }),
  'rbac/admin.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admins, labels: { team: ops } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io }
`,
  'rendered/chart.yaml': `---
# Source: shop/templates/worker.yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - { name: worker, image: "busybox:1.36", securityContext: { privileged: true } }
`,
  'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [oops\n',
  'empty.yaml': '',
};

const full = lintFiles(FILES);
/** A result of the given findings alone, with the rules and frameworks of the full run. */
const resultOf = (findings: Finding[], extra: Partial<LintResult> = {}): LintResult => resultOfRun(findings, { ...full, ...extra });
const sarifOf = (result: LintResult) => JSON.parse(sarif(result, OPTIONS)) as SarifLog;

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: Record<string, unknown> & { rules: Record<string, any>[] } };
    results: Record<string, any>[];
    columnKind: string;
  }[];
}

describe('the checks the tests rely on', () => {
  it.runIf(HAS_SARIF_SCHEMA)('the SARIF validator rejects what the schema forbids, formats included', () => {
    const bad = sarifOf(resultOf([finding({})]));
    expect(sarifErrors(bad)).toBe('');
    (bad.runs[0]!.results[0] as Record<string, unknown>)['level'] = 'critical';
    bad.runs[0]!.results[0]!.locations[0].physicalLocation.artifactLocation.uri = 'a b.yaml';
    const errors = sarifErrors(bad);
    expect(errors).toMatch(/level/);
    expect(errors).toMatch(/uri-reference/);
  });

  it('the XML check rejects what is not well-formed', () => {
    for (const bad of ['<a><b></a>', '<a x="1" x="2"/>', '<a>&foo;</a>', '<a>\u0001</a>', '<a>x & y</a>', '<a/><b/>', '<a x=1/>', '<a>]]></a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<a x="&lt;&#10;&#x41;">t&amp;<b/></a>')).toEqual({
      name: 'a',
      attributes: { x: '<\nA' },
      children: [{ name: 'b', attributes: {}, children: [], text: '' }],
      text: 't&',
    });
  });
});

describe('the linted sample', () => {
  it('has every kind of finding the formatters must handle', () => {
    const f = full.findings;
    expect(f.some((x) => x.suppression?.source === 'annotation')).toBe(true);
    expect(f.some((x) => x.suppression?.source === 'config')).toBe(true);
    expect(f.some((x) => x.related && x.related.length > 0)).toBe(true);
    expect(f.some((x) => x.ruleId === 'parse-error' && !x.resource)).toBe(true);
    expect(f.some((x) => x.helm)).toBe(true);
    expect(new Set(f.map((x) => x.severity))).toEqual(new Set(['error', 'warning', 'info']));
  });

  it('every format is registered', () => {
    expect(Object.keys(FORMATTERS)).toEqual(expect.arrayContaining(['sarif', 'junit', 'github']));
    expect(FORMATTERS['sarif']).toBe(sarif);
  });
});

describe('sarif', () => {
  const log = sarifOf(full);
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules;
  const resultFor = (ruleId: string, file?: string) =>
    run.results.find((r) => r.ruleId === ruleId && (!file || r.locations[0].physicalLocation.artifactLocation.uri === file))!;

  it.runIf(HAS_SARIF_SCHEMA)('validates against the SARIF 2.1.0 schema: suppressions, related locations, parse error, Helm', () => {
    expect(sarifErrors(log)).toBe('');
  });

  it.runIf(HAS_SARIF_SCHEMA)('validates for an empty result, and one that read no files', () => {
    const clean = lintFiles({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok, labels: { a: b } }\n' });
    expect(clean.findings).toEqual([]);
    const cleanLog = sarifOf(clean);
    expect(sarifErrors(cleanLog)).toBe('');
    expect(cleanLog.runs[0]!.results).toEqual([]);
    expect(cleanLog.runs[0]!.tool.driver.rules.length).toBe(clean.rules.length);
    const nothing: LintResult = { ...clean, files: [], resources: [], rules: [], frameworks: [], findings: [] };
    expect(sarifErrors(sarifOf(nothing))).toBe('');
  });

  it.runIf(HAS_SARIF_SCHEMA)('validates with file names that need percent-encoding, standard input and absolute paths', () => {
    const files = ['dir with space/a#b%c.yaml', 'c:odd.yaml', 'ünï/cödé.yaml', '<stdin>', '/abs/x.yaml', 'C:/win/x.yaml', '../up/x.yaml'];
    const out = sarifOf(resultOf(files.map((file) => finding({ file }))));
    expect(sarifErrors(out)).toBe('');
    const uris = out.runs[0]!.results.map((r) => r.locations[0].physicalLocation.artifactLocation);
    expect(uris).toEqual([
      { uri: 'dir%20with%20space/a%23b%25c.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'c%3Aodd.yaml', uriBaseId: '%SRCROOT%' },
      { uri: '%C3%BCn%C3%AF/c%C3%B6d%C3%A9.yaml', uriBaseId: '%SRCROOT%' },
      { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///abs/x.yaml' },
      { uri: 'file:///C:/win/x.yaml' },
      { uri: '../up/x.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    for (const [i, file] of files.entries()) {
      const { uri } = uris[i] as { uri: string };
      expect(decodeURIComponent(uri.replace(/^file:\/\/(?=\/)/, '').replace(/^\/(?=[A-Z]:)/, ''))).toBe(file);
    }
  });

  it('describes the tool and one run', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'kubecomply',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/kubecomply/kubecomply',
    });
    expect(run.columnKind).toBe('utf16CodeUnits');
    const devBuild = JSON.parse(sarif(full, { color: false, tool: { name: 'kubecomply', version: 'dev' } }));
    expect(devBuild.runs[0].tool.driver.semanticVersion).toBeUndefined();
  });

  it('lists every rule that ran, sorted, with the fields GitHub reads', () => {
    expect(rules.map((r) => r.id)).toEqual(full.rules.map((r) => r.id));
    expect(rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id)].sort());
    const rule = rules.find((r) => r.id === 'test-privileged')!;
    expect(rule).toMatchObject({
      name: 'TestPrivileged',
      shortDescription: { text: 'Containers do not run privileged.' },
      fullDescription: { text: 'Containers do not run privileged. Set securityContext.privileged to false.' },
      helpUri: 'https://github.com/kubecomply/kubecomply/blob/main/packages/rules-cis/docs/rules/test-privileged.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'kubernetes', 'test-fw'], 'security-severity': '8.0' },
    });
    expect(rule.help.text).toContain('How to fix: Set securityContext.privileged to false.');
    expect(rule.help.text).toContain('- Test | Framework 1.0, 1.1: No <privileged> pods');
    expect(rule.help.markdown).toContain('**How to fix:** Set securityContext.privileged to false.');
    expect(rule.help.markdown).toContain('| Test \\| Framework 1.0 | 1.1 | No &lt;privileged&gt; pods |');
    expect(rule.help.markdown).toContain('| Test \\| Framework 1.0 | 2.1 | Least privilege |');
    expect(rule.help.markdown).toContain(
      '[Rule documentation](https://github.com/kubecomply/kubecomply/blob/main/packages/rules-cis/docs/rules/test-privileged.md)',
    );
  });

  it("links docs: the rule's own helpUri, else the repository for our packages, else none", () => {
    expect(rules.find((r) => r.id === 'test-latest-tag')!.helpUri).toBe('https://example.com/rules/test-latest-tag');
    expect(rules.find((r) => r.id === 'test-no-labels')!.helpUri).toBeUndefined();
    expect(rules.find((r) => r.id === 'test-no-labels')!.help.text).not.toContain('Documentation:');
  });

  it('maps severity to level and security-severity', () => {
    expect(SECURITY_SEVERITY).toEqual({ error: '8.0', warning: '5.5', info: '2.0' });
    const bySeverity = (id: string) => rules.find((r) => r.id === id)!;
    expect(bySeverity('test-latest-tag').defaultConfiguration.level).toBe('warning');
    expect(bySeverity('test-latest-tag').properties['security-severity']).toBe('5.5');
    expect(bySeverity('test-no-labels').defaultConfiguration.level).toBe('note');
    expect(bySeverity('test-no-labels').properties['security-severity']).toBe('2.0');
    for (const r of rules) {
      const score = Number(r.properties['security-severity']);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(r.properties.tags.slice(0, 2)).toEqual(['security', 'kubernetes']);
    }
    const levels = run.results.map((r) => [full.findings[run.results.indexOf(r)]!.severity, r.level]);
    expect(new Set(levels.map((l) => l.join('>')))).toEqual(new Set(['error>error', 'warning>warning', 'info>note']));
  });

  it('gives one result per finding, in order, pointing at its rule and range', () => {
    expect(run.results).toHaveLength(full.findings.length);
    run.results.forEach((r, i) => {
      const f = full.findings[i]!;
      expect(r.ruleId).toBe(f.ruleId);
      expect(rules[r.ruleIndex]!.id).toBe(f.ruleId);
      expect(r.message.text).toBe(f.message);
      expect(r.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: f.range.start.line, startColumn: f.range.start.column, endLine: f.range.end.line, endColumn: f.range.end.column },
      });
      expect(Object.keys(r.partialFingerprints)).toEqual([SARIF_FINGERPRINT_KEY]);
      expect(r.properties.controls).toEqual(f.controls);
    });
  });

  it('names the resource and the JSON path as logical locations', () => {
    const r = resultFor('test-privileged', 'apps/web.yaml');
    expect(r.locations[0].logicalLocations).toEqual([
      { name: 'web', fullyQualifiedName: 'Deployment/shop/web', kind: 'resource' },
      { name: 'privileged', fullyQualifiedName: 'spec.template.spec.containers[0].securityContext.privileged', kind: 'property' },
    ]);
    const parse = resultFor('parse-error');
    expect(parse.locations[0].logicalLocations).toBeUndefined();
    expect(parse.locations[0].physicalLocation.artifactLocation.uri).toBe('broken.yaml');
  });

  it('carries related locations, Helm templates and controls', () => {
    const r = resultFor('test-binding');
    expect(r.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'rbac/admin.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 68 },
        },
        logicalLocations: [
          { name: 'admins', fullyQualifiedName: 'ClusterRoleBinding/admins', kind: 'resource' },
          { name: '0', fullyQualifiedName: 'subjects[0]', kind: 'element' },
        ],
        message: { text: 'The first subject it binds.' },
      },
    ]);
    expect(r.properties.controls).toEqual([{ framework: 'test-fw', version: '1.0', id: '2.1' }]);
    expect(resultFor('test-privileged', 'rendered/chart.yaml').properties.helmTemplate).toBe('shop/templates/worker.yaml');
  });

  it.runIf(HAS_SARIF_SCHEMA)('reports suppressions: inSource for annotations, external for config, with the reason', () => {
    expect(resultFor('test-privileged', 'apps/suppressed.yaml').suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'Needs raw devices: approved in SEC-7.', properties: { source: 'annotation' } },
    ]);
    expect(resultFor('test-latest-tag', 'apps/legacy.yaml').suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Vendor image, tracked in OPS-12.', properties: { source: 'config', expires: '2030-01-01' } },
    ]);
    const baseline = sarifOf(resultOf([finding({ suppression: { reason: 'In the baseline.', source: 'baseline' } })]));
    expect(sarifErrors(baseline)).toBe('');
    expect(baseline.runs[0]!.results[0]!.suppressions[0].kind).toBe('external');
    expect(resultFor('test-privileged', 'apps/web.yaml').suppressions).toBeUndefined();
  });

  it.runIf(HAS_SARIF_SCHEMA)('describes a rule a finding names but the result does not list', () => {
    const out = sarifOf(resultOf([finding({ ruleId: 'from-elsewhere', severity: 'warning' })], { rules: [] }));
    expect(sarifErrors(out)).toBe('');
    expect(out.runs[0]!.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level])).toEqual([['from-elsewhere', 'warning']]);
    expect(out.runs[0]!.results[0]!.ruleIndex).toBe(0);
  });

  it('is byte-identical across runs and carries no time', () => {
    const again = lintFiles(FILES);
    expect(sarif(again, OPTIONS)).toBe(sarif(full, OPTIONS));
    expect(sarif(full, OPTIONS)).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });
});

describe('fingerprints', () => {
  const fp = (result: LintResult, ruleId: string, file: string) =>
    sarifOf(result).runs[0]!.results.find((r) => r.ruleId === ruleId && r.locations[0].physicalLocation.artifactLocation.uri === file)!.partialFingerprints[
      SARIF_FINGERPRINT_KEY
    ] as string;

  it('stay the same when the resource moves to other lines', () => {
    const before = lintFiles({ 'app.yaml': deployment('web', { privileged: true }) });
    const moved = lintFiles({
      'app.yaml': `# a comment\n\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, labels: { a: b } }\n---\n${deployment('web', { privileged: true })}`,
    });
    const line = (r: LintResult) => r.findings.find((f) => f.ruleId === 'test-privileged')!.range.start.line;
    expect(line(moved)).toBeGreaterThan(line(before));
    expect(fp(moved, 'test-privileged', 'app.yaml')).toBe(fp(before, 'test-privileged', 'app.yaml'));
    expect(fp(before, 'test-privileged', 'app.yaml')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('change when the JSON path, the resource or the rule changes', () => {
    const base = finding({});
    const others = [
      finding({ path: ['spec', 'containers', 1, 'securityContext', 'privileged'] }),
      finding({ resource: { apiVersion: 'v1', kind: 'Pod', name: 'q', namespace: 'ns' } }),
      finding({ resource: { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'other' } }),
      finding({ ruleId: 'test-other' }),
    ];
    const all = sarifOf(resultOf([base, ...others])).runs[0]!.results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    expect(new Set(all).size).toBe(all.length);
    const moved = lintFiles({
      'app.yaml': deployment('web', { privileged: true }).replace('- name: app', '- name: side\n          image: x:1\n        - name: app'),
    });
    expect(fp(moved, 'test-privileged', 'app.yaml')).not.toBe(
      fp(lintFiles({ 'app.yaml': deployment('web', { privileged: true }) }), 'test-privileged', 'app.yaml'),
    );
  });

  it('ignore the range, the message, the severity and the API version', () => {
    const moved = finding({
      range: { start: { line: 99, column: 1 }, end: { line: 100, column: 3 } },
      message: 'Reworded.',
      severity: 'warning',
      resource: { apiVersion: 'v2', kind: 'Pod', name: 'p', namespace: 'ns' },
    });
    expect(fingerprint(moved)).toBe(fingerprint(finding({})));
  });

  it("are the baseline's, with repeats of one identity told apart", () => {
    const three = sarifOf(resultOf([finding({ message: 'a' }), finding({ message: 'b' }), finding({ message: 'c' })]));
    const values = three.runs[0]!.results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    expect(values).toEqual([0, 1, 2].map((n) => fingerprint(finding({}), n)));
    expect(new Set(values).size).toBe(3);
  });
});

describe('junit', () => {
  const xml = junit(full, OPTIONS);
  const root = parseXml(xml);
  const suites = xmlElements(root, 'testsuite');
  const suite = (name: string) => suites.find((s) => s.attributes['name'] === name)!;
  const cases = (s: XmlElement) => xmlElements(s, 'testcase');
  const num = (e: XmlElement, a: string) => Number(e.attributes[a]);

  it('is well-formed XML with one suite per file read', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(suites.map((s) => s.attributes['name'])).toEqual(full.files);
  });

  it('keeps counts consistent: suites add up to the root, children to the suites', () => {
    for (const a of ['tests', 'failures', 'errors', 'skipped']) {
      expect(num(root, a)).toBe(suites.reduce((n, s) => n + num(s, a), 0));
    }
    for (const s of suites) {
      const cs = cases(s);
      expect(num(s, 'tests')).toBe(cs.length);
      expect(num(s, 'failures')).toBe(cs.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      expect(num(s, 'errors')).toBe(cs.filter((c) => c.children.some((x) => x.name === 'error')).length);
      expect(num(s, 'skipped')).toBe(cs.filter((c) => c.children.some((x) => x.name === 'skipped')).length);
    }
  });

  it('has a failing case per resource and rule, and a passing case per clean resource', () => {
    const web = cases(suite('apps/web.yaml'));
    expect(web.map((c) => c.attributes['name'])).toEqual(['Deployment/shop/web: test-latest-tag', 'Deployment/shop/web: test-privileged']);
    const failure = web[1]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attributes).toMatchObject({ type: 'error', message: 'Container "app" runs privileged.' });
    expect(failure.text).toContain('apps/web.yaml:14:13 error test-privileged');
    expect(failure.text).toContain('at spec.template.spec.containers[0].securityContext.privileged');
    expect(failure.text).toContain('How to fix: Set securityContext.privileged to false.');
    expect(failure.text).toContain('Controls: test-fw 1.0 1.1, test-fw 1.0 2.1');
    expect(web[1]!.attributes).toMatchObject({ classname: 'apps/web.yaml', file: 'apps/web.yaml', line: '14', time: '0' });
    expect(web[0]!.children[0]!.attributes['type']).toBe('warning');

    const clean = lintFiles({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok, labels: { a: b } }\n' });
    const okCase = cases(parseXml(junit(clean, OPTIONS)))[0]!;
    expect(okCase.attributes['name']).toBe('ConfigMap/ok');
    expect(okCase.children).toEqual([]);
  });

  it('turns parse errors into <error>, suppressed findings into <skipped>, and Helm output keeps its template', () => {
    const broken = cases(suite('broken.yaml'));
    expect(broken.map((c) => [c.attributes['name'], c.children[0]!.name])).toEqual([['parse-error', 'error']]);
    expect(num(suite('broken.yaml'), 'errors')).toBe(1);
    const quiet = cases(suite('apps/suppressed.yaml')).find((c) => c.attributes['name'] === 'Deployment/shop/quiet: test-privileged')!;
    expect(quiet.children[0]).toMatchObject({ name: 'skipped', attributes: { message: 'Suppressed: Needs raw devices: approved in SEC-7. (annotation)' } });
    expect(cases(suite('rendered/chart.yaml'))[0]!.children[0]!.text).toContain('Helm template: shop/templates/worker.yaml');
    expect(cases(suite('empty.yaml')).map((c) => [c.attributes['name'], c.children[0]!.name])).toEqual([['empty-file', 'failure']]);
  });

  it('gives a case with several findings one <failure> that lists them all', () => {
    const many = resultOf(
      [0, 1, 2].map((i) => finding({ path: ['spec', 'containers', i, 'securityContext', 'privileged'], message: `Container "c${i}" runs privileged.` })),
    );
    const c = cases(parseXml(junit(many, OPTIONS)))[0]!;
    expect(c.children.map((x) => x.name)).toEqual(['failure']);
    expect(c.children[0]!.attributes['message']).toBe('Container "c0" runs privileged. (and 2 more)');
    expect(c.children[0]!.text.match(/runs privileged\./g)).toHaveLength(3);
  });

  it('escapes markup, quotes, line ends and characters XML cannot hold', () => {
    const nasty = 'a < b && "c" \'d\' ]]> e\r\nf\tg \u0001\u0008 \uD800 end';
    const out = junit(
      resultOf([finding({ message: nasty, file: 'we"ird&<dir>/x.yaml', resource: { apiVersion: 'v1', kind: 'Pod', name: 'a"<b>' } })]),
      OPTIONS,
    );
    const parsed = parseXml(out);
    const failure = xmlElements(parsed, 'failure')[0]!;
    expect(failure.attributes['message']).toBe('a < b && "c" \'d\' ]]> e\r\nf\tg \uFFFD\uFFFD \uFFFD end');
    expect(failure.text).toContain('a < b && "c"');
    expect(xmlElements(parsed, 'testsuite')[0]!.attributes['name']).toBe('we"ird&<dir>/x.yaml');
    expect(xmlElements(parsed, 'testcase')[0]!.attributes['name']).toBe('Pod/a"<b>: test-privileged');
  });

  it('is well-formed for an empty result and byte-identical across runs', () => {
    const none = junit({ ...full, files: [], resources: [], findings: [] }, OPTIONS);
    expect(parseXml(none).attributes).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(junit(lintFiles(FILES), OPTIONS)).toBe(xml);
  });
});

describe('github', () => {
  const out = github(full, OPTIONS);
  const lines = out.trimEnd().split('\n');
  const commands = lines.slice(0, -1).map((l) => {
    const m = GITHUB_COMMAND.exec(l);
    if (!m) throw new Error(`not a workflow command: ${l}`);
    return { command: m[1]!, props: githubProperties(m[2]), message: unescapeGithub(m[3]!) };
  });

  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(escapeProperty('%3A')).toBe('%253A');
    expect(unescapeGithub(escapeProperty('a%3A:b,%0A\n'))).toBe('a%3A:b,%0A\n');
  });

  it('writes one command per unsuppressed finding, errors first, then a summary line', () => {
    const open = full.findings.filter((f) => !f.suppression);
    expect(commands).toHaveLength(open.length);
    expect(commands.map((c) => c.command)).toEqual([
      ...open.filter((f) => f.severity === 'error').map(() => 'error'),
      ...open.filter((f) => f.severity === 'warning').map(() => 'warning'),
      ...open.filter((f) => f.severity === 'info').map(() => 'notice'),
    ]);
    expect(lines.at(-1)).toBe(`kubecomply: ${open.length} problems (4 errors, 2 warnings, 1 notice) in 7 files, 5 resources; 2 suppressed.`);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('puts file, range and a title on each command and the fix in the message', () => {
    const web = commands.find((c) => c.props['file'] === 'apps/web.yaml' && c.command === 'error')!;
    const f = full.findings.find((x) => x.file === 'apps/web.yaml' && x.ruleId === 'test-privileged')!;
    expect(web.props).toEqual({
      file: 'apps/web.yaml',
      line: String(f.range.start.line),
      endLine: String(f.range.end.line),
      col: String(f.range.start.column),
      endColumn: String(f.range.end.column),
      title: 'test-privileged (Deployment/shop/web)',
    });
    expect(web.message).toBe(
      'Container "app" runs privileged.\nHow to fix: Set securityContext.privileged to false.\nControls: test-fw 1.0 1.1, test-fw 1.0 2.1',
    );
    const helm = commands.find((c) => c.props['file'] === 'rendered/chart.yaml')!;
    expect(helm.message).toContain('\nHelm template: shop/templates/worker.yaml\n');
  });

  it('escapes what GitHub would misread, and leaves columns out of ranges over several lines', () => {
    const odd = finding({
      file: 'a,b:c%.yaml',
      message: 'line one: 100%\r\nline two, with ::error:: inside',
      range: { start: { line: 3, column: 5 }, end: { line: 7, column: 2 } },
      resource: { apiVersion: 'v1', kind: 'Pod', name: 'x,y:z' },
    });
    const [line] = github(resultOf([odd]), OPTIONS).split('\n');
    expect(line).toBe(
      '::error file=a%2Cb%3Ac%25.yaml,line=3,endLine=7,title=test-privileged (Pod/x%2Cy%3Az)::line one: 100%25%0D%0Aline two, with ::error:: inside%0AHow to fix: Fix it.',
    );
    const m = GITHUB_COMMAND.exec(line!)!;
    expect(githubProperties(m[2])).toEqual({ file: 'a,b:c%.yaml', line: '3', endLine: '7', title: 'test-privileged (Pod/x,y:z)' });
    expect(unescapeGithub(m[3]!).split('\n')[0]).toBe('line one: 100%\r');
  });

  it('annotates the run, not a file, for standard input and findings without a resource', () => {
    const { resource: _, ...noResource } = finding({ file: '<stdin>', ruleId: 'parse-error' });
    const [line] = github(resultOf([noResource]), OPTIONS).split('\n');
    expect(line).toBe('::error title=parse-error::Container "app" runs privileged.%0AHow to fix: Fix it.');
  });

  it('says so when GitHub will drop annotations, and when nothing is wrong', () => {
    const many = resultOf(Array.from({ length: 11 }, (_, i) => finding({ path: ['spec', i] })));
    expect(github(many, OPTIONS).trimEnd().split('\n').at(-1)).toMatch(/11 problems .* GitHub shows at most 10 annotations of each type per step/);
    const clean = github({ ...full, findings: [] }, OPTIONS);
    expect(clean).toBe('kubecomply: no problems in 7 files, 5 resources.\n');
  });
});
