// @requires ../shared (some cases): the real-world cases run only when ../shared is there (test/support/corpus.ts).
/**
 * Positions are exact: every range the linter reports starts where an
 * independent locator (eemeli/yaml, test/support/reference-locator.ts) puts
 * the finding's JSON path, and `pathFound` says whether that path exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import jsYaml from 'js-yaml';
import { Document, isScalar, visit, type ToStringOptions } from 'yaml';
import { definePlugin, defineRule, Linter, YamlDocument, YamlSyntaxError, type Finding, type JsonPath } from '@kubecomply/core';
import { lintFixture } from '@kubecomply/core/testing';
import { splitDocuments } from '../src/parse/split.js';
import rulesCis from '@kubecomply/rules-cis';
import { probe } from './support/probe.js';
import { RefFile, type Path } from './support/reference-locator.js';
import { HAS_CORPUS, corpusPath } from '../../../test/support/corpus.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const corpus = corpusPath('real-world');
const cisFixtures = path.join(repoRoot, 'packages/rules-cis/test/fixtures');
const ownFixtures = path.join(import.meta.dirname, 'fixtures/positions');

const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
const at = (p: { line: number; column: number }) => `${p.line}:${p.column}`;

/** The linter's positions of `paths` on every resource of `text`, keyed `name path`. */
function probeText(text: string, paths: readonly JsonPath[]): Map<string, { at: string; found: boolean }> {
  const result = new Linter({ plugins: [probe(paths)] }).lintText(text, 'probe.yaml');
  const out = new Map<string, { at: string; found: boolean }>();
  for (const f of result.findings) {
    if (f.ruleId !== 'probe') throw new Error(`unexpected ${f.ruleId}: ${f.message}`);
    out.set(`${f.resource?.name} ${JSON.stringify(f.path)}`, { at: at(f.range.start), found: f.pathFound });
  }
  return out;
}

/** Where the reference puts each finding's path, for every finding that differs from it. */
function mismatches(text: string, findings: readonly Finding[]): string[] {
  const ref = new RefFile(text);
  const bad: string[] = [];
  for (const f of findings) {
    if (!f.resource) {
      bad.push(`${f.ruleId} without a resource: ${f.message}`);
      continue;
    }
    const want = ref.documentOf(f.resource, f.path, f.range.start.line).locate(f.path);
    const got = `${at(f.range.start)}${f.pathFound ? '' : ' (not found)'}`;
    const expected = `${at(want)}${want.found ? '' : ' (not found)'}`;
    if (got !== expected) bad.push(`${f.ruleId} ${f.resource.kind}/${f.resource.name} ${JSON.stringify(f.path)}: got ${got}, want ${expected}`);
  }
  return bad;
}

/** Line:column of a path in a one-document text, by the linter's YamlDocument and by the reference. */
function both(text: string, p: Path): { ours: string; ref: string } {
  const doc = YamlDocument.parse(text, { positions: true });
  const hit = doc.locate(p);
  const ref = new RefFile(text);
  const pos = ref.position(hit.start);
  const want = (ref.documents[0] ?? expect.fail('no document')).locate(p);
  return {
    ours: `${at(pos)}${hit.depth === p.length ? '' : ' (not found)'}`,
    ref: `${at(want)}${want.found ? '' : ' (not found)'}`,
  };
}

/** Checks hand-written expectations against both locators. */
function expectPositions(text: string, expected: [Path, string][]): void {
  for (const [p, where] of expected) {
    const { ours, ref } = both(text, p);
    expect(ref, `reference for ${JSON.stringify(p)}`).toBe(where);
    expect(ours, `linter for ${JSON.stringify(p)}`).toBe(where);
  }
}

