import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonReport, runCli, type CliRun, type JsonReport } from './support/cli.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'packages/cli/dist/cli.js');

let work: string;

/** Runs the built command in the scratch folder, on a fixed day for suppression expiries. */
function run(args: readonly string[], options: { cwd?: string; now?: string } = {}): CliRun {
  return runCli(args, { cwd: options.cwd ?? work, now: options.now ?? '2026-11-27' });
}

const report = jsonReport;
const active = (r: JsonReport) =>
  r.findings
    .filter((f) => !f.suppression)
    .map((f) => f.ruleId)
    .sort();
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
  writeFileSync(path.join(work, rel), text);
};

const EXPORTER = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
  annotations:
    ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics; expires=2026-12-31"
spec:
  selector: { matchLabels: { app: ne } }
  template:
    metadata: { labels: { app: ne } }
    spec:
      hostPID: true
      hostNetwork: true
      containers:
        - name: ne
          image: ne
`;

const CONFIG = `# yaml-language-server: $schema=node_modules/@kubecomply/core/schema/kubecomply-config.schema.json
frameworks: [pss-baseline]
suppressions:
  - rule: host-network
    resources: [{ kind: DaemonSet, namespace: monitoring, name: "node-*" }]
    reason: the exporter serves metrics on the node's address
`;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`Build first: ${cli} is missing (npx -y pnpm@12.21.0 build).`);
  work = mkdtempSync(path.join(tmpdir(), 'kubecomply-config-cli-'));
  write('.kubecomply.yaml', CONFIG);
  write('monitoring/exporter.yaml', EXPORTER);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('config file', () => {
  it('is found by walking up from the working directory, and its suppressions and annotations apply', () => {
    const r = run(['-f', 'json', 'exporter.yaml'], { cwd: path.join(work, 'monitoring') });
    expect(r.stderr).toBe('kubecomply: using config ../.kubecomply.yaml\n');
    expect(report(r).config).toBe('../.kubecomply.yaml');
    expect(r.code).toBe(0);
    const rep = report(r);
    expect(rep.findings.map((f) => [f.ruleId, f.suppression?.source])).toEqual([
      ['host-pid', 'annotation'],
      ['host-network', 'config'],
    ]);
    expect(rep.findings[0]?.suppression).toEqual({ reason: 'node-exporter reads host process metrics', expires: '2026-12-31', source: 'annotation' });
    expect(rep.summary).toMatchObject({ findings: 2, errors: 0, suppressed: 2 });
  });

  it('stylish counts suppressed findings, and --show-suppressed lists them', () => {
    const plain = run(['monitoring']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe('✔ No problems in 1 file, 1 resource; 2 suppressed.\n');
    const shown = run(['--show-suppressed', 'monitoring']);
    expect(shown.stdout).toContain('host-pid  [suppressed by annotation until 2026-12-31: node-exporter reads host process metrics]');
    expect(shown.stdout).toContain("host-network  [suppressed by config: the exporter serves metrics on the node's address]");
  });

  it('an expired suppression fails the run again and says so (KUBECOMPLY_NOW)', () => {
    const r = run(['-f', 'json', 'monitoring'], { now: '2027-01-01' });
    expect(r.code).toBe(1);
    const pid = report(r).findings.find((f) => f.ruleId === 'host-pid');
    expect(pid?.suppression).toBeUndefined();
    expect(pid?.message).toMatch(/\[the suppression by annotation ignore\.kubecomply\.io\/host-pid expired on 2026-12-31\]$/);
    expect(run(['monitoring'], { now: 'soon' })).toMatchObject({ code: 2, stderr: expect.stringContaining('KUBECOMPLY_NOW must be a date') });
  });

  it('--config names the file, --no-config uses none', () => {
    write('strict/kubecomply.yaml', 'frameworks: [pss-baseline]\nrules: { host-pid: warning }\n');
    const strict = run(['-f', 'json', '--config', 'strict/kubecomply.yaml', 'monitoring']);
    expect(strict.code).toBe(1);
    expect(report(strict).findings.map((f) => `${f.ruleId} ${f.severity} ${f.suppression?.source ?? '-'}`)).toEqual([
      'host-pid warning annotation',
      'host-network error -',
    ]);
    const none = run(['-f', 'json', '--no-config', '--rule', 'host-network', 'monitoring']);
    expect(active(report(none))).toEqual(['host-network']);
    expect(run(['--config', 'nope.yaml', 'monitoring'])).toMatchObject({ code: 2, stderr: 'kubecomply: Cannot read config file nope.yaml: no such file.\n' });
  });

  it('a typo exits 2 naming the file, line, column and the nearest key', () => {
    write('typo/.kubecomply.yaml', '# kubecomply\nfailOn: error\npci:\n  scopee: {}\n');
    write('typo/a.yaml', EXPORTER);
    const r = run(['a.yaml'], { cwd: path.join(work, 'typo') });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('kubecomply: .kubecomply.yaml:4:3: unknown key "scopee"; did you mean "scope"?\n');
    write('typo/.kubecomply.yaml', 'rules:\n  host-pdi: off\n');
    expect(run(['a.yaml'], { cwd: path.join(work, 'typo') }).stderr).toBe(
      'kubecomply: .kubecomply.yaml:2:3: unknown rule "host-pdi" in rules; did you mean "host-pid"?\n',
    );
  });

  it('flags override it: --fail-on over failOn, --framework over frameworks, --rule over off', () => {
    write('flags/.kubecomply.yaml', 'failOn: none\nframeworks: [pss-baseline]\nrules: { host-network: off }\n');
    write('flags/a.yaml', EXPORTER.replace(/ {2}annotations:\n.*\n/, ''));
    const cwd = path.join(work, 'flags');
    expect(run(['a.yaml'], { cwd }).code).toBe(0);
    expect(run(['--fail-on', 'error', 'a.yaml'], { cwd }).code).toBe(1);
    expect(active(report(run(['-f', 'json', 'a.yaml'], { cwd })))).toEqual(['host-pid']);
    expect(active(report(run(['-f', 'json', '--rule', 'host-network', 'a.yaml'], { cwd })))).toEqual(['host-network']);
    const restricted = report(run(['-f', 'json', '--framework', 'pss-restricted', 'a.yaml'], { cwd }));
    expect(active(restricted)).not.toContain('host-network');
    expect(active(restricted).length).toBeGreaterThan(0);
  });

  it('ignore globs leave files out of walks and globs; a file named on the command line is always linted', () => {
    write('ign/.kubecomply.yaml', 'ignore: ["generated/**"]\n');
    write('ign/generated/x.yaml', 'not: [valid\n');
    write('ign/app.yaml', EXPORTER);
    const cwd = path.join(work, 'ign');
    expect(report(run(['-f', 'json', 'generated/x.yaml', 'app.yaml'], { cwd })).files).toEqual(['app.yaml', 'generated/x.yaml']);
    expect(report(run(['-f', 'json', '.'], { cwd })).files).toEqual(['app.yaml']);
    expect(report(run(['-f', 'json', 'generated/*.yaml', 'app.yaml'], { cwd })).files).toEqual(['app.yaml']);
    // The pre-commit hook names every staged file and asks for ignored ones to be left out.
    expect(report(run(['-f', 'json', '--skip-ignored', 'generated/x.yaml', 'app.yaml'], { cwd })).files).toEqual(['app.yaml']);
  });

  it('a negated ignore glob takes a file back, as in .gitignore', () => {
    write('neg/.kubecomply.yaml', 'ignore: ["vendor/**", "!vendor/keep.yaml"]\n');
    write('neg/vendor/drop.yaml', EXPORTER);
    write('neg/vendor/keep.yaml', EXPORTER);
    expect(report(run(['-f', 'json', '.'], { cwd: path.join(work, 'neg') })).files).toEqual(['vendor/keep.yaml']);
  });

  it('an ignore list that leaves out every file says so on stderr', () => {
    write('all/.kubecomply.yaml', 'ignore: ["**"]\nfailOn: none\n');
    write('all/a.yaml', EXPORTER);
    const r = run(['.'], { cwd: path.join(work, 'all') });
    expect(r.stderr).toContain('kubecomply: warning: the ignore list of .kubecomply.yaml leaves out every file found (1); nothing was linted.');
  });

  it('with an ignore list, an unreadable entry or a dangling link is still a finding', () => {
    write('ign2/.kubecomply.yaml', 'ignore: ["generated/**"]\n');
    write('ign2/app.yaml', EXPORTER);
    symlinkSync('nowhere.yaml', path.join(work, 'ign2/dangling.yaml'));
    const r = run(['-f', 'json', '.'], { cwd: path.join(work, 'ign2') });
    expect(
      report(r)
        .findings.filter((f) => f.ruleId === 'parse-error')
        .map((f) => f.file),
    ).toEqual(['dangling.yaml']);
    expect(r.code).toBe(1);
  });

  it('discovery stops at the repository root and refuses a config others may write', () => {
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/app/a.yaml', EXPORTER);
    // The config of the directory above the repository does not apply inside it.
    write('.kubecomply.yaml', CONFIG);
    const inside = run(['-f', 'json', 'a.yaml'], { cwd: path.join(work, 'repo/app') });
    expect(report(inside).config).toBeNull();
    write('loose/.kubecomply.yaml', 'failOn: none\n');
    chmodSync(path.join(work, 'loose/.kubecomply.yaml'), 0o666);
    write('loose/a.yaml', EXPORTER);
    const loose = run(['a.yaml'], { cwd: path.join(work, 'loose') });
    expect(loose.code).toBe(2);
    expect(loose.stderr).toMatch(/^kubecomply: Refusing config file .*loose\/\.kubecomply\.yaml: others can write to it \(mode 666\)/);
    expect(loose.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('annotations that cannot suppress', () => {
  it('an empty reason produces suppression-invalid at the annotation, and the finding stays active', () => {
    write('noreason/a.yaml', EXPORTER.replace(/"node-exporter reads host process metrics; expires=2026-12-31"/, '""'));
    const r = run(['-f', 'json', '--no-config', 'noreason/a.yaml']);
    expect(r.code).toBe(1);
    const rep = report(r);
    expect(rep.findings.find((f) => f.ruleId === 'suppression-invalid')).toMatchObject({
      severity: 'warning',
      range: { start: { line: 7, column: 5 } },
      message: 'Annotation ignore.kubecomply.io/host-pid gives no reason, so it suppresses nothing.',
    });
    expect(rep.findings.find((f) => f.ruleId === 'host-pid')?.suppression).toBeUndefined();
  });
});

describe('baseline', () => {
  const LEGACY = `apiVersion: apps/v1
