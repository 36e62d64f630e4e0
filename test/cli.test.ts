import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CORPUS, corpusPath } from './support/corpus.js';
import { jsonReport, runCli, type CliOptions, type CliRun, type JsonReport } from './support/cli.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'packages/cli/dist/cli.js');
const version = (JSON.parse(readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

/** Runs the built command in the scratch folder by default. */
function run(args: readonly string[], options: CliOptions = {}): CliRun {
  return runCli(args, { cwd: work, ...options });
}

const report = jsonReport;
const ruleIds = (r: JsonReport, file?: string) => [...new Set(r.findings.filter((f) => !file || f.file === file).map((f) => f.ruleId))].sort();
const ESC = '\u001b[';

const PRIVILEGED = [
  'apiVersion: v1', //            1
  'kind: Pod', //                 2
  'metadata: {name: priv}', //    3
  'spec:', //                     4
  '  hostPID: true', //           5
  '  containers:', //             6
  '    - name: app', //           7
  '      image: nginx:1.27', //   8
  '      securityContext:', //    9
  '        privileged: true', // 10
  '',
].join('\n');
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: quiet}\n';
const WARNING_ONLY = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\ndata:\n  a: "1"\n  a: "2"\n';
const BILLION_LAUGHS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: lol}',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'data: {bomb: *i}',
  '',
].join('\n');

let work: string;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx -y pnpm@12.21.0 build\` first.`);
  work = mkdtempSync(path.join(tmpdir(), 'kubecomply-cli-'));
  writeFileSync(path.join(work, 'privileged.yaml'), PRIVILEGED);
  writeFileSync(path.join(work, 'clean.yaml'), CLEAN);
  writeFileSync(path.join(work, 'warning.yaml'), WARNING_ONLY);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('information', () => {
  it('--version prints the package version', () => {
    const r = run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help prints usage with the options and exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kubecomply/);
    for (const option of ['--format', '--output', '--rule', '--disable', '--fail-on', '--quiet', '--framework']) expect(r.stdout).toContain(option);
    expect(r.stdout).toMatch(/Exit codes/);
  });
});

