/**
 * The small things users expect of a linter's command line: an unwritable
 * -o caught before linting, "did you mean" for flags and ids, --max-warnings,
 * --print-config, and unused suppressions reported.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, runCli } from './support/cli.js';

const WARNING_ONLY = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\ndata:\n  a: "1"\n  a: "2"\n';
const ANNOTATED = [
  'apiVersion: v1', //                                                        1
  'kind: Pod', //                                                             2
  'metadata:', //                                                             3
  '  name: agent', //                                                         4
  '  namespace: ops', //                                                      5
  '  annotations:', //                                                        6
  '    ignore.kubecomply.io/host-network: "scrapes node metrics"', //         7
  '    ignore.kubecomply.io/host-pid: "left over from an old version"', //    8
  'spec:', //                                                                 9
  '  hostNetwork: true', //                                                  10
  '  containers: [{ name: agent, image: registry.example.com/agent:1.0 }]', // 11
  '',
].join('\n');

let work: string;
const kubecomply = (args: string[], env?: Record<string, string>) => runCli(args, { cwd: work, ...(env ? { env } : {}) });
const firstLine = (text: string) => text.split('\n')[0];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubecomply-options-'));
  writeFileSync(path.join(work, 'warning.yaml'), WARNING_ONLY);
  writeFileSync(path.join(work, 'agent.yaml'), ANNOTATED);
});
afterAll(() => {
  chmodSync(work, 0o755);
  rmSync(work, { recursive: true, force: true });
});

describe('-o that cannot be written', () => {
  it('is a one-line usage error, checked before anything is linted', () => {
    // An unreadable input would be warned about while linting: no such warning appears.
    const r = kubecomply(['-o', '/nonexistent/dir/report.json', 'warning.yaml', 'no-such-file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'kubecomply: Cannot write -o /nonexistent/dir/report.json: no directory /nonexistent/dir; create it first.\nRun "kubecomply --help" for usage.\n',
    );
  });

  it('names a directory and a read-only folder for what they are', () => {
    mkdirSync(path.join(work, 'out'), { recursive: true });
    expect(firstLine(kubecomply(['-o', 'out', 'warning.yaml']).stderr)).toBe('kubecomply: Cannot write -o out: it is a directory.');
    if (process.getuid?.() === 0) return; // root writes anywhere
    mkdirSync(path.join(work, 'locked'), { recursive: true });
    chmodSync(path.join(work, 'locked'), 0o555);
    expect(firstLine(kubecomply(['-o', 'locked/r.json', 'warning.yaml']).stderr)).toBe('kubecomply: Cannot write -o locked/r.json: permission denied.');
  });
});

describe('did you mean', () => {
  it('for a mistyped flag', () => {
    const r = kubecomply(['--fromat', 'json', 'warning.yaml']);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe("kubecomply: Unknown option '--fromat'; did you mean --format?");
  });

  it('for a mistyped rule id, in --rule and --disable', () => {
    expect(firstLine(kubecomply(['--rule', 'privileged-containr', 'warning.yaml']).stderr)).toBe(
      'kubecomply: Unknown rule "privileged-containr" in --rule; did you mean "privileged-container"?',
    );
    expect(firstLine(kubecomply(['--disable', 'host-pidd', 'warning.yaml']).stderr)).toMatch(/in --disable; did you mean "host-pid"\?/);
  });

  it('for a mistyped framework id, and the list when nothing is near', () => {
    expect(firstLine(kubecomply(['--framework', 'pss-baselin', 'warning.yaml']).stderr)).toBe(
      'kubecomply: Unknown framework "pss-baselin"; did you mean "pss-baseline"?',
    );
    expect(firstLine(kubecomply(['--framework', 'sox', 'warning.yaml']).stderr)).toMatch(
      /^kubecomply: Unknown framework "sox"\. Known frameworks: .*pss-baseline/,
    );
  });

  it('for a mistyped command', () => {
    const r = kubecomply(['reprot', 'warning.yaml']);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toBe('kubecomply: No such file, directory or matching files: reprot; did you mean "kubecomply report"?');
  });

  it('for a mistyped format', () => {
    expect(firstLine(kubecomply(['-f', 'sarf', 'warning.yaml']).stderr)).toMatch(/^kubecomply: Unknown format "sarf"; did you mean "sarif"\? Formats: /);
  });

  it('stays bounded: a flag of 100,000 characters gets no suggestion and no stack trace', () => {
    const r = kubecomply([`--${'x'.repeat(100_000)}`, 'warning.yaml']);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^kubecomply: Unknown option '--x+'\.$/);
  });
});

describe('--max-warnings <n>', () => {
  it('exits 1 when the warnings are more than n, as ESLint does', () => {
    const over = kubecomply(['--max-warnings', '0', 'warning.yaml']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('kubecomply: 1 warnings, more than --max-warnings 0 allows.\n');
    expect(kubecomply(['--max-warnings', '1', 'warning.yaml']).code).toBe(0);
    expect(kubecomply(['--max-warnings', '-1', 'warning.yaml']).code).toBe(0);
    expect(firstLine(kubecomply(['--max-warnings', 'few', 'warning.yaml']).stderr)).toBe(
      'kubecomply: --max-warnings must be a whole number (or -1 for no limit), not "few".',
    );
  });

  it('does not count suppressed warnings', () => {
    const dir = path.join(work, 'suppressed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'warning.yaml'), WARNING_ONLY);
    writeFileSync(path.join(dir, '.kubecomply.yaml'), 'suppressions:\n  - { rule: duplicate-key, reason: "generated by our tool, fixed upstream" }\n');
    expect(runCli(['--max-warnings', '0', 'warning.yaml'], { cwd: dir }).code).toBe(0);
  });
});

describe('--print-config <file>', () => {
  it('prints the settings that apply to that file and lints nothing', () => {
    const dir = path.join(work, 'printed');
    mkdirSync(path.join(dir, 'dev'), { recursive: true });
    writeFileSync(path.join(dir, 'dev/app.yaml'), WARNING_ONLY);
    writeFileSync(path.join(dir, 'prod.yaml'), WARNING_ONLY);
    writeFileSync(
      path.join(dir, '.kubecomply.yaml'),
      [
        'frameworks: [pss-baseline]',
        'rules: { host-port: warning }',
        'ignore: ["vendor/**"]',
        'overrides:',
        '  - { files: ["dev/**"], rules: { host-port: "off", host-pid: info } }',
        '  - { resources: [{ namespace: kube-system }], rules: { host-network: "off" } }',
        'suppressions:',
        '  - { rule: host-pid, files: ["dev/**"], reason: debugging pods }',
        '',
      ].join('\n'),
    );
    const dev = runCli(['--print-config', 'dev/app.yaml'], { cwd: dir });
    expect(dev.code).toBe(0);
    expect(dev.stderr).toBe('');
    const config = JSON.parse(dev.stdout) as Record<string, unknown> & { rules: Record<string, string> };
    expect(config).toMatchObject({ file: 'dev/app.yaml', configFile: '.kubecomply.yaml', ignored: false, frameworks: ['pss-baseline'], failOn: 'error' });
    expect(config.rules['host-pid']).toBe('info');
    expect(config.rules['host-port']).toBeUndefined();
    expect(config['overridesByResource']).toEqual([{ resources: [{ namespace: 'kube-system' }], rules: { 'host-network': 'off' } }]);
    expect(config['suppressions']).toEqual([{ rule: 'host-pid', reason: 'debugging pods' }]);
    const prod = JSON.parse(runCli(['--print-config', 'prod.yaml', '--fail-on', 'warning'], { cwd: dir }).stdout) as typeof config;
    expect(prod.rules['host-pid']).toBe('error');
    expect(prod.rules['host-port']).toBe('warning');
    expect(prod['suppressions']).toEqual([]);
    expect(prod['failOn']).toBe('warning');
    expect(firstLine(runCli(['--print-config', 'nothing.yaml'], { cwd: dir }).stderr)).toBe('kubecomply: --print-config: no such file nothing.yaml.');
  });
});

describe('unused suppressions (unused-suppression, a warning, on by default)', () => {
  it('reports an annotation whose rule found nothing on its resource, at the annotation key', () => {
    const found = findings(kubecomply(['-f', 'json', 'agent.yaml']));
    const unused = found.filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.map((f) => [f.range.start.line, f.range.start.column, f.severity, f.message])).toEqual([
      [8, 5, 'warning', 'Annotation ignore.kubecomply.io/host-pid suppresses nothing: host-pid reports no finding on this resource.'],
    ]);
    expect(unused[0]?.path).toEqual(['metadata', 'annotations', 'ignore.kubecomply.io/host-pid']);
    // The used one suppressed its finding.
    expect(found.find((f) => f.ruleId === 'host-network')?.suppression).toMatchObject({ source: 'annotation', reason: 'scrapes node metrics' });
  });

  it('does not judge annotations of rules the run does not apply', () => {
    const found = findings(kubecomply(['-f', 'json', '--rule', 'host-network', 'agent.yaml']));
    expect(found.filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });

  it('reports config suppressions that match no finding, at the entry, and can be turned off', () => {
    const dir = path.join(work, 'config-unused');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'agent.yaml'), ANNOTATED);
    const config = [
      'suppressions:', //                                                                   1
      '  - { rule: host-network, files: ["agent.yaml"], reason: also the config }', //         2
      '  - { rule: privileged-container, reason: no container is privileged any more }', //    3
      '',
    ].join('\n');
    writeFileSync(path.join(dir, '.kubecomply.yaml'), config);
    const unused = findings(runCli(['-f', 'json', 'agent.yaml'], { cwd: dir })).filter((f) => f.ruleId === 'unused-suppression');
    expect(unused.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      '.kubecomply.yaml:3:5 The suppression of privileged-container at .kubecomply.yaml:3 suppresses nothing: no finding of privileged-container matches it.',
      'agent.yaml:8:5 Annotation ignore.kubecomply.io/host-pid suppresses nothing: host-pid reports no finding on this resource.',
    ]);
    writeFileSync(path.join(dir, '.kubecomply.yaml'), `rules: { unused-suppression: "off" }\n${config}`);
    expect(findings(runCli(['-f', 'json', 'agent.yaml'], { cwd: dir })).filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });
});