describe('unit cases: YamlDocument.locate and the reference agree with hand-checked positions', () => {
  it('block style', () => {
    const text = [
      'apiVersion: v1', //                       1
      'kind: Pod', //                             2
      'spec:', //                                 3
      '  containers:', //                         4
      '    - name: app', //                       5
      '      securityContext:', //                6
      '        privileged: true', //              7
    ].join('\n');
    expectPositions(text, [
      [[], '1:1'],
      [['kind'], '2:1'],
      [['spec', 'containers'], '4:3'],
      [['spec', 'containers', 0], '5:7'],
      [['spec', 'containers', 0, 'securityContext', 'privileged'], '7:9'],
      [['spec', 'containers', 0, 'securityContext', 'runAsUser'], '6:7 (not found)'],
      [['spec', 'containers', 3, 'name'], '4:3 (not found)'],
      [['spec', 'nope', 'deeper'], '3:1 (not found)'],
      [['kind', 'x'], '2:1 (not found)'],
    ]);
  });

  it('flow style, single and multi-line', () => {
    const text = [
      'spec: {hostPID: true, containers: [{name: a}, {name: b, sc: {p: true}}]}', // 1
      'multi: {', //                                                                 2
      '  a: [1,', //                                                                 3
      '      2],', //                                                                4
      '  "b": {c: 1}', //                                                            5
      '}',
    ].join('\n');
    expectPositions(text, [
      [['spec', 'hostPID'], '1:8'],
      [['spec', 'containers', 0], '1:36'],
      [['spec', 'containers', 1, 'sc', 'p'], '1:62'],
      [['multi', 'a', 1], '4:7'],
      [['multi', 'b', 'c'], '5:9'],
      [['multi', 'b', 'd'], '5:3 (not found)'],
    ]);
  });

  it('quoted keys and comments between key and value', () => {
    const text = [
      '"quoted": 1', //                  1
      "'single': 2", //                  2
      'spec:', //                        3
      '  # a comment', //                4
      '', //                             5
      '  hostPID:   # trailing', //      6
      '    # between key and value', //  7
      '    true', //                     8
      '  "with: colon": x', //           9
    ].join('\n');
    expectPositions(text, [
      [['quoted'], '1:1'],
      [['single'], '2:1'],
      [['spec', 'hostPID'], '6:3'],
      [['spec', 'with: colon'], '9:3'],
    ]);
  });

  it('anchors and aliases: a path through an alias resolves inside the anchored node', () => {
    const text = [
      'base: &b', //                  1
      '  sc:', //                     2
      '    privileged: true', //      3
      'items:', //                    4
      '  - *b', //                    5
      '  - &other {sc: {p: 1}}', //   6
      '  - *other', //                7
      'copy: *b', //                  8
    ].join('\n');
    expectPositions(text, [
      [['copy'], '8:1'],
      [['copy', 'sc', 'privileged'], '3:5'],
      [['items', 0], '5:5'],
      [['items', 0, 'sc'], '2:3'],
      [['items', 1], '6:5'],
      [['items', 2, 'sc', 'p'], '6:18'],
      [['copy', 'sc', 'missing'], '2:3 (not found)'],
    ]);
  });

  it('merge keys: <<: *base and <<: [*a, *b], own keys override, the first source wins', () => {
    const text = [
      'a: &a {x: 1, w: 1}', //         1
      'b: &b {x: 2, z: 2}', //         2
      'one:', //                        3
      '  <<: *a', //                    4
      '  w: own', //                    5
      'two:', //                        6
      '  <<: [*b, *a]', //              7
      'three:', //                      8
      '  <<: [*a, *b]', //              9
    ].join('\n');
    expectPositions(text, [
      [['one', 'x'], '1:8'],
      [['one', 'w'], '5:3'],
      [['two', 'x'], '2:8'],
      [['two', 'w'], '1:14'],
      [['two', 'z'], '2:14'],
      [['three', 'x'], '1:8'],
      [['three', 'z'], '2:14'],
      [['three', 'v'], '8:1 (not found)'],
    ]);
  });

  it('a quoted "<<" is an ordinary key, not a merge', () => {
    const text = ['a: &a {x: 1}', 'm:', '  "<<": *a', '  y2: 2'].join('\n');
    expectPositions(text, [
      [['m', '<<'], '3:3'],
      [['m', 'x'], '2:1 (not found)'],
    ]);
  });

  it('merged mappings that merge again', () => {
    const text = [
      'root: &r {deep: 1}', //         1
      'mid: &m', //                     2
      '  <<: *r', //                    3
      '  own: 2', //                    4
      'top:', //                        5
      '  <<: *m', //                    6
    ].join('\n');
    expectPositions(text, [
      [['top', 'own'], '4:3'],
      [['top', 'deep'], '1:11'],
    ]);
  });

  it('block scalars do not hide the keys after them', () => {
    const text = [
      'script: |', //                 1
      '  key: not a key', //          2
      '  - not an item', //           3
      'folded: >-', //                4
      '  more', //                    5
      '', //                          6
      'after: 1', //                  7
      'keep: |+', //                  8
      '  x', //                       9
      '', //                         10
      'last: 2', //                  11
    ].join('\n');
    expectPositions(text, [
      [['script'], '1:1'],
      [['script', 'key'], '1:1 (not found)'],
      [['folded'], '4:1'],
      [['after'], '7:1'],
      [['last'], '11:1'],
    ]);
  });

  it('keys with null values, followed by the next key', () => {
    const text = [
      'a:', //              1
      'b:', //              2
      '  c:', //            3
      '  d: ~', //          4
      'e: null', //         5
      'f: 1', //            6
    ].join('\n');
    expectPositions(text, [
      [['a'], '1:1'],
      [['b'], '2:1'],
      [['b', 'c'], '3:3'],
      [['b', 'd'], '4:3'],
      [['e'], '5:1'],
      [['f'], '6:1'],
      [['a', 'x'], '1:1 (not found)'],
    ]);
  });

  it('sequences with null items', () => {
    const text = [
      'args:', //             1
      '  - first', //         2
      '  -', //               3
      '  - # comment', //     4
      '  - ~', //             5
      '  - {k: v}', //        6
      '  - last', //          7
    ].join('\n');
    expectPositions(text, [
      [['args', 0], '2:5'],
      [['args', 1], '3:3'],
      [['args', 2], '4:3'],
      [['args', 3], '5:5'],
      [['args', 4, 'k'], '6:6'],
      [['args', 5], '7:5'],
      [['args', 6], '1:1 (not found)'],
    ]);
  });

  it('sequences of null items only, and null items in nested sequences', () => {
    const text = [
      'a:', //              1
      '  -', //             2
      '  -', //             3
      'b:', //              4
      '  - - x', //         5
      '    -', //           6
      '    - y', //         7
      '  -', //             8
      '  - &my-anchor z', //9
    ].join('\n');
    expectPositions(text, [
      [['a', 0], '2:3'],
      [['a', 1], '3:3'],
      [['a', 2], '1:1 (not found)'],
      [['b', 0, 0], '5:7'],
      [['b', 0, 1], '6:5'],
      [['b', 0, 2], '7:7'],
      [['b', 1], '8:3'],
      [['b', 2], '9:5'],
    ]);
  });

  it('nested sequences (- - a)', () => {
    const text = [
      'm:', //           1
      '  - - a', //      2
      '    - b', //      3
      '  - - - c', //    4
      '  -', //          5
      '    - d', //      6
    ].join('\n');
    expectPositions(text, [
      [['m', 0], '2:5'],
      [['m', 0, 0], '2:7'],
      [['m', 0, 1], '3:7'],
      [['m', 1, 0, 0], '4:9'],
      [['m', 2], '6:5'],
      [['m', 2, 0], '6:7'],
    ]);
  });

  it('anchors and tags count as the start of the node they mark', () => {
    const text = [
      'list:', //                 1
      '  - &anc', //              2
      '    name: a', //           3
      '  - !!map {b: 2}', //      4
    ].join('\n');
    expectPositions(text, [
      [['list', 0], '2:5'],
      [['list', 0, 'name'], '3:5'],
      [['list', 1], '4:5'],
    ]);
  });

  it('an alias of a sequence made only of null items', () => {
    const text = [
      'm: &m', //          1
      '  k: &a', //        2
      '    -', //          3
      '  h:', //           4
      '    - *a', //       5
      'p: *m', //          6
    ].join('\n');
    expectPositions(text, [
      [['m', 'k', 0], '3:5'],
      [['m', 'h', 0, 0], '3:5'],
      [['p', 'k', 0], '3:5'],
    ]);
  });

  it('explicit keys (? key)', () => {
    const text = [
      '? a', //          1
      ': 1', //          2
      '? |', //          3
      '  block key', //  4
      ': 2', //          5
      'c:', //           6
      '  - ? d', //      7
      '    : 3', //      8
    ].join('\n');
    expectPositions(text, [
      [['a'], '1:3'],
      [['block key\n'], '3:3'],
      [['c', 0, 'd'], '7:7'],
    ]);
  });

  it('duplicate keys: the last one is located, as Kubernetes keeps the last value', () => {
    const text = ['a: 1', 'b: 2', 'a: 3'].join('\n');
    expectPositions(text, [[['a'], '3:1']]);
  });

  it('YAML 1.1 keys are located by the string Kubernetes decodes them to', () => {
    const text = ['on: 1', '0755: 2', 'y: 3'].join('\n');
    expectPositions(text, [
      [['true'], '3:1'],
      [['493'], '2:1'],
    ]);
  });

  it('reports depth and offsets through YamlDocument.locate', () => {
    const text = 'spec:\n  containers:\n    - name: a\n';
    const doc = YamlDocument.parse(text);
    expect(doc.locate(['spec', 'containers', 0, 'name'])).toMatchObject({ start: text.indexOf('name'), depth: 4 });
    expect(doc.locate(['spec', 'volumes', 0])).toMatchObject({ start: text.indexOf('spec'), depth: 1 });
  });
});

