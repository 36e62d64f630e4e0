// @requires ../shared (some cases): the cases that read ../shared run only when it is there (test/support/corpus.ts).
/**
 * Safety of the built CLI (build first) and the library:
 * - it opens no network connection: it passes, with the same output, in a
 *   network namespace with no interfaces (`unshare -n`) and with a preload
 *   that makes every socket, DNS, HTTP and fetch call throw and be recorded;
 *   it starts no process either;
 * - keys from the input (`__proto__`, `constructor`, `prototype`) pollute no
 *   prototype;
 * - nothing in a manifest is evaluated: `!!js/function` and other language
 *   tags, `{{ }}` templates and shell syntax are data or a parse error.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATTERS, Linter, YamlDocument } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import { snapshotCli } from './hostile/cli-snapshot.js';
import { type CliOptions, type CliRun, findings, runCli, runNode } from './support/cli.js';
import { HAS_CORPUS, corpusPath } from './support/corpus.js';

const corpus = corpusPath('real-world');
const work = mkdtempSync(path.join(tmpdir(), 'kubecomply-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cli = snapshotCli(path.join(work, 'bin'));

/** Runs the private copy of the built CLI from the repository root. */
const run = (args: readonly string[], options: CliOptions = {}): CliRun => runCli(args, { cli, ...options });

/**
 * Loaded with `node --import` before the CLI: every way out to the network
 * (and every way to start a process) throws, after appending what was tried
 * to the file named by KUBECOMPLY_TRAP_LOG.
 */
const TRAP = `
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import dns from 'node:dns';
import childProcess from 'node:child_process';
import workerThreads from 'node:worker_threads';

const log = process.env.KUBECOMPLY_TRAP_LOG;
function trap(owner, name, label) {
  if (typeof owner?.[name] !== 'function') return;
  owner[name] = function trapped() {
    appendFileSync(log, label + '\\n');
    throw new Error('blocked by the safety test: ' + label);
  };
}
for (const n of ['connect', 'createConnection']) trap(net, n, 'net.' + n);
trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
trap(tls, 'connect', 'tls.connect');
trap(dgram, 'createSocket', 'dgram.createSocket');
for (const [m, label] of [[http, 'http'], [https, 'https']]) for (const n of ['request', 'get']) trap(m, n, label + '.' + n);
trap(http2, 'connect', 'http2.connect');
for (const n of Object.keys(dns).filter((k) => /^(lookup|resolve)/.test(k))) trap(dns, n, 'dns.' + n);
for (const n of Object.keys(dns.promises).filter((k) => /^(lookup|resolve)/.test(k))) trap(dns.promises, n, 'dns.promises.' + n);
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(childProcess, n, 'child_process.' + n);
trap(workerThreads, 'Worker', 'worker_threads.Worker');
trap(globalThis, 'fetch', 'fetch');
trap(globalThis, 'WebSocket', 'WebSocket');
trap(globalThis, 'EventSource', 'EventSource');
syncBuiltinESMExports();
`;

const trapFile = path.join(work, 'trap.mjs');
writeFileSync(trapFile, TRAP);

