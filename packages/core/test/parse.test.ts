// @requires ../shared (some cases): the cases that read ../shared run only when it is there (test/support/corpus.ts).
/**
 * Parsing as Kubernetes reads YAML: YAML 1.1 scalars, duplicate keys, aliases
 * and merges, hostile input, documents, Lists and Helm `# Source:` headers.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter, YamlDocument, YamlSyntaxError, type Finding, type LintResult, type Resource } from '@kubecomply/core';
import { json } from '../src/formatters/json.js';
import { probe } from './support/probe.js';
import { jsonReport } from '../../../test/support/cli.js';
import { HAS_CORPUS, corpusPath } from '../../../test/support/corpus.js';

const helmCorpus = corpusPath('helm');

/** Lints text with the probe rule, which reports every resource at its root. */
function lint(text: string, file = 'in.yaml'): LintResult & { objects: Record<string, unknown>[] } {
  const objects: Record<string, unknown>[] = [];
  const result = new Linter({ plugins: [probe([[]], (r: Resource) => objects.push(r.object))] }).lintText(text, file);
  return { ...result, objects };
}

const value = (text: string) => YamlDocument.parse(text).value as Record<string, unknown>;
const problems = (r: LintResult) => r.findings.filter((f) => f.ruleId !== 'probe');
const probed = (r: LintResult) => r.findings.filter((f) => f.ruleId === 'probe');
const names = (r: LintResult) => r.resources.map((x) => x.name);
const brief = (f: Finding) => `${f.ruleId} ${f.file}:${f.range.start.line}`;

/** Milliseconds a function takes. */
function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

/** A ConfigMap named `name`, ending with a line break; `extra` is appended. */
const k8s = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
/** The same four lines, for joining into a text line by line. */
const k8sLines = (name: string) => k8s(name).trimEnd();