kind: Deployment
metadata: { name: legacy, namespace: shop }
spec:
  template:
    spec:
      hostIPC: true
      containers: [{ name: app, image: app, securityContext: { privileged: true } }]
`;

  it('--write-baseline records findings; --baseline then fails only on new ones, even after the resource moves', () => {
    write('bl/legacy.yaml', LEGACY);
    const cwd = path.join(work, 'bl');
    const first = run(['--no-config', '--framework', 'pss-baseline', '--write-baseline', 'kubecomply-baseline.json', '-f', 'json', 'legacy.yaml'], { cwd });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('kubecomply: wrote 2 findings to baseline kubecomply-baseline.json.\n');
    const baseline = JSON.parse(readFileSync(path.join(cwd, 'kubecomply-baseline.json'), 'utf8')) as { findings: { ruleId: string; resource: string }[] };
    expect(baseline.findings.map((e) => `${e.ruleId} ${e.resource}`)).toEqual([
      'host-ipc Deployment/shop/legacy',
      'privileged-container Deployment/shop/legacy',
    ]);
    expect(report(first).findings.every((f) => f.suppression?.source === 'baseline')).toBe(true);

    // Moved to another file, reformatted, and one new problem added.
    rmSync(path.join(cwd, 'legacy.yaml'));
    write(
      'bl/apps/all.yaml',
      `# shop\n---\n${LEGACY.replace('hostIPC: true', 'hostIPC: true\n      hostPID: true').replace('{ name: legacy, namespace: shop }', '\n  namespace: shop\n  name: legacy')}`,
    );
    const later = run(['--no-config', '--framework', 'pss-baseline', '--baseline', 'kubecomply-baseline.json', '-f', 'json', 'apps'], { cwd });
    expect(later.code).toBe(1);
    const rep = report(later);
    expect(active(rep)).toEqual(['host-pid']);
    expect(rep.findings.find((f) => f.ruleId === 'host-ipc')?.suppression).toEqual({ reason: 'in baseline kubecomply-baseline.json', source: 'baseline' });
    expect(rep.summary).toMatchObject({ errors: 1, suppressed: 2 });
    expect(run(['--no-config', '--framework', 'pss-baseline', '--baseline', 'kubecomply-baseline.json', 'apps'], { cwd }).stdout).toMatch(
      /✖ 1 problem \(1 error, .*; 2 suppressed\.\n$/,
    );
  });

  it('a missing or foreign baseline is a usage error', () => {
    expect(run(['--baseline', 'nope.json', 'monitoring'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Cannot read baseline nope.json: no such file'),
    });
    write('foreign.json', '{"hello": 1}');
    expect(run(['--baseline', 'foreign.json', 'monitoring'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('foreign.json is not a kubecomply baseline'),
    });
  });
});