/** Runs `runner` (the CLI, or node itself for the probe) with the trap preloaded; `attempts` is what the trap caught. */
function trapped(runner: typeof runNode, args: readonly string[]): CliRun & { attempts: string[] } {
  const log = path.join(work, `trap-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const out = runner(args, { cli, node: ['--import', trapFile], env: { KUBECOMPLY_TRAP_LOG: log } });
  return { ...out, attempts: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

const NO_NETWORK: CliOptions = { wrap: ['unshare', '-n'] };
const unshareWorks = (() => {
  try {
    return runNode(['-e', ''], NO_NETWORK).code === 0;
  } catch {
    return false; // no unshare command
  }
})();

/** What is linted, and in which formats (the corpus takes seconds a run: JSON only). */
const TARGETS: [string, string[], string[]][] = [
  ['examples/', ['examples'], Object.keys(FORMATTERS)],
  ['the real-world corpus', [corpus], ['json']],
];

describe('no network, no processes', () => {
  it('the trap catches what it should (a connection, a lookup, a fetch, a process)', () => {
    const probe = trapped(runNode, [
      '--input-type=module',
      '-e',
      `
      import net from 'node:net'; import dns from 'node:dns'; import { execSync } from 'node:child_process';
      for (const f of [() => net.connect(9, '127.0.0.1'), () => new net.Socket().connect(9, '127.0.0.1'), () => dns.lookup('example.com', () => {}), () => fetch('http://example.com'), () => execSync('true')]) {
        try { f(); } catch {}
      }`,
    ]);
    expect(probe.attempts).toEqual(['net.connect', 'net.Socket#connect', 'dns.lookup', 'fetch', 'child_process.execSync']);
  });

  it.each(TARGETS.filter(([, paths]) => paths[0] !== corpus || HAS_CORPUS))(
    '%s: with every way out trapped, the output of a normal run, and nothing tried',
    (_what, paths, formats) => {
      for (const format of formats) {
        const normal = run(['--format', format, ...paths]);
        expect(normal.stderr).toBe('');
        expect([0, 1]).toContain(normal.code);
        const t = trapped(runCli, ['--format', format, ...paths]);
        expect(t.attempts, format).toEqual([]);
        expect({ code: t.code, stderr: t.stderr }).toEqual({ code: normal.code, stderr: '' });
        expect(t.stdout === normal.stdout, `${format}: output differs with the trap`).toBe(true);
      }
    },
  );

  it.skipIf(!unshareWorks).each(TARGETS.filter(([, paths]) => paths[0] !== corpus || HAS_CORPUS))(
    '%s: in a network namespace with no interfaces (unshare -n), the same output',
    (_what, paths) => {
      const normal = run(['--format', 'json', ...paths]);
      const isolated = run(['--format', 'json', ...paths], NO_NETWORK);
      expect(isolated.stderr).toBe('');
      expect(isolated.code).toBe(normal.code);
      expect(isolated.stdout === normal.stdout, 'output differs without a network').toBe(true);
    },
  );
});

describe('input keys pollute no prototype', () => {
  const snapshot = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));

  const HOSTILE = `
apiVersion: v1
kind: Pod
metadata:
  name: __proto__
  namespace: constructor
  labels: {__proto__: x, constructor: y, prototype: z}
  annotations:
    __proto__: {polluted: "yes"}
__proto__: {polluted: true, hostNetwork: true}
constructor: {prototype: {polluted: true}}
spec:
  __proto__: {hostPID: true, polluted: true}
  constructor: {prototype: {hostIPC: true}}
  containers:
    - name: app
      image: app:1
      __proto__: {securityContext: {privileged: true}}
      securityContext: {__proto__: {privileged: true}, constructor: {prototype: {privileged: true}}}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Namespace, metadata: {name: __proto__, labels: {__proto__: {polluted: true}}}}
  - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: prototype, namespace: __proto__}, spec: {podSelector: {matchLabels: {__proto__: x}}}}
  - {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: constructor, namespace: toString}, roleRef: {kind: ClusterRole, name: __proto__}, subjects: [{kind: ServiceAccount, name: __proto__, namespace: hasOwnProperty}]}
