/**
 * What the engine does to keep the cost of a finding small must not show in
 * any finding: shared messages, paths and ranges (engine/finding-parts.ts),
 * whole-set findings on workloads located from places noted in the main pass,
 * and the pre-pass that skips flow-style documents naming no looked-up kind.
 */
import { describe, expect, it } from 'vitest';
import { definePlugin, defineRule, Linter, type Finding, type JsonPath } from '@kubecomply/core';

const PATHS: JsonPath[] = [['metadata', 'name'], ['metadata', 'namespace'], ['spec', 'replicas'], ['metadata', 'labels'], []];

/** The same paths reported by a per-resource rule (positions at hand) and by a whole-set rule (positions dropped, or noted early). */
const plugin = definePlugin({
  name: 'places',
  frameworks: [],
  rules: [
    defineRule({
      id: 'each-place',
      description: 'Reports each of PATHS on a Deployment.',
      remediation: 'None.',
      severity: 'warning',
      appliesTo: ['Deployment'],
      check(_resource, ctx) {
        for (const path of PATHS) ctx.report({ path, message: `at ${path.join('.')}` });
      },
    }),
    defineRule({
      id: 'each-place-set',
      scope: 'set',
      description: 'Reports each of PATHS on every workload, over the whole set.',
      remediation: 'None.',
      severity: 'info',
      kinds: ['workloads'],
      check(set, ctx) {
        for (const r of set.ofKind('Deployment')) for (const path of PATHS) ctx.report({ resource: r, path, message: `at ${path.join('.')}` });
      },
    }),
  ],
});

const block = (name: string, namespace = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  replicas: 2\n`;
const flow = (name: string) => `{apiVersion: apps/v1, kind: Deployment, metadata: {name: ${name}, namespace: web, labels: {a: b}}, spec: {replicas: 1}}\n`;
const list = `apiVersion: v1\nkind: List\nitems:\n- ${flow('in-list-0').trim()}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: in-list-1\n  spec:\n    replicas: 3\n`;

const where = (f: Finding) => `${f.resource?.name} ${JSON.stringify(f.path)} ${f.pathFound} ${JSON.stringify(f.range)}`;

describe('whole-set findings on workloads', () => {
  it('have the ranges a per-resource rule gets at the same paths, in block and flow style and inside a List', () => {
    const text = [block('plain', 'shop'), block('no-namespace'), flow('flowing'), list].join('---\n');
    const result = new Linter({ plugins: [plugin] }).lintText(text, 'deploy.yaml');
    const of = (ruleId: string) =>
      result.findings
        .filter((f) => f.ruleId === ruleId)
        .map(where)
        .sort();
    const perResource = of('each-place');
    expect(perResource).toHaveLength(5 * PATHS.length);
    expect(of('each-place-set')).toEqual(perResource);
    // Spot checks against the text (ranges start at the key): a missing namespace is reported at its metadata.
    const at = (name: string, path: string) =>
      result.findings.find((f) => f.ruleId === 'each-place-set' && f.resource?.name === name && f.path.join('.') === path);
    expect(at('plain', 'metadata.namespace')?.range.start).toEqual({ line: 5, column: 3 });
    expect(at('no-namespace', 'metadata.namespace')).toMatchObject({ pathFound: false, range: { start: { line: 11, column: 1 } } });
    expect(at('in-list-1', 'items.1.metadata.name')?.range.start).toEqual({ line: 25, column: 5 });
  });
});

describe('findings share their parts and keep their shape', () => {
  const result = new Linter({ plugins: [plugin], rules: ['each-place'] }).lintText(`${block('a', 'x')}---\n${block('b', 'x')}`, 'two.yaml');
  const [a, b] = ['a', 'b'].map((name) => result.findings.filter((f) => f.resource?.name === name));

  it('lists their fields in the documented order, as plain data', () => {
    const f = a?.[0] as Finding;
    expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'message', 'resource', 'file', 'range', 'path', 'pathFound', 'controls', 'remediation']);
    expect(JSON.parse(JSON.stringify(f))).toEqual({ ...f });
    expect(structuredClone(f)).toEqual({ ...f });
  });

  it('shares a path between findings at the same path, and never between different paths', () => {
    for (const [i, path] of PATHS.entries()) {
      const fa = a?.find((f) => f.message === `at ${path.join('.')}`) as Finding;
      const fb = b?.find((f) => f.message === `at ${path.join('.')}`) as Finding;
      expect(fa.path).toEqual(path);
      expect(fa.path).toBe(fb.path);
      expect(fa.path).not.toBe(PATHS[i]);
      expect(fa.range).not.toEqual(fb.range);
    }
  });
});

describe('the pre-pass for looked-up kinds', () => {
  const namespaces = definePlugin({
    name: 'ns',
    frameworks: [],
    rules: [
      defineRule({
        id: 'namespace-labels',
        description: 'Reports the label of the Namespace object of a ConfigMap.',
        remediation: 'None.',
        severity: 'info',
        appliesTo: ['ConfigMap'],
        uses: ['Namespace'],
        check(resource, ctx) {
          const ns = ctx.lookup('Namespace').find((n) => n.name === resource.namespace);
          ctx.report({ path: [], message: `team ${ns?.labels['team'] ?? 'none'}` });
        },
      }),
    ],
  });
  const run = (namespaceDoc: string) =>
    new Linter({ plugins: [namespaces] })
      .lintText(`${namespaceDoc}\n---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: pay}}\n`, 'ns.yaml')
      .findings.filter((f) => f.ruleId === 'namespace-labels')
      .map((f) => f.message);

  it('reads a Namespace written in flow style or JSON, where no kind line can be read', () => {
    expect(run('{apiVersion: v1, kind: Namespace, metadata: {name: pay, labels: {team: a}}}')).toEqual(['team a']);
    expect(run('{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "pay", "labels": {"team": "b"}}}')).toEqual(['team b']);
  });

  it('reads one whose kind is spelt with an escape', () => {
    expect(run('{"apiVersion": "v1", "kind": "\\u004eamespace", "metadata": {"name": "pay", "labels": {"team": "c"}}}')).toEqual(['team c']);
  });

  it('finds none when the document names no looked-up kind', () => {
    expect(run('{apiVersion: v1, kind: Secret, metadata: {name: pay, labels: {team: d}}}')).toEqual(['team none']);
  });
});