describe('kubecomply init', () => {
  it('writes a commented, valid .kubecomply.yaml and refuses to overwrite it without --force', () => {
    const dir = path.join(work, 'init');
    mkdirSync(dir);
    expect(run(['init'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'Wrote .kubecomply.yaml.\n' });
    const text = readFileSync(path.join(dir, '.kubecomply.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    writeFileSync(path.join(dir, '.kubecomply.yaml'), 'failOn: none\n');
    const again = run(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('.kubecomply.yaml already exists here; run "kubecomply init --force"');
    expect(readFileSync(path.join(dir, '.kubecomply.yaml'), 'utf8')).toBe('failOn: none\n');
    expect(run(['init', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, '.kubecomply.yaml'), 'utf8')).toBe(text);
    write('init/a.yaml', EXPORTER);
    expect(run(['a.yaml'], { cwd: dir })).toMatchObject({ code: 1, stderr: 'kubecomply: using config .kubecomply.yaml\n' });
  });

  it('is described in --help with the new flags', () => {
    const help = run(['--help']).stdout;
    for (const flag of [
      'kubecomply init [--force]',
      '--config <file>',
      '--no-config',
      '--baseline <file>',
      '--write-baseline <file>',
      '--show-suppressed',
      'KUBECOMPLY_NOW',
    ]) {
      expect(help).toContain(flag);
    }
  });
});

describe('start-up', () => {
  it('the bundle validates configs with ajv standalone code and runs the ajv compiler only for declarative checks', () => {
    // dist/cli.js is the loader; the code is the bundle beside it, and ajv a file of its own (packages/cli/tsup.config.ts).
    const bundle = readFileSync(path.join(path.dirname(cli), 'kubecomply.js'), 'utf8');
    // The generated validator's messages are in the bundle (its names are minified away).
    expect(bundle).toContain('must NOT have additional properties');
    // ajv is not in the bundle every run reads: its one call site is the
    // CLI's loadAjv, which requires dist/ajv.js only when a config has checks.
    expect(bundle).not.toMatch(/require\("ajv"\)|new Ajv\b|class Ajv\b/);
    expect(bundle.split('require("./ajv.js")').length - 1).toBe(1);
    expect(bundle).toMatch(/=\(\)=>require\("\.\/ajv\.js"\)\.Ajv\b/);
    const ajv = readFileSync(path.join(path.dirname(cli), 'ajv.js'), 'utf8');
    expect(ajv).toContain('must NOT have additional properties');
    expect(ajv.length).toBeGreaterThan(bundle.length / 10);
  });
});