---
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "json", "__proto__": {"polluted": true}}, "spec": {"containers": [{"name": "c", "image": "c", "__proto__": {"securityContext": {"privileged": true}}}]}}
`;

  it('lints keys named __proto__, constructor and prototype as data, in every format, and changes no prototype', () => {
    const before = snapshot();
    const linter = new Linter({ plugins: [rulesCis, rulesPci] });
    const result = linter.lintText(HOSTILE, 'hostile.yaml');
    for (const format of Object.values(FORMATTERS)) format(result, { color: false, tool: { name: 'kubecomply', version: '0' } });
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['hostNetwork']).toBeUndefined();
    // Nothing was read through an inherited or a __proto__ key.
    const ids = result.findings.map((f) => f.ruleId);
    for (const id of ['host-network', 'host-pid', 'host-ipc', 'privileged-container', 'rule-error']) expect(ids, id).not.toContain(id);
    // The objects were still linted, under their odd names.
    expect(result.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['__proto__', 'prototype', 'constructor', 'json']));
    // A clean object afterwards is linted as before.
    const clean = linter.lintText('apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: c}]}\n');
    expect(clean.findings.map((f) => f.ruleId)).not.toContain('host-network');
  });
});

describe('nothing in a manifest is evaluated', () => {
  const marker = path.join(work, 'pwned');
  const PAYLOADS: [string, string][] = [
    [
      'js-function',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: f}\ndata:\n  x: !!js/function "function () { require('fs').writeFileSync('${marker}', 'x') }"\n`,
    ],
    [
      'js-function-in-spec',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: g}\nspec:\n  containers: !<tag:yaml.org,2002:js/function> "function () { require('fs').writeFileSync('${marker}', 'x') }"\n`,
    ],
    ['js-regexp-undefined', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata: {a: !!js/regexp /x/g, b: !!js/undefined ""}\n'],
    ['python-object', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\ndata: {a: !!python/object/apply:os.system ["touch ${marker}"]}\n`],
    ['local-tags', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata: {a: !Ref x, b: !Sub "touch ${marker}", c: !vault secret}\n`],
    [
      'template-as-data',
      `apiVersion: v1\nkind: Pod\nmetadata: {name: "{{ .Release.Name }}"}\nspec:\n  containers:\n    - name: app\n      image: "{{ .Values.image }}"\n      command: ["sh", "-c", "$(touch ${marker}); \`touch ${marker}\`"]\n      env: [{name: X, value: "\${HOME} {{ exec \\"touch\\" }}"}]\n`,
    ],
    ['unrendered-template', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n'],
  ];
  const dir = path.join(work, 'payloads');
  mkdirSync(dir);
  for (const [name, text] of PAYLOADS) writeFileSync(path.join(dir, `${name}.yaml`), text);

  it('the CLI reads them as data or reports a parse error, and nothing runs', () => {
    const r = trapped(runCli, ['--format', 'json', dir]);
    expect(r.attempts).toEqual([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
    const found = findings(r);
    const byFile = (name: string) => found.filter((f) => f.file.endsWith(`/${name}.yaml`));
    // Language tags mean nothing to Kubernetes' decoder: the value is read as written (a string, a list), never a function.
    for (const name of ['js-function', 'js-function-in-spec', 'js-regexp-undefined', 'python-object']) {
      expect(
        byFile(name).map((f) => f.ruleId),
        name,
      ).not.toContain('parse-error');
    }
    // Templates and shell syntax in a valid manifest are strings: the Pod is linted like any other.
    const template = byFile('template-as-data');
    expect(template.some((f) => f.resource?.name === '{{ .Release.Name }}')).toBe(true);
    expect(template.map((f) => f.ruleId)).not.toContain('parse-error');
    expect(byFile('unrendered-template').find((f) => f.ruleId === 'parse-error')?.message).toMatch(/helm template/);
    // Application tags (!Ref, !Sub) are read as if untagged.
    expect(byFile('local-tags').map((f) => f.ruleId)).not.toContain('parse-error');
    expect(readdirSync(work)).not.toContain('pwned');
  });

  it('the library does the same in process', () => {
    const linter = new Linter({ plugins: [rulesCis, rulesPci] });
    for (const [name, text] of PAYLOADS) {
      const result = linter.lintText(text, `${name}.yaml`);
      expect(
        result.findings.map((f) => f.ruleId),
        name,
      ).not.toContain('rule-error');
    }
    const tagged = YamlDocument.parse(PAYLOADS[0]?.[1] ?? '').value as { data: { x: unknown } };
    expect(tagged.data.x).toBe(`function () { require('fs').writeFileSync('${marker}', 'x') }`);
    expect(existsSync(marker)).toBe(false);
  });
});
