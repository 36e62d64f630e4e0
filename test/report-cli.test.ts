import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findings, jsonReport, REPO_ROOT as root, runCli, type CliRun, type JsonFinding } from './support/cli.js';

/** The frameworks this package family ships with, among others the rule packages may add. */
const FRAMEWORKS = ['pss-baseline', 'pss-restricted', 'cis-kubernetes', 'nsa-cisa', 'mitre-attack', 'nist-800-190'];

/** Runs the built command from the repository root by default. */
function run(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  return runCli(args, options);
}

interface JsonControl {
  id: string;
  assessment: string;
  status: string;
  rules: string[];
  rulesNotRun: string[];
  resources: { evaluated: number; failed: number };
  findings: number[];
  suppressed: number[];
}
interface JsonFramework {
  id: string;
  score: number | null;
  passed: number;
  failed: number;
  counts: Record<string, number>;
  controls: JsonControl[];
}
interface ComplianceJson {
  reportVersion: number;
  summary: Record<string, number>;
  frameworks: JsonFramework[];
  findings: JsonFinding[];
}

const tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dirs = 0;
function workdir(files: Record<string, string>): string {
  const dir = path.join(tmp, String(dirs++));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PRIVILEGED = (annotation = '') => `apiVersion: v1
kind: Pod
metadata:
  name: tool
  namespace: ops${annotation ? `\n  annotations:\n    ignore.kubecomply.io/privileged-container: "${annotation}"` : ''}
spec:
  containers:
    - name: tool
      image: registry.example.com/tool:1.0
      securityContext: { privileged: true }
`;

describe('kubecomply report (built CLI)', () => {
  const jsonRun = run(['report', '--format', 'json', 'examples/shop/']);
  const report = JSON.parse(jsonRun.stdout) as ComplianceJson;

  it('prints the compliance report of every framework as text and exits 0 despite findings', () => {
    const text = run(['report', 'examples/shop/']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    for (const id of FRAMEWORKS) expect(text.stdout).toMatch(new RegExp(`\\[${id}\\]  score (\\d+\\.\\d%|n/a)`));
    expect(text.stdout).toMatch(/^ {2}✖ 5\.2\.2 {2}\S.* {2}1 finding, 1 of \d+ resources$/m);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Score = passed ÷ \(passed \+ failed\) automated controls × 100/);
    expect(run(['report', 'examples/shop/']).stdout).toBe(text.stdout);
    expect(run(['lint', 'examples/shop/']).code).toBe(1);
  });

  it("json: scores follow from the control statuses, and controls point at their rules' findings", () => {
    expect(jsonRun.code).toBe(0);
    expect(report.reportVersion).toBe(1);
    expect(report.frameworks.map((f) => f.id)).toEqual(expect.arrayContaining(FRAMEWORKS));
    expect(report.findings).toEqual(findings(run(['--format', 'json', 'examples/shop/'])));
    for (const fw of report.frameworks) {
      const automated = fw.controls.filter((c) => c.assessment === 'automated');
      expect(fw.passed).toBe(automated.filter((c) => c.status === 'passed').length);
      expect(fw.failed).toBe(automated.filter((c) => c.status === 'failed').length);
      expect(fw.score).toBe(fw.passed + fw.failed === 0 ? null : (fw.passed / (fw.passed + fw.failed)) * 100);
      expect(Object.values(fw.counts).reduce((a, b) => a + b, 0)).toBe(fw.controls.length);
      for (const c of fw.controls) {
        for (const i of c.findings) {
          expect(c.rules).toContain(report.findings[i]!.ruleId);
          expect(report.findings[i]!.suppression).toBeUndefined();
        }
        expect(c.status === 'failed').toBe(c.findings.length > 0);
        if (c.status === 'passed') expect(c.resources.evaluated).toBeGreaterThan(0);
        if (c.status === 'not-applicable') expect(c.resources.evaluated).toBe(0);
        expect(c.resources.failed).toBeLessThanOrEqual(c.resources.evaluated);
      }
    }
    const pss = report.frameworks.find((f) => f.id === 'pss-baseline')!;
    expect(pss.controls.find((c) => c.id === 'privileged')).toMatchObject({ status: 'failed', resources: { failed: 1 } });
  });

  it('--framework narrows the report', () => {
    const one = JSON.parse(run(['report', '--framework', 'nsa-cisa', '--format', 'json', 'examples/shop/']).stdout) as ComplianceJson;
    expect(one.frameworks.map((f) => f.id)).toEqual(['nsa-cisa']);
    expect(one.frameworks[0]!.controls.map((c) => c.id)).toEqual(expect.arrayContaining(['PS1', 'PS6', 'NS10', 'AA2', 'AL4', 'UP1']));
  });

  it.each(['markdown', 'html'])('%s: the same input gives the same bytes; SOURCE_DATE_EPOCH adds the time', (format) => {
    const first = run(['report', '--format', format, 'examples/shop/']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(run(['report', '--format', format, 'examples/shop/']).stdout).toBe(first.stdout);
    expect(first.stdout).not.toContain('2023-11-14');
    const dated = run(['report', '--format', format, 'examples/shop/'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(dated.stdout).toContain('2023-11-14T22:13:20Z');
    expect(run(['report', '--format', format, 'examples/shop/'], { env: { SOURCE_DATE_EPOCH: 'soon' } }).code).toBe(2);
  });

  it('markdown and html work with lint too, which keeps its exit code; --quiet does not thin a report', () => {
    const md = run(['--format', 'markdown', 'examples/shop/']);
    expect(md.code).toBe(1);
    expect(md.stdout).toBe(run(['report', '--format', 'markdown', 'examples/shop/']).stdout);
    const rows = (page: string) => page.match(/<tr data-severity=/g)?.length;
    expect(rows(run(['--quiet', '--format', 'html', 'examples/shop/']).stdout)).toBe(report.findings.length);
  });

  it('markdown stays within what a pull request comment may hold', () => {
    const pods = Array.from({ length: 400 }, (_, i) => PRIVILEGED().replace('name: tool', `name: tool-with-a-rather-long-name-${i}`)).join('---\n');
    const dir = workdir({ 'many.yaml': pods });
    const md = run(['report', '--format', 'markdown', 'many.yaml'], { cwd: dir }).stdout;
    expect(md.length).toBeGreaterThan(10_000);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/- … and \d+ more\n/);
  });

  it('links to the files at the commit in a GitHub Actions run', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123', GITHUB_WORKSPACE: path.dirname(root) };
    const md = run(['report', '--format', 'markdown', 'examples/shop/'], { env }).stdout;
    expect(md).toContain(`(https://github.com/acme/shop/blob/abc123/${path.basename(root)}/examples/shop/node-agent.yaml#L19)`);
    expect(run(['report', '--format', 'markdown', 'examples/shop/']).stdout).toContain('(examples/shop/node-agent.yaml#L19)');
  });

  it('refuses formats it does not have, and needs paths', () => {
    expect(run(['report', '--format', 'sarif', 'examples/shop/'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/format "sarif" for report\. Formats: stylish, json, markdown, html\./),
    });
    expect(run(['report']).code).toBe(2);
  });

  it('--help documents the command and its options', () => {
    const help = run(['--help']).stdout;
    expect(help).toContain('kubecomply report [--framework <id>] [--format stylish|json|markdown|html] <paths...>');
    expect(help).toMatch(/--catalog <file> .*repeatable/);
    expect(help).toMatch(/--min-score <id>=<n> .*repeatable/);
  });
});

describe('--min-score', () => {
  const scoreOf = (id: string, args: string[] = []) =>
    (JSON.parse(run(['report', '--format', 'json', ...args, 'examples/shop/']).stdout) as ComplianceJson).frameworks.find((f) => f.id === id)!.score!;

  it('exits 1 below the minimum, with a line on stderr; 0 at or above it', () => {
    const score = scoreOf('pss-baseline');
    const below = run(['report', '--min-score', `pss-baseline=${Math.min(100, Math.floor(score) + 1)}`, 'examples/shop/']);
    expect(below.code).toBe(1);
    expect(below.stderr).toMatch(/^kubecomply: pss-baseline scores \d+\.\d, below the minimum \d+ \(--min-score\)\.\n$/);
    expect(run(['report', '--min-score', `pss-baseline=${Math.floor(score)}`, 'examples/shop/'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('fails lint runs too, even when no finding reaches --fail-on', () => {
    expect(run(['--fail-on', 'none', '--min-score', 'pss-restricted=100', 'examples/shop/']).code).toBe(1);
    expect(run(['--fail-on', 'none', '--min-score', 'pss-restricted=0', 'examples/shop/']).code).toBe(0);
  });

  it('is a usage error when malformed, repeated or naming a framework the run does not apply', () => {
    for (const bad of ['pss-baseline', 'pss-baseline=101', 'pss-baseline=-1', '=5', 'pss-baseline=ten']) {
      expect(run(['--min-score', bad, 'examples/shop/']), bad).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/--min-score must look like <framework>=<0-100>/),
      });
    }
    expect(run(['--min-score', 'nsa-cisa=1', '--min-score', 'nsa-cisa=2', 'examples/shop/']).stderr).toMatch(/gives framework "nsa-cisa" twice/);
    expect(run(['--framework', 'pss-baseline', '--min-score', 'nsa-cisa=10', 'examples/shop/'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--min-score names framework "nsa-cisa", which this run does not apply\. Frameworks: pss-baseline\./),
    });
  });

  it('enforces minScore from the config; a flag wins, and --framework may leave a config entry out', () => {
    const dir = workdir({ '.kubecomply.yaml': 'minScore: { pss-baseline: 100 }\n', 'pod.yaml': PRIVILEGED() });
    const failed = run(['report', 'pod.yaml'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/pss-baseline scores \d+\.\d, below the minimum 100 \(minScore in \.kubecomply\.yaml\)/);
    expect(run(['report', '--min-score', 'pss-baseline=0', 'pod.yaml'], { cwd: dir }).code).toBe(0);
    expect(run(['report', '--framework', 'nsa-cisa', 'pod.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('misses any minimum when the input decides no automated control of the framework', () => {
    const dir = workdir({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: ops }\n' });
    const r = run(['report', '--framework', 'pss-baseline', '--min-score', 'pss-baseline=1', 'cm.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pss-baseline has no score (the input decides none of its automated controls), below the minimum 1');
  });
});

describe('suppressions and catalogs in reports', () => {
  it('lists a suppressed finding with its reason and does not fail its control', () => {
    const dir = workdir({ 'pod.yaml': PRIVILEGED('Node debugging tool, approved in SEC-42') });
    const json = JSON.parse(run(['report', '--framework', 'cis-kubernetes', '--format', 'json', 'pod.yaml'], { cwd: dir }).stdout) as ComplianceJson;
    const control = json.frameworks[0]!.controls.find((c) => c.id === '5.2.2')!;
    expect(control).toMatchObject({ status: 'passed', findings: [] });
    expect(control.suppressed.map((i) => json.findings[i]!.suppression)).toEqual([{ reason: 'Node debugging tool, approved in SEC-42', source: 'annotation' }]);
    const page = run(['report', '--format', 'html', 'pod.yaml'], { cwd: dir }).stdout;
    expect(page).toContain('<td>annotation</td><td>Node debugging tool, approved in SEC-42</td>');
    const md = run(['report', '--format', 'markdown', 'pod.yaml'], { cwd: dir }).stdout;
    expect(md).toContain('| `privileged-container` | [pod.yaml:12](pod.yaml#L12) `Pod/ops/tool` | annotation | Node debugging tool, approved in SEC-42 | – |');
  });

  it("--catalog adds a framework of the user's own that the report, --framework and --min-score know", () => {
    const dir = workdir({
      'acme.yaml': `id: acme
version: "1"
title: ACME baseline
controls:
  - { id: A1, title: No privileged pods, rules: [privileged-container] }
  - { id: A2, title: No RBAC wildcards, rules: [rbac-wildcard] }
  - { id: A3, title: Change board, assessment: manual, note: Minutes. }
`,
      'pod.yaml': PRIVILEGED(),
    });
    const json = JSON.parse(
      run(['report', '--catalog', 'acme.yaml', '--framework', 'acme', '--format', 'json', 'pod.yaml'], { cwd: dir }).stdout,
    ) as ComplianceJson;
    expect(json.frameworks.map((f) => [f.id, f.score])).toEqual([['acme', 0]]);
    expect(json.frameworks[0]!.controls.map((c) => [c.id, c.status])).toEqual([
      ['A1', 'failed'],
      ['A2', 'not-applicable'],
      ['A3', 'manual'],
    ]);
    const lint = run(['--catalog', 'acme.yaml', '--framework', 'acme', '--format', 'json', 'pod.yaml'], { cwd: dir });
    const linted = jsonReport(lint);
    expect(linted.findings).toEqual([expect.objectContaining({ ruleId: 'privileged-container' })]);
    expect(linted.rules['privileged-container']?.controls).toEqual([{ framework: 'acme', version: '1', id: 'A1' }]);
    expect(run(['report', '--catalog', 'acme.yaml', '--min-score', 'acme=50', 'pod.yaml'], { cwd: dir }).code).toBe(1);
    const config = workdir({
      '.kubecomply.yaml': 'frameworks: [acme]\n',
      'acme.yaml': 'id: acme\nversion: "1"\ntitle: A\ncontrols: [{ id: A1, title: x, rules: [host-pid] }]\n',
      'pod.yaml': PRIVILEGED(),
    });
    expect(run(['report', '--catalog', 'acme.yaml', 'pod.yaml'], { cwd: config }).code).toBe(0);
  });

  it('a broken catalog is a configuration error naming file, line and column', () => {
    const dir = workdir({
      'bad.yaml': 'id: acme\nversion: 2\ntitle: A\ncontrols:\n  - { id: A1, title: x, rules: [privileged-containers] }\n',
      'pod.yaml': PRIVILEGED(),
    });
    const r = run(['report', '--catalog', 'bad.yaml', 'pod.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kubecomply: bad.yaml:2:1: version must be a string; put it in quotes (YAML read it as the number 2)\n');
    // What the schema cannot know is checked once the file has the catalog's shape.
    writeFileSync(path.join(dir, 'bad.yaml'), 'id: acme\nversion: "2"\ntitle: A\ncontrols:\n  - { id: A1, title: x, rules: [privileged-containers] }\n');
    const unknown = run(['report', '--catalog', 'bad.yaml', 'pod.yaml'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('bad.yaml:5:33: unknown rule "privileged-containers" in controls[0].rules; did you mean "privileged-container"?');
    expect(run(['report', '--catalog', 'missing.yaml', 'pod.yaml'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'kubecomply: Cannot read catalog missing.yaml: no such file.\n',
    });
    const clash = workdir({
      'cis.yaml': 'id: cis-kubernetes\nversion: "1"\ntitle: A\ncontrols: [{ id: A1, title: x, assessment: manual }]\n',
      'pod.yaml': PRIVILEGED(),
    });
    expect(run(['report', '--catalog', 'cis.yaml', 'pod.yaml'], { cwd: clash }).stderr).toContain(
      'cis.yaml:1:1: framework id "cis-kubernetes" is already used',
    );
  });
});