describe('exit codes and findings', () => {
  it('exits 0 on a clean file', () => {
    const r = run(['clean.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems in 1 file, 1 resource/);
  });

  it('exits 1 with findings, each shown at file:line:column', () => {
    const r = run(['privileged.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^privileged\.yaml\n/);
    expect(r.stdout).toMatch(/^ {2}10:9 +error +Pod\/priv .*privileged-container$/m);
    expect(r.stdout).toMatch(/^ {2}5:3 +error +Pod\/priv .*host-pid$/m);
  });

  it.each([
    ['an unknown flag', ['--bogus', 'clean.yaml'], /^kubecomply: .*--bogus/],
    ['an unknown format', ['--format', 'xml', 'clean.yaml'], /^kubecomply: .*format "xml"/],
    ['an unknown rule', ['--rule', 'no-such-rule', 'clean.yaml'], /^kubecomply: .*rule "no-such-rule"/],
    ['an unknown disabled rule', ['--disable', 'no-such-rule', 'clean.yaml'], /^kubecomply: .*rule "no-such-rule"/],
    ['an unknown framework', ['--framework', 'no-such-fw', 'clean.yaml'], /^kubecomply: .*framework "no-such-fw"/],
    ['a bad --fail-on', ['--fail-on', 'sometimes', 'clean.yaml'], /^kubecomply: .*--fail-on.*"sometimes"/],
    ['no path at all', [], /^kubecomply: No paths given/],
    ['an unknown format for rules', ['rules', '--format', 'xml'], /^kubecomply: .*format "xml"/],
  ])('exits 2 on %s, with one clear line on stderr and no stack trace', (_what, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/Error:/);
  });
});

describe('output', () => {
  it('--format json has the documented shape and consistent counts', () => {
    const r = run(['--format', 'json', 'privileged.yaml', 'clean.yaml', 'warning.yaml']);
    expect(r.code).toBe(1);
    const rep = report(r);
    expect(rep.reportVersion).toBe(1);
    expect(rep.tool).toEqual({ name: 'kubecomply', version });
    expect(rep.files).toEqual(['clean.yaml', 'privileged.yaml', 'warning.yaml']);
    const count = (sev: string) => rep.findings.filter((f) => f.severity === sev).length;
    expect(rep.summary).toMatchObject({
      files: 3,
      resources: 3,
      findings: rep.findings.length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    });
    expect(rep.summary['warnings']).toBeGreaterThanOrEqual(1);
    const priv = rep.findings.find((f) => f.ruleId === 'privileged-container');
    expect(priv).toMatchObject({
      severity: 'error',
      file: 'privileged.yaml',
      range: { start: { line: 10, column: 9 } },
      path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
      pathFound: true,
      resource: { kind: 'Pod', name: 'priv' },
    });
    // A finding's controls and remediation are given once per rule, in `rules`.
    expect(rep.rules['privileged-container']?.controls).toContainEqual(expect.objectContaining({ framework: 'pss-baseline', id: expect.any(String) }));
    expect(rep.rules['privileged-container']?.remediation).toMatch(/privileged/);
    expect(Object.keys(rep.rules).sort()).toEqual([...new Set(rep.findings.map((f) => f.ruleId))].sort());
    expect(rep.findings.find((f) => f.ruleId === 'duplicate-key')).toMatchObject({
      file: 'warning.yaml',
      severity: 'warning',
      range: { start: { line: 6, column: 3 } },
    });
  });

  it('-o writes the report to a file and nothing to standard output', () => {
    const out = path.join(work, 'report.json');
    const r = run(['--format', 'json', '-o', out, 'privileged.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(run(['--format', 'json', 'privileged.yaml']).stdout);
    const stylish = path.join(work, 'report.txt');
    run(['-o', stylish, 'privileged.yaml'], { env: { FORCE_COLOR: '1' } });
    expect(readFileSync(stylish, 'utf8')).not.toContain(ESC);
  });

  it('reads standard input for -', () => {
    const r = run(['--format', 'json', '-'], { input: PRIVILEGED });
    expect(r.code).toBe(1);
    const rep = report(r);
    expect(rep.files).toEqual(['<stdin>']);
    expect(rep.findings.find((f) => f.ruleId === 'privileged-container')).toMatchObject({ file: '<stdin>', range: { start: { line: 10, column: 9 } } });
    expect(run(['-'], { input: CLEAN }).code).toBe(0);
  });

  it('--fail-on warning fails on a warning that the default level lets pass', () => {
    expect(run(['warning.yaml']).code).toBe(0);
    expect(run(['--fail-on', 'warning', 'warning.yaml']).code).toBe(1);
    expect(run(['--fail-on', 'none', 'privileged.yaml']).code).toBe(0);
  });

  it('--quiet prints only findings at or above the fail level', () => {
    const loud = run(['warning.yaml', 'privileged.yaml']);
    expect(loud.stdout).toContain('duplicate-key');
    const quiet = run(['--quiet', 'warning.yaml', 'privileged.yaml']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('duplicate-key');
    expect(quiet.stdout).toContain('privileged-container');
    expect(run(['--quiet', '--fail-on', 'warning', 'warning.yaml']).stdout).toContain('duplicate-key');
  });

  it('--rule runs only the named rules and --disable turns one off', () => {
    const only = report(run(['--format', 'json', '--rule', 'host-pid', 'privileged.yaml']));
    expect(ruleIds(only)).toEqual(['host-pid']);
    const both = report(run(['--format', 'json', '--rule', 'host-pid', '--rule', 'privileged-container', 'privileged.yaml']));
    expect(ruleIds(both)).toEqual(['host-pid', 'privileged-container']);
    const all = report(run(['--format', 'json', 'privileged.yaml']));
    const disabled = report(run(['--format', 'json', '--disable', 'privileged-container', 'privileged.yaml']));
    expect(ruleIds(all)).toContain('privileged-container');
    expect(ruleIds(disabled)).toEqual(ruleIds(all).filter((id) => id !== 'privileged-container'));
  });

  it('kubecomply rules lists every rule, as text and as JSON', () => {
    const text = run(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^RULE +SEVERITY +PACKAGE +CONTROLS\n/);
    expect(text.stdout).toMatch(/^privileged-container +error +@kubecomply\/rules-cis +.*\bpss-baseline\b/m);
    expect(text.stdout).toMatch(/^parse-error +error +core /m);
    const json = run(['rules', '--format', 'json']);
    expect(json.code).toBe(0);
    const { rules } = JSON.parse(json.stdout) as { rules: { id: string; severity: string; plugin: string; description: string; controls: unknown[] }[] };
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['parse-error', 'duplicate-key', 'privileged-container', 'host-pid']));
    for (const r of rules) {
      expect(r.severity).toMatch(/^(error|warning|info)$/);
      expect(r.description.length).toBeGreaterThan(0);
      expect(Array.isArray(r.controls)).toBe(true);
    }
    // Each text line is a rule of the JSON list.
    expect(
      text.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(ids);
  });

  it('prints no ANSI escapes without a terminal or with NO_COLOR, and colours when forced', () => {
    for (const env of [{}, { NO_COLOR: '1' }]) {
      const r = run(['privileged.yaml'], { env });
      expect(r.stdout).toContain('privileged-container');
      expect(r.stdout).not.toContain(ESC);
    }
    expect(run(['privileged.yaml'], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(run(['--no-color', 'privileged.yaml'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('is deterministic: the same input gives the same bytes, whatever the order of the paths', () => {
    const cwd = path.join(work, 'same');
    mkdirSync(cwd);
    for (const [name, text] of [
      ['privileged.yaml', PRIVILEGED],
      ['warning.yaml', WARNING_ONLY],
      ['clean.yaml', CLEAN],
    ]) {
      writeFileSync(path.join(cwd, name as string), text as string);
    }
    for (const format of ['stylish', 'json']) {
      const a = run(['-f', format, 'privileged.yaml', 'warning.yaml', 'clean.yaml'], { cwd });
      const b = run(['-f', format, 'privileged.yaml', 'warning.yaml', 'clean.yaml'], { cwd });
      const c = run(['-f', format, 'clean.yaml', 'warning.yaml', 'privileged.yaml'], { cwd });
      const d = run(['-f', format, '.'], { cwd });
      expect(a.stdout).toContain('privileged-container');
      expect(b.stdout).toBe(a.stdout);
      expect(c.stdout).toBe(a.stdout);
      expect(d.stdout).toBe(a.stdout);
    }
  });
});

describe('a directory of bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(work, 'bad');
    mkdirSync(dir);
    const put = (name: string, data: string | Buffer) => writeFileSync(path.join(dir, name), data);
    put('valid.yaml', PRIVILEGED);
    put(
      'also-valid.json',
      JSON.stringify(
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'json' }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x' }] } },
        null,
        2,
      ),
    );
    put('syntax.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: oops\n');
    put('binary.yaml', Buffer.from('apiVersion: v1\nkind: Pod\n\u0000\u0000\u0001\u0002binary'));
    put('empty.yaml', '');
    put('latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9, 0x0a])]));
    put('bomb.yaml', BILLION_LAUGHS);
    // Tests run as root, for whom chmod 000 hides nothing: a dangling symbolic
    // link and a link to itself are files that cannot be read by anyone.
    symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
    symlinkSync('loop.yaml', path.join(dir, 'loop.yaml'));
    // A directory named like a manifest is a directory: it is walked, not read.
    mkdirSync(path.join(dir, 'dir.yaml'));
    writeFileSync(path.join(dir, 'dir.yaml', 'inner.yaml'), PRIVILEGED.replace('name: priv', 'name: inner'));
  });

  const BAD: [string, RegExp, number][] = [
    ['bad/syntax.yaml', /^YAML syntax error: /, 5],
    ['bad/binary.yaml', /binary file/, 3],
    ['bad/latin1.yaml', /not valid UTF-8/, 4],
    ['bad/bomb.yaml', /alias/, 5],
    ['bad/dangling.yaml', /Cannot read: .*(no such file|dangling)/, 1],
    ['bad/loop.yaml', /Cannot read: .*symbolic links/, 1],
  ];

  it('lints every valid file, gives each bad one exactly one finding naming it, and exits 1', () => {
    const r = run(['--format', 'json', 'bad']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const rep = report(r);
    expect(ruleIds(rep, 'bad/valid.yaml')).toEqual(expect.arrayContaining(['host-pid', 'privileged-container']));
    expect(ruleIds(rep, 'bad/also-valid.json')).toContain('host-network');
    expect(ruleIds(rep, 'bad/dir.yaml/inner.yaml')).toContain('privileged-container');
    for (const [file, message, line] of BAD) {
      const own = rep.findings.filter((f) => f.file === file);
      expect(
        own.map((f) => f.ruleId),
        file,
      ).toEqual(['parse-error']);
      expect(own[0]?.message, file).toMatch(message);
      expect(own[0]?.range.start.line, file).toBe(line);
    }
    // An empty file is valid YAML holding no document: one warning, counted as empty.
    expect(rep.findings.filter((f) => f.file === 'bad/empty.yaml').map((f) => [f.ruleId, f.severity, f.range.start.line])).toEqual([
      ['empty-file', 'warning', 1],
    ]);
    expect(rep.summary['emptyFiles']).toBe(1);
    const accounted = new Set(['bad/valid.yaml', 'bad/also-valid.json', 'bad/dir.yaml/inner.yaml', 'bad/empty.yaml', ...BAD.map(([f]) => f)]);
    expect(rep.findings.filter((f) => !accounted.has(f.file))).toEqual([]);
  });

  it('names the file and line of each bad one in the stylish output', () => {
    const r = run(['bad']);
    expect(r.code).toBe(1);
    for (const [file, , line] of BAD) expect(r.stdout).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}\\n {2}${line}:\\d+ +error `, 'm'));
  });
});

describe.runIf(HAS_CORPUS)('the real-world corpus', () => {
  const corpus = corpusPath('real-world');

  it('lints ../shared/corpus/real-world without a crash or a parse error, attributing Helm output to its templates', () => {
    const r = run(['../shared/corpus/real-world', '--format', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const rep = report(r);
    expect(rep.summary['files']).toBeGreaterThan(100);
    expect(rep.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-error')).toEqual([]);
    const bad: string[] = [];
    let attributed = 0;
    const texts = new Map<string, string[]>();
    for (const f of rep.findings) {
      expect(path.resolve(root, f.file).startsWith(corpus)).toBe(true);
      let lines = texts.get(f.file);
      if (!lines) texts.set(f.file, (lines = readFileSync(path.resolve(root, f.file), 'utf8').split('\n')));
      if (!lines.some((l) => l.startsWith('# Source: '))) {
        if (f.helm) bad.push(`${f.file}:${f.range.start.line} has helm ${f.helm.template} without any header`);
        continue;
      }
      // The header of the finding's document, or the last one above it.
      const header = lines
        .slice(0, f.range.start.line)
        .reverse()
        .find((l) => l.startsWith('# Source: '));
      const want = header?.slice('# Source: '.length).trim();
      if (f.helm?.template !== want) bad.push(`${f.file}:${f.range.start.line} ${f.ruleId}: helm ${f.helm?.template}, want ${want}`);
      else attributed++;
    }
    expect(bad).toEqual([]);
    expect(attributed).toBeGreaterThan(0);
  });
});

describe('writing the report', () => {
  const sh = (script: string) => spawnSync('sh', ['-c', script], { cwd: work, encoding: 'utf8', env: { ...process.env, NODE: process.execPath, CLI: cli } });

  it('a full device on standard output is one line and exit 2, not a stack trace and the findings code', () => {
    const r = sh('"$NODE" "$CLI" privileged.yaml > /dev/full');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kubecomply: Cannot write the report to standard output: .*ENOSPC.*\n$/);
  });

  it('-o past the file size limit (EFBIG) leaves no truncated report behind', () => {
    const r = sh('ulimit -f 1; "$NODE" "$CLI" -f json -o big.json privileged.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('kubecomply: Cannot write the report to big.json: the file is over the size limit (EFBIG).\n');
    expect(existsSync(path.join(work, 'big.json'))).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('big.json'))).toEqual([]);
  });

  it('a reader that stops early (EPIPE) ends the run silently', () => {
    const r = sh('"$NODE" "$CLI" -f json privileged.yaml | head -c 1 >/dev/null');
    expect(r.stderr).toBe('');
  });
});