describe('unit cases through the whole pipeline (documents, BOM, CRLF, Lists, Helm headers)', () => {
  const expectProbe = (text: string, paths: JsonPath[], expected: Record<string, string>) => {
    const got = probeText(text, paths);
    const gotShown = Object.fromEntries([...got].map(([k, v]) => [k, `${v.at}${v.found ? '' : ' (not found)'}`]));
    expect(gotShown).toEqual(expected);
    // And the reference agrees with every one of them.
    const result = new Linter({ plugins: [probe(paths)] }).lintText(text, 'probe.yaml');
    expect(mismatches(text, result.findings)).toEqual([]);
  };

  it('CRLF line endings', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  hostPID: true\r\n';
    expectProbe(
      text,
      [
        ['spec', 'hostPID'],
        ['spec', 'x'],
      ],
      {
        'a ["spec","hostPID"]': '6:3',
        'a ["spec","x"]': '5:1 (not found)',
      },
    );
  });

  it('a byte order mark is not a column', () => {
    const text = '\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: a}\n';
    expectProbe(text, [['apiVersion'], ['metadata', 'name'], []], {
      'a ["apiVersion"]': '1:1',
      'a ["metadata","name"]': '3:12',
      'a []': '1:1',
    });
  });

  it('documents after --- with # Source: comments, an empty document and ...', () => {
    const text = [
      '# leading comment', //                    1
      '---', //                                  2
      '# Source: chart/templates/a.yaml', //     3
      'apiVersion: v1', //                       4
      'kind: Pod', //                            5
      'metadata: {name: a}', //                  6
      '---', //                                  7
      '---', //                                  8
      '# Source: chart/templates/b.yaml', //     9
      '', //                                    10
      'apiVersion: v1', //                      11
      'kind: Pod', //                           12
      'metadata:', //                           13
      '  name: b', //                           14
      '...', //                                 15
      '--- # comment on the marker', //         16
      'apiVersion: v1', //                      17
      'kind: Pod', //                           18
      'metadata: {name: c}', //                 19
    ].join('\n');
    expectProbe(text, [[], ['metadata', 'name']], {
      'a []': '4:1',
      'a ["metadata","name"]': '6:12',
      'b []': '11:1',
      'b ["metadata","name"]': '14:3',
      'c []': '17:1',
      'c ["metadata","name"]': '19:12',
    });
  });

  it('List items are located at their own line', () => {
    const text = [
      'apiVersion: v1', //            1
      'kind: List', //                2
      'items:', //                    3
      '- apiVersion: v1', //          4
      '  kind: ConfigMap', //         5
      '  metadata: {name: one}', //   6
      '- apiVersion: v1', //          7
      '  kind: ConfigMap', //         8
      '  metadata:', //               9
      '    name: two', //            10
    ].join('\n');
    expectProbe(text, [[], ['metadata', 'name'], ['data']], {
      'one ["items",0]': '4:3',
      'one ["items",0,"metadata","name"]': '6:14',
      'one ["items",0,"data"]': '4:3 (not found)',
      'two ["items",1]': '7:3',
      'two ["items",1,"metadata","name"]': '10:5',
      'two ["items",1,"data"]': '7:3 (not found)',
    });
  });
});