describe('YAML 1.1 scalars, as Kubernetes decodes them', () => {
  it('reads yes/on/y/true as true and no/off/n/false as false, in their three spellings', () => {
    const v = value('a: yes\nb: on\nc: y\nd: Yes\ne: ON\nf: TRUE\ng: off\nh: no\ni: n\nj: Off\nk: NO\nl: False\n');
    expect(v).toEqual({ a: true, b: true, c: true, d: true, e: true, f: true, g: false, h: false, i: false, j: false, k: false, l: false });
  });

  it('leaves other spellings and quoted booleans as strings', () => {
    expect(value('a: yES\nb: "yes"\nc: \'on\'\nd: oN\n')).toEqual({ a: 'yES', b: 'yes', c: 'on', d: 'oN' });
  });

  it('reads 0755 as octal, 0x1F as hex and 1_000 with its underscores', () => {
    expect(value('mode: 0755\nhex: 0x1F\nbig: 1_000\nneg: -0x10\nzero: 0\nbin: 0b101\n')).toEqual({
      mode: 493,
      hex: 31,
      big: 1000,
      neg: -16,
      zero: 0,
      bin: 5,
    });
  });

  it('reads floats, infinities and NaN', () => {
    const v = value('a: 1.5\nb: 1e3\nc: .inf\nd: -.Inf\ne: .nan\nf: 1_000.5\n');
    expect(v).toMatchObject({ a: 1.5, b: 1000, c: Infinity, d: -Infinity, f: 1000.5 });
    expect(Number.isNaN(v['e'])).toBe(true);
  });

  it('keeps timestamps as strings', () => {
    expect(value('d: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00\nu: 2001-12-14 21:59:43.10 -5\n')).toEqual({
      d: '2001-12-14',
      t: '2001-12-14t21:59:43.10-05:00',
      u: '2001-12-14 21:59:43.10 -5',
    });
  });

  it('reads ~, null, Null, NULL and nothing as null', () => {
    expect(value('a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: "null"\n')).toEqual({ a: null, b: null, c: null, d: null, e: null, f: 'null' });
  });

  it('resolves a plain scalar as trying !!null, !!bool, !!int and !!float in that order would', () => {
    // The plain-scalar resolver is one function; the tagged types are the
    // four separate ones, so they are its reference, on written cases, on
    // every string of up to two characters from the characters that matter
    // and of three from those of numbers.
    const written = ['0', '00', '07', '08', '0755', '0789', '8080', '12345678901234567890', '-0', '+1', '0b101', '0b2', '0o17', '0x1F'];
    written.push('0x', '-0x10', '1_000', '_1', '1_', '1.5', '1.', '.5', '1e3', '1E+3', '1_000.5', '.inf', '+.Inf', '-.INF', '.NaN', '.iNf');
    written.push('25%', '64Mi', '1.0.0', 'y', 'N', 'Yes', 'yES', 'onion', 'TRUE', 'False', 'FALSE', 'nope', 'Null', 'nULL', '~', '~~', '<<');
    const chars = [...'019_.+-eExobBnNyYsaoOfFtTrulL~'];
    const numeric = [...'019_.+-eExob'];
    const generated = chars.flatMap((a) => ['', ...chars].map((b) => a + b));
    for (const a of numeric) for (const b of numeric) for (const c of numeric) generated.push(a + b + c);
    // A `-` alone would open a sequence.
    const cases = [...written, ...generated].filter((s) => s !== '-');
    const plain = YamlDocument.parse(cases.map((s) => `- ${s}\n`).join('')).value as unknown[];
    const tagged = (tag: string, s: string) => {
      try {
        return { value: YamlDocument.parse(`!!${tag} ${JSON.stringify(s)}`).value };
      } catch {
        return undefined;
      }
    };
    const mismatches = cases.filter((s, i) => {
      const expected = tagged('null', s) ?? tagged('bool', s) ?? tagged('int', s) ?? tagged('float', s) ?? { value: s };
      return !Object.is(plain[i], expected.value);
    });
    expect(cases.length).toBeGreaterThan(2_500);
    expect(mismatches).toEqual([]);
  });

  it('decodes keys the same way (a key `on` is "true")', () => {
    expect(value('on: 1\n0755: 2\nname: 3\n')).toEqual({ true: 1, 493: 2, name: 3 });
  });

  it('reads !!binary as go-yaml does: the decoded bytes as text, line breaks in the base64 ignored', () => {
    expect(value('a: !!binary aGVsbG8=\nb: !!binary |\n  aGVs\n  bG8=\nc: !!binary ""\nd: !!binary gIGC\n')).toEqual({
      a: 'hello',
      b: 'hello',
      c: '',
      // Bytes that are not UTF-8 become U+FFFD, as JSON carries them to the API server.
      d: '\ufffd\ufffd\ufffd',
    });
  });

  it('refuses !!binary that is not base64, as go-yaml does', () => {
    expect(() => value('a: !!binary "not base64!"\n')).toThrow(YamlSyntaxError);
    expect(() => value('a: !!binary aGVs bG8=\n')).toThrow(YamlSyntaxError);
  });
});

