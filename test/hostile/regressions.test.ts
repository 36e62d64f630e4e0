/**
 * Regression tests, in process, for the bugs the hostile-input and fuzzing
 * work found, and the config loader's behaviour on hostile files.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigurationError,
  FORMATTERS,
  Linter,
  createBaseline,
  defineRule,
  definePlugin,
  lint,
  parseConfig,
  YamlDocument,
  type Finding,
  type LintRequest,
  type LintResult,
} from '@kubecomply/core';
import { stylish } from '../../packages/core/src/formatters/stylish.js';
import { collectFiles } from '../../packages/core/src/input/collect.js';
import { snapshotCli } from './cli-snapshot.js';
import { runCli } from '../support/cli.js';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';

const scratch = mkdtempSync(path.join(tmpdir(), 'kubecomply-regressions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const tool = { name: 'kubecomply', version: '0.0.0' };

function resultWith(findings: Finding[]): LintResult {
  const linter = new Linter({ plugins: [rulesCis] });
  return { ...linter.lintText(''), findings, files: [...new Set(findings.map((f) => f.file))] };
}

function finding(i: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'privileged-container',
    severity: 'error',
    message: `Container "c${i}" runs privileged.`,
    resource: { apiVersion: 'v1', kind: 'Pod', name: `p${i}` },
    file: 'many.yaml',
    range: { start: { line: i + 1, column: 9 }, end: { line: i + 1, column: 25 } },
    path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
    pathFound: true,
    controls: [],
    remediation: 'Set privileged to false.',
    ...over,
  } as Finding;
}

describe('stylish', () => {
  it('formats a file with more findings than a function call takes arguments (was Math.max(...) -> RangeError)', () => {
    const findings = Array.from({ length: 300_000 }, (_, i) => finding(i));
    const out = stylish(resultWith(findings), { color: false, tool });
    expect(out.split('\n').filter((l) => l.includes('privileged-container'))).toHaveLength(300_000);
  });

  it('prints control characters from the input as escapes, so a manifest cannot drive the terminal or forge log lines', () => {
    const evil = 'evil\u001b[2J\n::error file=x::forged\r\u0007';
    const f = finding(0, {
      file: 'dir/\u001b[31mred\n.yaml',
      message: `Container "${evil}" runs privileged.`,
      resource: { apiVersion: 'v1', kind: 'Pod', name: evil },
      helm: { template: 'chart/templates/\u001b]0;title\u0007.yaml' },
    });
    const out = stylish(resultWith([f]), { color: false, tool });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(out).not.toMatch(/^::/m);
    expect(out).toContain('evil\\u001b[2J\\u000a::error file=x::forged\\u000d\\u0007');
    // Colours are still ours to add.
    expect(stylish(resultWith([f]), { color: true, tool })).toContain('\u001b[');
  });
});

describe('every formatter', () => {
  it.each(Object.keys(FORMATTERS) as (keyof typeof FORMATTERS)[])('%s survives 100,000 findings in one file', (name) => {
    const format = FORMATTERS[name as keyof typeof FORMATTERS];
    const findings = Array.from({ length: 100_000 }, (_, i) => finding(i));
    expect(format(resultWith(findings), { color: false, tool }).length).toBeGreaterThan(0);
  });
});

describe('YamlDocument', () => {
  it('reads a sequence of 300,000 items that holds an empty item (was push(...items) -> RangeError)', () => {
    const text = `args:\n  -\n${Array.from({ length: 300_000 }, (_, i) => `  - a${i}\n`).join('')}`;
    const doc = YamlDocument.parse(text);
    expect((doc.value as { args: unknown[] }).args).toHaveLength(300_001);
  });
});

describe('collectFiles', () => {
  const dir = path.join(scratch, 'collect');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  writeFileSync(path.join(dir, 'sub/a.yaml'), 'a: 1\n');
  symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));

  it('reports a dangling link named on the command line as unreadable, as a directory walk does, not as a missing path', () => {
    const named = collectFiles(['dangling.yaml'], dir);
    expect(named.missing).toEqual([]);
    expect(named.unreadable).toEqual([{ display: 'dangling.yaml', reason: expect.stringMatching(/no such file/) }]);
    expect(collectFiles(['.'], dir).unreadable.map((u) => u.display)).toEqual(['dangling.yaml']);
  });

  it('does not call a glob missing when an earlier argument already named the files it matches', () => {
    const r = collectFiles(['sub', 'sub/*.yaml'], dir);
    expect(r.missing).toEqual([]);
    expect(r.files.map((f) => f.display)).toEqual(['sub/a.yaml']);
  });

  it('still calls a glob that matches nothing missing', () => {
    expect(collectFiles(['sub', 'sub/*.json'], dir).missing).toEqual(['sub/*.json']);
  });
});

describe('config loader on hostile files', () => {
  const parse = (text: string) => parseConfig(text, { file: path.join(scratch, '.kubecomply.yaml'), cwd: scratch });
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    '',
  ].join('\n');

  it.each([
    ['an alias bomb', bomb, /alias bomb/],
    [
      '100,000 levels of nesting',
      `rules: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      /^\.kubecomply\.yaml:1:\d+: .*the document nests more than 1,000 levels deep$/,
    ],
    ['tabs as indentation', 'rules:\n\tprivileged-container: off\n', /tab/],
    ['a NUL byte', 'rules: {a: "\u0000"}\n', /./],
    ['a binary blob', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', /./],
  ])('%s is a config error naming the file and a line, not a crash', (_what, text, message) => {
    let err: unknown;
    const start = performance.now();
    try {
      parse(text);
    } catch (e) {
      err = e;
    }
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(/^\.kubecomply\.yaml:\d+:\d+: /);
    expect((err as Error).message).toMatch(message);
  });

  it('reads __proto__, constructor and prototype keys as data (an unknown key), polluting nothing', () => {
    let err: unknown;
    try {
      parse('__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nrules: {__proto__: {polluted: true}}\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('control-plane flag rules', () => {
  it('parse a container command line once for all the rules that read it (was once per rule: seconds for 300,000 args)', async () => {
    const { invocationOf } = await import('../../packages/rules-cis/src/checks/component-flags.js');
    const container = {
      value: { name: 'kube-apiserver', command: ['kube-apiserver', ...Array.from({ length: 1000 }, (_, i) => `--flag-${i}=x`)] },
      path: ['spec', 'containers', 0],
      kind: 'container',
    } as const;
    const first = invocationOf(container as never);
    expect(first?.component).toBe('kube-apiserver');
    expect(invocationOf(container as never)).toBe(first);
  });

  it("keep each container's own paths when a YAML alias puts one container object at two places", () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: kube-apiserver, namespace: kube-system}',
      'spec:',
      '  containers:',
      '    - &c',
      '      name: kube-apiserver',
      '      image: registry.k8s.io/kube-apiserver:v1.30.0',
      '      command: [kube-apiserver, --anonymous-auth=true]',
      '    - *c',
      '',
    ].join('\n');
    const result = new Linter({ plugins: [rulesCis], rules: ['apiserver-anonymous-auth'] }).lintText(text);
    expect(result.findings.map((f) => f.path)).toEqual([
      ['spec', 'containers', 0, 'command', 1],
      ['spec', 'containers', 1, 'command', 1],
    ]);
  });
});

describe('formatters on hostile names', () => {
  it('every format takes a name with 150,000 runs of backticks (markdown was Math.max(...) -> RangeError)', () => {
    const name = '`a'.repeat(150_000);
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: "${name}"}\nspec: {containers: [{name: "${name}", image: x, securityContext: {privileged: true}}]}\n`;
    const result = new Linter({ plugins: [rulesCis] }).lintText(text, 'ticks.yaml');
    for (const [format, formatter] of Object.entries(FORMATTERS)) {
      expect(() => formatter(result, { color: false, tool }), format).not.toThrow();
    }
  });
});

describe('a rule that fails can hide nothing', () => {
  const thrower = defineRule({
    id: 'always-throws',
    description: 'Fails on every Pod.',
    severity: 'warning',
    appliesTo: ['Pod'],
    remediation: 'None.',
    check() {
      throw new RangeError('Maximum call stack size exceeded');
    },
  });
  const plugins = [rulesCis, definePlugin({ name: 'thrower', rules: [thrower], frameworks: [] })];
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    '  annotations:',
    '    ignore.kubecomply.io/rule-error: "flaky"',
    'spec: {containers: [{name: a, image: a}]}',
    '',
  ].join('\n');
  const config = ['failOn: none', 'rules: {rule-error: "off"}', 'suppressions:', '  - {rule: rule-error, reason: flaky, expires: "2026-12-31"}', ''].join('\n');

  it('the annotation, the config (off, suppressions, failOn: none), --disable and a baseline change nothing', () => {
    const request = {
      plugins,
      sources: [{ file: 'pod.yaml', text: pod }],
      config: { file: '.kubecomply.yaml', text: config },
      disable: ['rule-error'],
      cwd: scratch,
      now: '2026-11-27',
    };
    const first = lint(request);
    const errors = first.findings.filter((f) => f.ruleId === 'rule-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.severity).toBe('error');
    expect(errors[0]?.suppression).toBeUndefined();
    expect(errors[0]?.message).toMatch(/Rule "always-throws" failed.*\[not suppressed: rule-error can never be suppressed/);
    expect(first.failing).toBe(1);
    const again = lint({ ...request, baseline: createBaseline(first.findings) });
    expect(again.findings.find((f) => f.ruleId === 'rule-error')?.suppression).toBeUndefined();
    expect(again.failing).toBe(1);
  });

  it('a baseline never suppresses a rule a framework marks unsuppressible', () => {
    const pci = { plugins: [rulesCis, rulesPci], cwd: scratch, config: false as const, now: '2026-11-27' };
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {card: "4539148803436467"}\n';
    const first = lint({ ...pci, sources: [{ file: 'cm.yaml', text }] });
    const pan = first.findings.filter((f) => f.ruleId === 'pan-in-manifest');
    expect(pan).toHaveLength(1);
    const again = lint({ ...pci, sources: [{ file: 'cm.yaml', text }], baseline: createBaseline(first.findings) });
    expect(again.findings.find((f) => f.ruleId === 'pan-in-manifest')?.suppression).toBeUndefined();
  });
});

describe('long values cost linear time and are echoed as a prefix', () => {
  const pod = (annotations: string, head = '') =>
    `${head}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${annotations}spec: {containers: [{name: a, image: a, securityContext: {privileged: true}}]}\n`;
  const lintOne = (text: string) => lint({ plugins: [rulesCis], sources: [{ file: 'pod.yaml', text }], config: false, cwd: scratch, now: '2026-11-27' });

  it('a 1 MB unknown rule id in a suppression annotation gets no suggestion and a short message', () => {
    const id = 'x'.repeat(1 << 20);
    const invalid = lintOne(pod(`    ignore.kubecomply.io/${id}: "why"\n`)).findings.filter((f) => f.ruleId === 'suppression-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.message.length).toBeLessThan(300);
    expect(invalid[0]?.message).toMatch(/^Annotation ignore\.kubecomply\.io\/x{59}… \(1,048,597 characters\) names no known rule, so it suppresses nothing\.$/);
  });

  it('5,000 short unknown rule ids each get a bounded suggestion search, and each key is located without rescanning the mapping', () => {
    const annotations = Array.from({ length: 5_000 }, (_, i) => `    ignore.kubecomply.io/host-pi${i}: "why"\n`).join('');
    const invalid = lintOne(pod(annotations)).findings.filter((f) => f.ruleId === 'suppression-invalid');
    expect(invalid).toHaveLength(5_000);
    expect(invalid.find((f) => f.message.includes('host-pi1 '))?.message).toMatch(/did you mean host-pid\?/);
    expect(invalid[4_999]?.range.start.line).toBe(5 + 5_000);
  });

  it('a suppression annotation with a megabyte of expires= is invalid, its value shown as a prefix', () => {
    const expires = `2026-12-31${' x'.repeat(1 << 19)}`;
    const invalid = lintOne(pod(`    ignore.kubecomply.io/privileged-container: "why; expires=${expires}"\n`)).findings.filter(
      (f) => f.ruleId === 'suppression-invalid',
    );
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.message.length).toBeLessThan(300);
  });

  it('a # Source: line padded with a megabyte of spaces names its template', () => {
    const result = lintOne(pod('    a: b\n', `# Source: chart/templates/${' '.repeat(1 << 20)}pod.yaml\n`));
    expect(result.findings.find((f) => f.ruleId === 'privileged-container')?.helm?.template).toBe(`chart/templates/${' '.repeat(1 << 20)}pod.yaml`);
  });

  it('a 1 MB unknown key in the config is a config error of one short line', () => {
    let err: unknown;
    try {
      parseConfig(`${'k'.repeat(1 << 20)}: 1\n`, { file: path.join(scratch, '.kubecomply.yaml'), cwd: scratch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^\.kubecomply\.yaml:1:1: unknown key "k{80}… \(1,048,576 characters\)"; expected one of: /);
    expect((err as Error).message.length).toBeLessThan(1_000);
  });
});

describe('standard input', () => {
  it('`yes | kubecomply -` ends with one finding naming <stdin> at the size limit; the other file is still linted', () => {
    const cli = snapshotCli(path.join(scratch, 'bin'));
    writeFileSync(
      path.join(scratch, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: a, securityContext: {privileged: true}}]}\n',
    );
    const r = runCli(['-f', 'json', '-', 'pod.yaml'], { cli, cwd: scratch, node: ['--max-old-space-size=256'], wrap: ['sh', '-c', 'yes | "$@"', 'sh'] });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.file === '<stdin>').map((f) => f.message)).toEqual(['Cannot read: standard input is over the 256 MB limit.']);
    expect(findings.some((f) => f.file === 'pod.yaml' && f.ruleId === 'privileged-container')).toBe(true);
  }, 120_000);
});

describe('values a plugin or a manifest should not have', () => {
  it('a plugin that reports a non-string message gets text in every format', () => {
    const odd = defineRule({
      id: 'odd-message',
      description: 'Reports messages that are not strings.',
      severity: 'warning',
      appliesTo: ['Pod'],
      remediation: 'None.',
      check(_resource, ctx) {
        for (const message of [42, { a: 1 }, Object.create(null), Symbol('s'), null]) ctx.report({ path: ['metadata'], message: message as unknown as string });
      },
    });
    const linter = new Linter({ plugins: [definePlugin({ name: 'odd', rules: [odd], frameworks: [] })], rules: ['odd-message'] });
    const result = linter.lintText('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', 'p.yaml');
    const messages = result.findings.filter((f) => f.ruleId === 'odd-message').map((f) => f.message);
    expect(messages).toHaveLength(5);
    expect(messages.every((m) => typeof m === 'string')).toBe(true);
    for (const [format, formatter] of Object.entries(FORMATTERS)) expect(() => formatter(result, { color: false, tool }), format).not.toThrow();
  });

  it('the library refuses a string where it takes a list of paths, with a TypeError', () => {
    const linter = new Linter({ plugins: [rulesCis] });
    expect(() => linter.lintPaths('valid.yaml' as unknown as string[])).toThrow(TypeError);
    expect(() => lint({ plugins: [rulesCis], paths: 'valid.yaml' as unknown as string[] })).toThrow(/`paths` must be an array of strings \(\["valid\.yaml"\]/);
  });

  it('every other wrongly typed field of lint() is a TypeError naming it, before anything is read', () => {
    const wrong = (fields: Record<string, unknown>) => () => lint({ plugins: [rulesCis], ...fields } as unknown as LintRequest);
    expect(wrong({ frameworks: 'cis' })).toThrow(/`frameworks` must be an array of strings/);
    expect(wrong({ rules: [1] })).toThrow(/`rules` must be an array of strings/);
    expect(wrong({ disable: 'host-pid' })).toThrow(/`disable` must be an array of strings/);
    expect(wrong({ catalogs: 'c.yaml' })).toThrow(/`catalogs` must be an array of strings/);
    expect(wrong({ cwd: 5 })).toThrow(/`cwd` must be a string/);
    expect(wrong({ sources: 'apiVersion: v1' })).toThrow(/`sources` must be an array of \{ file: string, text: string \}/);
    expect(wrong({ sources: [{ file: 'a.yaml' }] })).toThrow(/`sources`/);
    expect(wrong({ failOn: 'errors' })).toThrow(/`failOn` must be one of/);
    expect(wrong({ kubeVersion: 130 })).toThrow(/`kubeVersion` must be a string/);
    for (const f of [wrong({ frameworks: 'cis' }), wrong({ cwd: 5 }), wrong({ sources: 'x' })]) expect(f).toThrow(TypeError);
    // The right types still lint.
    expect(
      lint({
        plugins: [rulesCis],
        sources: [{ file: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, containers: [{name: a, image: a}]}\n' }],
        config: false,
      }).findings.map((f) => f.ruleId),
    ).toContain('host-pid');
  });
});

describe('every format keeps names inert', () => {
  it('no format lets a newline start a line, nor passes escape or bidi characters; Markdown leaves no bare URL', () => {
    const evil = 'x\n::error file=a::forged\u001b[2J\u202egnp.exe\u2066 https://evil.example www.evil.example';
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: ${JSON.stringify(evil)}}\nspec: {containers: [{name: ${JSON.stringify(evil)}, image: a, securityContext: {privileged: true}}]}\n`;
    const result = new Linter({ plugins: [rulesCis] }).lintText(text, 'evil.yaml');
    for (const [format, formatter] of Object.entries(FORMATTERS)) {
      const out = formatter(result, { color: false, tool });
      // JSON and SARIF are data: their strings escape newlines and controls by JSON's own rules.
      if (format === 'json' || format === 'sarif') continue;
      expect(out, format).not.toMatch(/^::error file=a/m);
      expect(out, format).not.toMatch(/[\u001b\u202e\u2066]/);
      // GitHub links no URL inside a code span; outside them none may be left bare.
      if (format === 'markdown') expect(out.replace(/(`+)[\s\S]*?\1/g, '')).not.toMatch(/https:\/\/evil|www\.evil/);
    }
  });
});
