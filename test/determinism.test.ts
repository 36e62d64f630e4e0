/**
 * Determinism of the built CLI (build first): the same input gives
 * byte-identical output in every format, whatever order the files were
 * written to disk in and the paths are given in, whatever the time zone,
 * locale or moment of the run; and no output carries a timestamp.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/cli.js';

const root = path.resolve(import.meta.dirname, '..');
const examples = path.join(root, 'examples/shop');

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  return runCli(args, { cwd, env });
}

/** The formats `--help` lists: the words of the --format option's description that the CLI accepts as one. */
function listFormats(): string[] {
  const lines = run(['--help'], root).stdout.split('\n');
  const at = lines.findIndex((l) => /^\s*(?:-f, )?--format\b/.test(l));
  if (at === -1) return [];
  // The description goes on over the following lines that start no other option.
  let end = at + 1;
  while (end < lines.length && /^\s{8,}[^\s-]/.test(lines[end] as string)) end++;
  const words =
    lines
      .slice(at, end)
      .join(' ')
      .split(/format:/i)[1]
      ?.match(/[a-z]+/g) ?? [];
  const empty = mkdtempSync(path.join(work, 'formats-'));
  writeFileSync(path.join(empty, 'x.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  return [...new Set(words)].filter((w) => run(['--format', w, 'x.yaml'], empty).code !== 2);
}
let formatList: string[] | undefined;
const formats = () => (formatList ??= listFormats());

/**
 * The tree linted: the shop example, cross-file relations (a Namespace in one
 * file, its workloads and policies in others), Helm output, a List, JSON, a
 * file with a syntax error, duplicate keys, a suppression, nested
 * directories, names that sort differently by byte and by locale.
 */
function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(examples).sort()) files[`shop/${f}`] = readFileSync(path.join(examples, f), 'utf8');
  files['team/ns.yaml'] = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels: {pod-security.kubernetes.io/enforce: restricted}\n';
  files['team/b/Deploy.yaml'] = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api, namespace: team}',
    'spec:',
    '  template:',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '        - name: api',
    '          image: api:latest',
    '',
  ].join('\n');
  files['team/a/rbac.json'] = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'everyone' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'all', namespace: 'team' },
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        },
      ],
    },
    null,
    2,
  );
  files['helm/rendered.yaml'] = [
    '---',
    '# Source: app/templates/deployment.yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: team}',
    'spec: {template: {spec: {containers: [{name: web, image: "web:1", securityContext: {privileged: true}}]}}}',
    '---',
    '# Source: app/templates/netpol.yaml',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: deny, namespace: team}',
    'spec: {podSelector: {}, policyTypes: [Ingress, Egress]}',
    '',
  ].join('\n');
  files['broken/syntax.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: oops\n';
  files['broken/dup.yaml'] =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: dup, namespace: team}\nspec:\n  hostPID: false\n  hostPID: true\n  containers: [{name: c, image: c}]\n';
  files['suppressed.yaml'] = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: agent',
    '  namespace: team',
    '  annotations:',
    '    ignore.kubecomply.io/host-pid: "reads host metrics; expires=2999-12-31"',
    'spec:',
    '  hostPID: true',
    '  containers: [{name: a, image: a}]',
    '',
  ].join('\n');
  files['Z-upper.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: upper}\nspec: {hostIPC: true, containers: [{name: a, image: a}]}\n';
  files['a-lower.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: lower}\nspec: {hostIPC: true, containers: [{name: a, image: a}]}\n';
  files['é-accent.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: accent}\nspec: {hostIPC: true, containers: [{name: a, image: a}]}\n';
  files['10.yaml'] = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ten, namespace: team}\n';
  files['9.yaml'] = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: nine, namespace: team}\n';
  return files;
}

/** Writes the tree, files and directories in the given order. */
function writeTree(dir: string, files: Record<string, string>, reverse: boolean): void {
  const names = Object.keys(files).sort();
  if (reverse) names.reverse();
  const dirs = [...new Set(names.map((n) => path.dirname(n)))];
  for (const d of dirs) mkdirSync(path.join(dir, d), { recursive: true });
  for (const n of names) writeFileSync(path.join(dir, n), files[n] as string);
}

const work = mkdtempSync(path.join(tmpdir(), 'kubecomply-determinism-'));
// One path for both trees, so that no absolute path in a report differs.
const dir = path.join(work, 'tree');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const FILES = tree();
const NAMES = Object.keys(FILES).sort();
const TOP = [...new Set(NAMES.map((n) => n.split('/')[0] as string))].sort();

/** Every way of running the same lint, each run against a tree freshly written in one of two orders. */
const ARGUMENTS: { label: string; reverseTree: boolean; args: string[]; env?: Record<string, string> }[] = [
  { label: 'directory', reverseTree: false, args: ['.'] },
  { label: 'directory, tree written in reverse', reverseTree: true, args: ['.'] },
  { label: 'files in order', reverseTree: false, args: NAMES },
  { label: 'files reversed, tree reversed', reverseTree: true, args: [...NAMES].reverse() },
  { label: 'top-level entries reversed', reverseTree: false, args: [...TOP].reverse() },
  { label: 'glob', reverseTree: true, args: ['**/*.yaml', '**/*.json'] },
  { label: 'other time zone and locale', reverseTree: false, args: ['.'], env: { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } },
];

describe('determinism of the built CLI', () => {
  it('lists at least stylish and json among its formats', () => {
    expect(formats()).toEqual(expect.arrayContaining(['stylish', 'json']));
  });

  it.each(formats())('%s: byte-identical output whatever the order on disk, the order of paths, the time zone and the moment', (format) => {
    const outputs = new Map<string, CliRun>();
    for (const a of ARGUMENTS) {
      rmSync(dir, { recursive: true, force: true });
      writeTree(dir, FILES, a.reverseTree);
      outputs.set(a.label, run(['--format', format, ...a.args], dir, a.env));
    }
    const first = outputs.get('directory') as CliRun;
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout.length).toBeGreaterThan(0);
    for (const [label, out] of outputs) {
      expect({ label, code: out.code, stderr: out.stderr }).toEqual({ label, code: first.code, stderr: first.stderr });
      expect(out.stdout === first.stdout, `${format} output differs for "${label}"`).toBe(true);
    }
    // A second later, the same bytes again.
    const later = spawnSync('sleep', ['1.1']);
    expect(later.status).toBe(0);
    expect(run(['--format', format, '.'], dir).stdout === first.stdout, `${format} output changed with the clock`).toBe(true);
  });

  it.each(formats())('%s: no timestamp, date or duration in the output', (format) => {
    rmSync(dir, { recursive: true, force: true });
    writeTree(dir, FILES, false);
    const out = run(['--format', format, '.'], dir).stdout;
    const today = new Date().toISOString().slice(0, 10);
    expect(out).not.toContain(today);
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(out).not.toMatch(/\b(?:\d+(?:\.\d+)?) ?(?:ms|seconds?)\b/);
    // The runtime and the machine are not in the report either.
    expect(out).not.toContain(process.version);
    expect(out).not.toContain(work);
  });

  it('writes the same bytes to --output as to standard output', () => {
    rmSync(dir, { recursive: true, force: true });
    writeTree(dir, FILES, false);
    for (const format of formats()) {
      const file = path.join(work, `report.${format}`);
      const toFile = run(['--format', format, '--output', file, '.'], dir);
      expect(toFile.stdout).toBe('');
      expect(readFileSync(file, 'utf8') === run(['--format', format, '.'], dir).stdout, format).toBe(true);
    }
  });
});