describe('tags, as Kubernetes decodes them (go-yaml v2)', () => {
  it('reads a scalar with a tag it does not know as the string written, never resolved', () => {
    expect(value('a: !Ref thing\nb: !foo 3\nc: !!custom yes\nd: !<tag:example.com,2000:x> 0755\ne: !foo\n')).toEqual({
      a: 'thing',
      b: '3',
      c: 'yes',
      d: '0755',
      e: '',
    });
  });

  it('reads tagged mappings and sequences as if untagged, !!set and !!omap included', () => {
    expect(value('m: !foo {a: 1}\ns: !!custom [1, yes]\nset: !!set {p, q}\nomap: !!omap [{a: 1}, {b: 2}]\nq: !!str {k: v}\n')).toEqual({
      m: { a: 1 },
      s: [1, true],
      set: { p: null, q: null },
      omap: [{ a: 1 }, { b: 2 }],
      q: { k: 'v' },
    });
  });

  it('resolves the YAML 1.1 tags Kubernetes resolves, and refuses a value that does not fit its tag', () => {
    expect(value('a: !!int "0755"\nb: !!bool "on"\nc: !!str 10\nd: !!float 0x10\ne: !!null ""\nf: ! 12\n')).toEqual({
      a: 493,
      b: true,
      c: '10',
      d: 16,
      e: null,
      f: '12',
    });
    expect(() => value('a: !!int abc\n')).toThrow(/cannot resolve/);
    expect(() => value('a: !!bool 1\n')).toThrow(/cannot resolve/);
  });

  it('reads !!timestamp as go-yaml v2 does: a value Go parses as a time is the string written, anything else an error', () => {
    const ok = ['2001-12-14', '2001-1-2', '2001-12-14T21:59:43.10-05:00', '2001-12-14t21:59:43Z', '2001-12-14 21:59:43.10', '2024-02-29', '"2001-12-14"'];
    expect(value(ok.map((v, i) => `k${i}: !!timestamp ${v}\n`).join(''))).toEqual(Object.fromEntries(ok.map((v, i) => [`k${i}`, v.replace(/"/g, '')])));
    // Not a time, a layout Go does not list (a space before the zone, no seconds), or out of range.
    for (const bad of [
      'notatime',
      '12',
      'true',
      '~',
      '""',
      '2001-12-14 21:59:43.10 -5',
      '2001-12-14T21:59',
      '2001-13-01',
      '2023-02-29',
      '2001-12-14T24:00:00Z',
      '01-12-14',
    ])
      expect(() => value(`a: !!timestamp ${bad}\n`), bad).toThrow(/cannot resolve a node with !<tag:yaml.org,2002:timestamp> explicit tag/);
    // Untagged, a timestamp stays the string written.
    expect(value('a: 2001-12-14\n')).toEqual({ a: '2001-12-14' });
  });

  it('reads a tag named through %TAG, and lets %TAG !! rename the YAML tags in its own document only', () => {
    expect(value('%TAG !e! tag:example.com,2000:\n--- !e!pod\na: !e!x 1\n')).toEqual({ a: '1' });
    expect(value('%TAG !! tag:example.com,2000:\n---\na: !!bool "true"\n')).toEqual({ a: 'true' });
  });
});

describe('duplicate keys', () => {
  const text = [
    'apiVersion: v1', //   1
    'kind: ConfigMap', //  2
    'metadata:', //        3
    '  name: first', //    4
    '  name: second', //   5
    'data:', //            6
    '  k: "1"', //         7
    '  k: "2"', //         8
    '  other: x', //       9
    '  k: "3"', //        10
  ].join('\n');

  it('reports one duplicate-key finding per repetition, at the repeated key', () => {
    const r = lint(text);
    const dups = problems(r);
    expect(dups.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}`)).toEqual([
      'duplicate-key 5:3',
      'duplicate-key 8:3',
      'duplicate-key 10:3',
    ]);
    expect(dups.every((f) => f.severity === 'warning')).toBe(true);
    expect(dups[1]?.message).toContain('"k"');
  });

  it('keeps the last value, as Kubernetes does', () => {
    const r = lint(text);
    expect(names(r)).toEqual(['second']);
    expect(r.objects[0]?.['data']).toEqual({ k: '3', other: 'x' });
  });

  it('does not count merged keys overridden by the mapping as duplicates', () => {
    const r = lint(k8s('m', 'x: &b {a: 1}\ndata:\n  <<: *b\n  a: "2"\n'));
    expect(problems(r)).toEqual([]);
    expect(r.objects[0]?.['data']).toEqual({ a: '2' });
  });
});

describe('anchors, aliases and merge keys are resolved', () => {
  it('resolves aliases and <<: *base', () => {
    const v = value('base: &b {cpu: 1, mem: 2}\ncopy: *b\nmerged:\n  <<: *b\n  mem: 3\n');
    expect(v['copy']).toEqual({ cpu: 1, mem: 2 });
    expect(v['merged']).toEqual({ cpu: 1, mem: 3 });
  });

  it('resolves <<: [*a, *b] with the first source winning', () => {
    const v = value('a: &a {x: 1}\nb: &b {x: 2, z: 2}\nm:\n  <<: [*a, *b]\n');
    expect(v['m']).toEqual({ x: 1, z: 2 });
  });

  it('lints a resource whose spec is an alias', () => {
    const r = lint('x: &s {containers: []}\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: *s\n');
    expect(r.objects[0]?.['spec']).toEqual({ containers: [] });
  });
});

describe('hostile input', () => {
  const billionLaughs = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: lol}',
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    'data: {bomb: *i}',
  ].join('\n');

  // Bounded by the alias expansion limit, not by a clock: speed belongs in the benchmark; an unbounded expansion would exhaust the test's time and memory.
  it('turns a billion-laughs alias bomb into a parse-error finding', () => {
    const { result: r } = timed(() => lint(`${k8s('before')}---\n${billionLaughs}\n---\n${k8s('after')}`));
    // At the first alias (line 10), in the bomb's document (lines 5-18).
    expect(problems(r).map(brief)).toEqual(['parse-error in.yaml:10']);
    expect(problems(r)[0]?.message).toMatch(/alias/);
    expect(names(r)).toEqual(['before', 'after']);
  });

  it('throws YamlSyntaxError (not RangeError) for an alias bomb', () => {
    expect(() => YamlDocument.parse(billionLaughs)).toThrow(YamlSyntaxError);
  });

  it('accepts ordinary alias use well below the bound', () => {
    const r = lint(k8s('ok', 'x: &a [1, 2, 3]\ndata: {a: *a, b: *a, c: *a}\n'));
    expect(problems(r)).toEqual([]);
  });

  it.each([
    // The deep document's `---` is line 5, its content from line 6: the error is where js-yaml opens its 1,001st level.
    ['100,000 [', '['.repeat(100_000), 6],
    ['100,000 {', '{a: '.repeat(100_000), 6],
    // One block sequence a line: the 1,001st opens on the 1,001st line of the document.
    ['20,000 nested block sequences', Array.from({ length: 20_000 }, (_, i) => `${' '.repeat(i)}- `).join('\n') + 'x', 6 + 1_000],
  ])('gives one parse-error at its line, not a crash, for deep nesting: %s', (_name, deep, line) => {
    const { result: r } = timed(() => lint(`${k8s('before')}---\n${deep}\n---\n${k8s('after')}`));
    const errors = problems(r);
    expect(errors.map((f) => f.ruleId)).toEqual(['parse-error']);
    expect(errors[0]?.range.start.line).toBe(line);
    expect(errors[0]?.message).toBe('YAML syntax error: the document nests more than 1,000 levels deep');
    expect(names(r)).toEqual(['before', 'after']);
  });

  it('refuses, rather than misreads, an empty list item followed by a less indented item', () => {
    // js-yaml would read container "b" as an argument of container "a"; Kubernetes reads two containers.
    const text = [
      'apiVersion: v1', //                          1
      'kind: Pod', //                               2
      'metadata: {name: hidden}', //                3
      'spec:', //                                   4
      '  containers:', //                           5
      '  - name: a', //                             6
      '    args:', //                               7
      '    - x', //                                 8
      '    -', //                                   9
      '  - name: b', //                            10
      '    securityContext: {privileged: true}', // 11
    ].join('\n');
    const r = lint(`${text}\n---\n${k8s('next')}`);
    expect(problems(r).map(brief)).toEqual(['parse-error in.yaml:10']);
    expect(problems(r)[0]?.message).toMatch(/empty list item/);
    expect(names(r)).toEqual(['next']);
  });

  it('reads empty list items that no less indented item follows', () => {
    expect(value('a:\n  - x\n  -\n  - z\n  -\nb:\n- - p\n  -\n  - q\n')).toEqual({ a: ['x', null, 'z', null], b: [['p', null, 'q']] });
  });

  it('keeps __proto__ and constructor keys inert (no prototype pollution)', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: proto',
      '  labels: {__proto__: {polluted: "yes"}, constructor: {prototype: {polluted: "yes"}}}',
      '__proto__:',
      '  polluted: yes',
      'x: &p {__proto__: {polluted: 1}}',
      'data:',
      '  <<: *p',
      '  constructor:',
      '    prototype:',
      '      polluted: yes',
    ].join('\n');
    const r = lint(text);
    expect(problems(r)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const obj = r.objects[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.hasOwn(obj, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(obj['data'])).toBe(Object.prototype);
    expect((obj['data'] as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(obj['data'] as object, '__proto__')).toBe(true);
  });
});

describe('encodings, line ends and documents', () => {
  it('accepts a BOM and CRLF line ends, with no \\r left in values', () => {
    const r = lint('\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  k: v\r\n');
    expect(problems(r)).toEqual([]);
    expect(names(r)).toEqual(['crlf']);
    expect(r.objects[0]?.['data']).toEqual({ k: 'v' });
    expect(r.resources[0]?.line).toBe(1);
  });

  describe('from files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubecomply-parse-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads UTF-8 with a BOM and UTF-16 with a BOM from disk', () => {
      writeFileSync(path.join(dir, 'bom8.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(k8s('utf8'))]));
      writeFileSync(path.join(dir, 'bom16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(k8s('utf16'), 'utf16le')]));
      const r = new Linter({ plugins: [probe()], cwd: dir }).lintPaths(['.']);
      expect(problems(r)).toEqual([]);
      expect(r.resources.map((x) => `${x.file} ${x.name}`)).toEqual(['bom16.yaml utf16', 'bom8.yaml utf8']);
    });

    it('does not carry a Helm header from one file into the next', () => {
      writeFileSync(path.join(dir, 'a-helm.yaml'), `# Source: c/templates/a.yaml\n${k8s('a')}`);
      writeFileSync(path.join(dir, 'b-plain.yaml'), k8s('b'));
      const r = new Linter({ plugins: [probe()], cwd: dir }).lintPaths(['a-helm.yaml', 'b-plain.yaml']);
      expect(probed(r).map((f) => `${f.resource?.name} ${f.helm?.template}`)).toEqual(['a c/templates/a.yaml', 'b undefined']);
    });
  });

  it('lints documents 1 and 3 when document 2 has a syntax error, and reports the error in document 2', () => {
    const text = [
      k8sLines('one'), //                      lines 1-4
      '---', //                           5
      'apiVersion: v1', //                6
      'kind: ConfigMap', //               7
      'metadata: {name: [unclosed', //    8
      'data: x', //                       9
      '---', //                          10
      k8sLines('three'), //              11-14
    ].join('\n');
    const r = lint(text);
    expect(names(r)).toEqual(['one', 'three']);
    const errors = problems(r);
    expect(errors.map((f) => f.ruleId)).toEqual(['parse-error']);
    // Where the parser finds the flow collection unclosed: the next line.
    expect(errors[0]?.range.start.line).toBe(9);
    expect(errors[0]?.message).toMatch(/^YAML syntax error/);
    expect(r.resources.map((x) => x.line)).toEqual([1, 11]);
  });

  it('reads a document after its %YAML 1.1 and %TAG directives, at its own lines', () => {
    const text = `${k8s('before')}...\n# next\n%YAML 1.1\n%TAG !e! tag:example.com,2000:\n--- !e!object\n${k8s('after')}`;
    const r = lint(text);
    expect(problems(r)).toEqual([]);
    expect(r.resources.map((x) => `${x.name}:${x.line}`)).toEqual(['before:1', 'after:10']);
  });

  it('lints a %YAML 1.2 document but reports at the directive that Kubernetes refuses it', () => {
    const r = lint(`# head\n%YAML 1.2\n---\n${k8s('v12')}`);
    expect(names(r)).toEqual(['v12']);
    expect(problems(r).map((f) => `${brief(f)}:${f.range.start.column}`)).toEqual(['parse-error in.yaml:2:1']);
    expect(problems(r)[0]?.message).toMatch(/^"%YAML 1\.2": Kubernetes reads only YAML 1\.1 and refuses this document/);
  });

  it('puts text after a "..." end marker on its line at that text, not at 1:1, and still reads the document it ends', () => {
    const r = lint(`${k8s('one')}... trailing\n${k8s('two')}`);
    expect(names(r)).toEqual(['one', 'two']);
    expect(problems(r).map((f) => `${brief(f)}:${f.range.start.column} ${f.message}`)).toEqual([
      'parse-error in.yaml:5:5 YAML syntax error: only a comment may follow the document end marker "..." on its line',
    ]);
  });

  it('skips empty documents and comment-only documents without a finding', () => {
    const r = lint(`---\n---\n# just a comment\n---\n\n---\n${k8s('only')}---\n...\n`);
    expect(r.findings.map(brief)).toEqual(['probe in.yaml:7']);
    expect(r.skipped).toEqual([]);
  });

  it('counts a file with no document at all as empty', () => {
    expect(lint('# nothing here\n---\n').skipped).toEqual([{ file: 'in.yaml', reason: 'empty' }]);
    expect(lint('').skipped).toEqual([{ file: 'in.yaml', reason: 'empty' }]);
  });

  it('skips and counts a document that is not a Kubernetes object', () => {
    const text = `${k8s('a')}---\nfoo: bar\nlist: [1, 2]\n---\n- just\n- a list\n---\nkind: NoApiVersion\n---\n${k8s('b')}`;
    const r = lint(text);
    expect(problems(r)).toEqual([]);
    expect(names(r)).toEqual(['a', 'b']);
    expect(r.skipped).toEqual([
      { file: 'in.yaml', line: 5, reason: 'not-kubernetes' },
      { file: 'in.yaml', line: 8, reason: 'not-kubernetes' },
      { file: 'in.yaml', line: 11, reason: 'not-kubernetes' },
    ]);
    const report = jsonReport(json(r, { color: false, tool: { name: 'kubecomply', version: '0' } }));
    expect(report.summary.skippedDocuments).toBe(3);
  });
});

describe('Lists', () => {
  it('expands kind: List and *List items, each at its own line', () => {
    const text = [
      'apiVersion: v1', //                  1
      'kind: List', //                      2
      'items:', //                          3
      '  - apiVersion: v1', //              4
      '    kind: ConfigMap', //             5
      '    metadata: {name: one}', //       6
      '  - apiVersion: v1', //              7
      '    kind: Secret', //                8
      '    metadata: {name: two}', //       9
      '---', //                            10
      'apiVersion: v1', //                 11
      'kind: ConfigMapList', //            12
      'metadata: {}', //                   13
      'items:', //                         14
      '- apiVersion: v1', //               15
      '  kind: ConfigMap', //              16
      '  metadata:', //                    17
      '    name: three', //                18
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: four}}', // 19
      '- not an object', //                20
    ].join('\n');
    const r = lint(text);
    expect(problems(r)).toEqual([]);
    expect(r.resources.map((x) => `${x.kind}/${x.name}@${x.line}`)).toEqual(['ConfigMap/one@4', 'Secret/two@7', 'ConfigMap/three@15', 'ConfigMap/four@19']);
    expect(probed(r).map((f) => `${f.resource?.name} ${JSON.stringify(f.path)} ${f.range.start.line}:${f.range.start.column}`)).toEqual([
      'one ["items",0] 4:5',
      'two ["items",1] 7:5',
      'three ["items",0] 15:3',
      'four ["items",1] 19:3',
    ]);
  });

  it('does not expand a List-named kind whose items is not a list', () => {
    const r = lint('apiVersion: example.com/v1\nkind: ShoppingList\nmetadata: {name: s}\nitems: {milk: 1}\n');
    expect(r.resources.map((x) => `${x.kind}/${x.name}`)).toEqual(['ShoppingList/s']);
  });
});

describe('Helm # Source: attribution', () => {
  it('attributes each document to its header, and a document without one to the previous header', () => {
    const text = [
      '---', //                                        1
      '# Source: chart/templates/a.yaml', //           2
      k8sLines('a'), //                                     3-6
      '---', //                                        7
      k8sLines('inherits-a'), //                            8-11
      '---', //                                        12
      '#  Source:   chart/templates/b.yaml  ', //      13
      '# a template comment', //                       14
      k8sLines('b'), //                                     15-18
      '---', //                                        19
      '# Source: chart/templates/header-only.yaml', // 20
      '---', //                                        21
      '# not a header', //                             22
      k8sLines('inherits-header-only'), //                  23-26
      '---', //                                        27
      'apiVersion: v1', //                             28
      'kind: ConfigMap', //                            29
      '# Source: chart/templates/inside.yaml', //      30
      'metadata: {name: not-a-header}', //             31
    ].join('\n');
    const r = lint(text);
    expect(probed(r).map((f) => `${f.resource?.name}@${f.range.start.line} ${f.helm?.template}`)).toEqual([
      'a@3 chart/templates/a.yaml',
      'inherits-a@8 chart/templates/a.yaml',
      'b@15 chart/templates/b.yaml',
      'inherits-header-only@23 chart/templates/header-only.yaml',
      'not-a-header@28 chart/templates/header-only.yaml',
    ]);
  });

  it('attributes nothing in a file without headers', () => {
    expect(probed(lint(`${k8s('a')}---\n${k8s('b')}`)).map((f) => f.helm)).toEqual([undefined, undefined]);
  });

  it('attributes a parse error and a duplicate key to their template', () => {
    const r = lint(`# Source: c/templates/bad.yaml\n${k8s('x')}data: {a: 1, a: 2}\n---\n# Source: c/templates/worse.yaml\na: [\n`);
    expect(problems(r).map((f) => `${f.ruleId} ${f.helm?.template}`)).toEqual(['duplicate-key c/templates/bad.yaml', 'parse-error c/templates/worse.yaml']);
  });
});

describe.runIf(HAS_CORPUS)('rendered Helm charts agree with shared/corpus/helm/*/INDEX.tsv', () => {
  interface Row {
    rendered_file: string;
    doc: string;
    first_line: string;
    last_line: string;
    source_comment_line: string;
    source_comment: string;
    chart_file: string;
    resolves: string;
    kind: string;
    namespace: string;
    name: string;
  }
  const readIndex = (pair: string): Row[] => {
    const [header, ...lines] = readFileSync(path.join(helmCorpus, pair, 'INDEX.tsv'), 'utf8')
      .trimEnd()
      .split('\n');
    const cols = (header as string).split('\t');
    return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])) as unknown as Row);
  };
  const pairs = !HAS_CORPUS
    ? []
    : readdirSync(helmCorpus, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
  const isContent = (line: string) => line.trim() !== '' && !line.trim().startsWith('#') && !/^---(\s|$)/.test(line.trim());

  it('has pairs to check', () => expect(pairs.length).toBeGreaterThanOrEqual(5));

  it.each(pairs)('%s', (pair) => {
    const rows = readIndex(pair);
    const files = [...new Set(rows.map((r) => r.rendered_file))];
    const bad: string[] = [];
    let checkedTemplates = 0;
    for (const file of files) {
      const text = readFileSync(path.join(helmCorpus, pair, file), 'utf8');
      const lines = text.split('\n');
      const r = lint(text, file);
      const want = rows.filter((row) => row.rendered_file === file);
      if (problems(r).length > 0) bad.push(`${file}: ${problems(r).map(brief).join(', ')}`);
      if (r.resources.length !== want.length) {
        bad.push(`${file}: ${r.resources.length} resources, INDEX has ${want.length}`);
        continue;
      }
      // Our resource line is the object's first line: the first line of the
      // INDEX range that is not blank, a comment or the marker.
      want.forEach((row, i) => {
        const got = r.resources[i];
        const finding = probed(r).find((f) => f.resource?.name === got?.name && f.resource?.kind === got?.kind && f.range.start.line === got?.line);
        let firstContent = Number(row.first_line);
        while (firstContent <= Number(row.last_line) && !isContent(lines[firstContent - 1] as string)) firstContent++;
        const ident = `${file} doc ${row.doc} ${row.kind}/${row.name}`;
        if (got?.kind !== row.kind || got.name !== row.name || (got.namespace ?? '') !== row.namespace) {
          bad.push(`${ident}: got ${got?.kind}/${got?.namespace}/${got?.name}`);
        }
        if (got?.line !== firstContent) bad.push(`${ident}: line ${got?.line}, want ${firstContent} (INDEX first_line ${row.first_line})`);
        let template: string | undefined;
        if (row.source_comment) template = row.source_comment;
        else if (row.resolves === 'inherited') {
          // The last header above the document, whose template is the row's chart_file.
          template = lines
            .slice(0, Number(row.first_line))
            .reverse()
            .find((l) => l.startsWith('# Source: '))
            ?.slice('# Source: '.length)
            .trim();
          expect(`chart/${template?.split('/').slice(1).join('/')}`, ident).toBe(row.chart_file);
        }
        if (finding?.helm?.template !== template) bad.push(`${ident}: helm ${finding?.helm?.template}, want ${template}`);
        if (template) checkedTemplates++;
      });
    }
    expect(bad).toEqual([]);
    expect(checkedTemplates).toBeGreaterThan(0);
  });
});

describe('a document the parser fails on for any other reason', () => {
  it('becomes a parse-error finding and the other documents are still linted', async () => {
    const { YamlDocument } = await import('../src/parse/document.js');
    const { Linter } = await import('../src/index.js');
    const rulesCis = (await import('@kubecomply/rules-cis')).default;
    const original = YamlDocument.parse;
    YamlDocument.parse = (text: string, options?: { positions?: boolean }) => {
      if (text.includes('name: broken')) throw new TypeError('unexpected failure');
      return original.call(YamlDocument, text, options);
    };
    try {
      const text = [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: broken}\nspec: {containers: [{name: a, image: x}]}\n',
        '---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n',
      ].join('');
      const result = new Linter({ plugins: [rulesCis], rules: ['host-pid'] }).lintText(text, 'two.yaml');
      expect(result.findings.map((f) => [f.ruleId, f.range.start.line, f.message])).toEqual([
        ['parse-error', 1, 'Cannot read this document: unexpected failure'],
        ['host-pid', 9, expect.stringContaining('hostPID')],
      ]);
    } finally {
      YamlDocument.parse = original;
    }
  });
});