describe('single-line JSON: ranges found without rescanning the line', () => {
  /** A `List` of `n` Pods written on one line, as `kubectl get -o json | jq -c` prints it. */
  const singleLineList = (n: number) =>
    `${JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: Array.from({ length: n }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, namespace: 'n' },
        spec: { containers: [{ name: 'a', image: 'a', securityContext: { privileged: true } }] },
      })),
    })}\n`;

  it('every range of every item starts where the reference puts it and ends with its value, on line 1', () => {
    const text = singleLineList(300);
    const paths: JsonPath[] = [[], ['metadata', 'name'], ['spec', 'containers', 0, 'securityContext', 'privileged'], ['spec', 'hostPID']];
    const result = new Linter({ plugins: [probe(paths)] }).lintText(text, 'list.json');
    expect(result.findings).toHaveLength(300 * paths.length);
    expect(mismatches(text, result.findings)).toEqual([]);
    for (const f of result.findings) {
      expect(f.range.start.line).toBe(1);
      expect(f.range.end.line).toBe(1);
    }
    // The end of a key's range is the end of its value, found by the line index, not by a scan to the end of the line.
    const names = result.findings.filter((f) => f.path.at(-1) === 'name');
    for (const f of names) {
      const written = `"name":"${f.resource?.name}"`;
      expect(f.range.end.column - f.range.start.column).toBe(written.length);
      expect(text.slice(f.range.start.column - 1, f.range.end.column - 1)).toBe(written);
    }
  });

  it('findings of a whole-set rule on the items of a List rebuild its positions once, not once per item', () => {
    const perItem = definePlugin({
      name: 'set-probe',
      frameworks: [],
      rules: [
        defineRule({
          id: 'set-probe',
          description: 'Reports every Pod of the input from a whole-set rule.',
          remediation: 'None.',
          severity: 'info',
          scope: 'set',
          kinds: ['Pod'],
          check(set, ctx) {
            for (const pod of set.all) ctx.report({ resource: pod, path: ['metadata', 'name'], message: pod.name });
          },
        }),
      ],
    });
    const parse = vi.spyOn(YamlDocument, 'parse');
    try {
      const text = singleLineList(200);
      const result = new Linter({ plugins: [perItem] }).lintText(text, 'list.json');
      expect(result.findings.filter((f) => f.ruleId === 'set-probe')).toHaveLength(200);
      expect(mismatches(text, result.findings)).toEqual([]);
      // Once to read the file, once more to locate the set rule's findings (the positions are dropped between the two passes).
      expect(parse.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      parse.mockRestore();
    }
  });
});

describe("whole-set findings at a resource's name need no second parse", () => {
  it('the range of metadata.name noted while the positions were built serves a whole-set rule after they are dropped', () => {
    // 40 Deployments, one of them without a name (its finding falls back to metadata, not found).
    const docs = Array.from({ length: 40 }, (_, i) =>
      i === 7
        ? 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  namespace: n\nspec:\n  replicas: 1\n'
        : `# deployment ${i}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  namespace: n\n  labels: { a: "${i}" }\n  name:   d${i}\nspec:\n  replicas: ${i}\n`,
    );
    // And a List of five, whose items' names are noted in one document.
    const items = Array.from(
      { length: 5 },
      (_, i) => `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: item${i}\n  spec:\n    replicas: ${i}\n`,
    );
    const text = [...docs, `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`].join('---\n');
    const named = definePlugin({
      name: 'set-names',
      frameworks: [],
      rules: [
        defineRule({
          id: 'set-names',
          description: 'Reports every Deployment at its name, and every tenth at its replicas, from a whole-set rule.',
          remediation: 'None.',
          severity: 'info',
          scope: 'set',
          kinds: ['Deployment'],
          check(set, ctx) {
            set.all.forEach((d, i) => {
              ctx.report({ resource: d, path: ['metadata', 'name'], message: 'name' });
              if (i % 10 === 0) ctx.report({ resource: d, path: ['spec', 'replicas'], message: 'replicas' });
            });
          },
        }),
      ],
    });
    const parse = vi.spyOn(YamlDocument, 'parse');
    try {
      // The probe makes the positions of every Deployment be built while it is linted.
      const result = new Linter({ plugins: [probe([['kind']]), named] }).lintText(text, 'deployments.yaml');
      const set = result.findings.filter((f) => f.ruleId === 'set-names');
      // 45 names and 5 replicas (every tenth resource).
      expect(set).toHaveLength(50);
      expect(mismatches(text, set)).toEqual([]);
      expect(set.filter((f) => !f.pathFound)).toHaveLength(1);
      // Each document parsed once to be linted, and again only for the five findings at spec.replicas.
      expect(parse.mock.calls.length).toBe(41 + 5);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('whole-set findings at name and namespace in block style, flow style and JSON', () => {
  const deployment = (i: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `d${i}`, namespace: 'n', labels: { app: `d${i}` } },
    spec: { template: { spec: { containers: [{ name: 'a', image: `img${i}` }] } } },
  });
  // Block style, flow style and JSON (where the root node wraps the mapping), with a comment and an anchor.
  const text = [
    ...Array.from({ length: 4 }, (_, i) => new Document(deployment(i)).toString()),
    ...Array.from({ length: 4 }, (_, i) => new Document(deployment(4 + i)).toString({ collectionStyle: 'flow' })),
    ...Array.from({ length: 4 }, (_, i) => `${JSON.stringify(deployment(8 + i))}\n`),
    '# a comment\nmetadata: &m {name: d12, namespace: n}\napiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: a, image: img12}]}}}\n',
  ].join('---\n');
  const setRule = (id: string, at: (i: number) => JsonPath) =>
    defineRule({
      id,
      description: 'Reports every Deployment from a whole-set rule.',
      remediation: 'None.',
      severity: 'info',
      scope: 'set',
      kinds: ['Deployment'],
      check(set, ctx) {
        for (const d of set.all) ctx.report({ resource: d, path: at(Number(d.name.slice(1))), message: d.name });
      },
    });
  const lintWith = (...rules: ReturnType<typeof setRule>[]) => {
    const load = vi.spyOn(jsYaml, 'load');
    try {
      const result = new Linter({ plugins: [definePlugin({ name: 'set-probes', frameworks: [], rules })] }).lintText(text, 'held.yaml');
      return { result, loads: load.mock.calls.length };
    } finally {
      load.mockRestore();
    }
  };

  it('locates findings at metadata.name without parsing the documents again', () => {
    const { result, loads } = lintWith(
      setRule('at-name', () => ['metadata', 'name']),
      setRule('at-namespace', () => ['metadata', 'namespace']),
    );
    expect(result.findings).toHaveLength(26);
    expect(mismatches(text, result.findings)).toEqual([]);
    expect(result.findings.every((f) => f.pathFound)).toBe(true);
    // One parse per document, with positions, while the file is read.
    expect(loads).toBe(13);
  });

  it('parses a document again for a path below the outline, and the range is the same', () => {
    const { result, loads } = lintWith(setRule('at-image', () => ['spec', 'template', 'spec', 'containers', 0, 'image']));
    expect(result.findings).toHaveLength(13);
    expect(mismatches(text, result.findings)).toEqual([]);
    expect(result.findings.every((f) => f.pathFound)).toBe(true);
    expect(loads).toBe(26);
  });
});

describe('every rules-cis finding is exactly where the reference puts it', () => {
  const files = [...yamlFiles(cisFixtures).map((f) => path.join(cisFixtures, f)), ...yamlFiles(ownFixtures).map((f) => path.join(ownFixtures, f))];

  it('finds fixtures to check', () => {
    expect(yamlFiles(cisFixtures).length).toBeGreaterThan(0);
    expect(yamlFiles(ownFixtures).length).toBeGreaterThanOrEqual(6);
  });

  it.each(files.map((f) => [path.relative(repoRoot, f), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const { result } = lintFixture(text, path.basename(file), { plugins: [rulesCis] });
    // Version-gated fixtures may report nothing; the tricky ones below always do.
    expect(mismatches(text, result.findings)).toEqual([]);
  });

  it('positions findings in the tricky fixtures where the value is written', () => {
    const lint = (file: string) =>
      new Linter({ plugins: [rulesCis], rules: ['privileged-container', 'host-pid'] })
        .lintText(readFileSync(path.join(ownFixtures, file), 'utf8'), file)
        .findings.map((f) => `${f.resource?.name} ${f.ruleId} ${at(f.range.start)}`);
    expect(lint('anchors-and-merges.yaml')).toEqual([
      'via-alias privileged-container 6:3',
      'via-alias host-pid 9:3',
      'via-merge privileged-container 19:3',
      'via-merge privileged-container 19:3',
      'via-merge privileged-container 42:9',
      'shared-template privileged-container 52:26',
      'shared-template privileged-container 52:26',
    ]);
    expect(lint('null-values.yaml')).toEqual(['nulls host-pid 8:3', 'nulls privileged-container 18:25']);
    expect(lint('bom.yaml')).toEqual(['bom host-pid 4:9', 'bom privileged-container 4:77']);
    // `%TAG !! …` makes `!!bool "true"` a string in its document only, as in Kubernetes' decoder.
    expect(lint('directives-and-tags.yaml')).toEqual([
      'yaml-directive host-pid 9:3',
      'yaml-directive privileged-container 16:9',
      'tag-directive privileged-container 28:60',
      'verbatim privileged-container 41:9',
    ]);
  });
});

describe('YamlDocument.locate agrees with the reference on generated documents in many styles', () => {
  /** mulberry32: a small seeded generator, so every run checks the same documents. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const KEYS = ['name', 'image', 'a b', 'x:y', '#hash', 'on2', "it's", '-dash', 'ünï', 'with "q"', '🙂k', '1', 'null'];
  const SCALARS = [1, 'str', 'multi\nline\ntext', '', null, true, 'yes', '0755', 3.5, '  lead', '#nc', '- x', 'a: b', 'x\n', 'ü🙂'];

  function generate(r: () => number): string {
    const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
    const shared: unknown[] = [];
    const node = (depth: number): unknown => {
      const t = r();
      if (shared.length > 0 && t < 0.08) return pick(shared);
      if (depth > 4 || t < 0.35) return pick(SCALARS);
      const value: unknown =
        t < 0.7
          ? Object.fromEntries(Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => [pick(KEYS) + (r() < 0.3 ? i : ''), node(depth + 1)]))
          : Array.from({ length: 1 + Math.floor(r() * 3) }, () => node(depth + 1));
      if (r() < 0.2) shared.push(value);
      return value;
    };
    // Objects used twice become anchors and aliases.
    const doc = new Document({ root: node(0), other: node(1) });
    visit(doc, {
      Node(_key, n) {
        const x = r();
        if (x < 0.1) n.commentBefore = ' before';
        else if (x < 0.2) n.comment = ' after';
        if (isScalar(n) && r() < 0.1) n.spaceBefore = true;
      },
    });
    const options: ToStringOptions = {
      indent: pick([2, 4]),
      indentSeq: r() < 0.5,
      collectionStyle: pick(['any', 'any', 'block', 'flow'] as const),
      defaultStringType: pick(['PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const),
      defaultKeyType: pick([null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const),
      lineWidth: pick([0, 20, 80]),
      flowCollectionPadding: r() < 0.5,
    };
    let text = doc.toString(options);
    // Bare `-` items and `key:` with nothing after it, which the serializer never writes.
    if (r() < 0.5) text = text.replace(/^( *- )null$/gm, (m, dash: string) => (r() < 0.5 ? dash.trimEnd() : m)).replace(/^( *[^ #\n][^:\n]*:) null$/gm, '$1');
    if (r() < 0.3) text = text.replace(/\n/g, '\r\n');
    return text;
  }

  it('locates every path of 400 generated documents', () => {
    const r = random(20261127);
    let paths = 0;
    let refused = 0;
    const bad: string[] = [];
    for (let n = 0; n < 400; n++) {
      const text = generate(r);
      let ours: YamlDocument;
      try {
        ours = YamlDocument.parse(text, { positions: true });
      } catch (err) {
        // js-yaml misreads an empty item followed by a less indented one; such documents are refused.
        expect(err).toBeInstanceOf(YamlSyntaxError);
        expect(text, (err as Error).message).toMatch(/(?:^|[ \t])-[ \t]*(?:#.*)?\r?$/m);
        refused++;
        continue;
      }
      const ref = new RefFile(text).documents[0] ?? expect.fail('no document');
      for (const p of ref.paths().sort((a, b) => a.length - b.length)) {
        paths++;
        const hit = ours.locate(p);
        const want = ref.locateOffset(p);
        if (hit.start !== want.offset || hit.depth !== want.depth) bad.push(`${JSON.stringify(p)} in ${JSON.stringify(text)}`);
      }
    }
    expect(bad.slice(0, 3)).toEqual([]);
    expect(paths).toBeGreaterThan(5000);
    expect(refused).toBeLessThan(20);
  });
});

describe.runIf(HAS_CORPUS)('YamlDocument.locate agrees with the reference on real-world manifests', () => {
  const files = [
    'istio-addons/samples/addons/grafana.yaml',
    'istio-addons/samples/addons/kiali.yaml',
    'istio-addons/samples/addons/loki.yaml',
    'istio-addons/samples/addons/prometheus.yaml',
    'calico/manifests/calico.yaml',
    'cert-manager/common/cert-manager/base/upstream/cert-manager.yaml',
    'ingress-nginx/controller-v1.1.0/deploy/static/provider/cloud/deploy.yaml',
    'ingress-nginx/main/deploy/static/provider/cloud/deploy.yaml',
    'microservices-demo/release/kubernetes-manifests.yaml',
    'kube-prometheus/manifests/grafana-dashboardDefinitions.yaml',
    'argo-cd/manifests/ha/base/redis-ha/chart/upstream.yaml',
  ];

  /** Every existing path of a document, plus a missing key and a missing index under some of them. */
  const pathsOf = (paths: Path[]): Path[] => paths.flatMap((p, i) => (i % 7 === 0 ? [p, [...p, 'no-such-key'], [...p, 9999]] : [p]));

  it.each(files)('%s', (file) => {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    let checked = 0;
    const bad: string[] = [];
    for (const chunk of splitDocuments(text)) {
      const docText = text.slice(chunk.start, chunk.end);
      const ref = new RefFile(docText);
      const refDoc = ref.documents.find((d) => d.doc.contents !== null);
      if (!refDoc) continue;
      const ours = YamlDocument.parse(docText, { positions: true });
      for (const p of pathsOf(refDoc.paths(20_000))) {
        const hit = ours.locate(p);
        const want = refDoc.locate(p);
        checked++;
        if (hit.start !== want.offset || hit.depth !== want.depth) {
          const got = ref.position(hit.start);
          bad.push(`${JSON.stringify(p)}: got ${at(got)} depth ${hit.depth}, want ${at(want)} depth ${want.depth}`);
          if (bad.length > 20) break;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  it.each(files.slice(0, 8))('%s, through the linter (file lines, Helm headers, Lists)', (file) => {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const paths: JsonPath[] = [
      [],
      ['metadata', 'name'],
      ['metadata', 'labels'],
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'],
      ['data'],
      ['rules', 0, 'verbs', 0],
      ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec'],
    ];
    const result = new Linter({ plugins: [probe(paths)] }).lintText(text, file);
    expect(result.findings.length).toBeGreaterThan(paths.length);
    expect(result.findings.filter((f) => f.ruleId !== 'probe')).toEqual([]);
    expect(mismatches(text, result.findings)).toEqual([]);
  });
});
