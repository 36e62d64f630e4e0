/**
 * Hostile inputs for the built CLI, one case per attack or accident. Each
 * case builds its files in a fresh directory (the CLI's working directory)
 * and says what the run must show about them; hostile.test.ts runs every
 * case together with SENTINEL, a valid manifest, to prove the rest of the
 * input is still linted, and writes docs/hostile-input.md from the results.
 *
 * Sizes are the ones the issue names, except where noted in `title`.
 */
import { chmodSync, closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** The valid manifest run with every case; `privileged-container` fires at SENTINEL_AT. */
export const SENTINEL_FILE = 'sentinel.yaml';
export const SENTINEL = [
  'apiVersion: v1', //                                      1
  'kind: Pod', //                                           2
  'metadata:', //                                           3
  '  name: sentinel', //                                    4
  '  namespace: sentinel', //                               5
  'spec:', //                                               6
  '  containers:', //                                       7
  '    - name: app', //                                     8
  '      image: registry.example.com/app:1.0', //           9
  '      securityContext:', //                             10
  '        privileged: true', //                           11
  '',
].join('\n');
export const SENTINEL_AT = { line: 11, column: 9 };

export interface ReportFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  path: (string | number)[];
  resource?: { kind: string; name: string; namespace?: string };
  helm?: { template: string };
}

export interface Report {
  findings: ReportFinding[];
  files: string[];
}

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed stdout when the format is json. */
  report: Report | undefined;
}

export interface CaseRun {
  /** Paths and options before the sentinel (relative to the case directory). */
  args: string[];
  stdin?: Buffer;
  format?: 'json' | 'stylish' | 'github';
  /** Run the CLI as this user (setpriv), for permissions root ignores. */
  user?: string;
  /** The exit codes the run may end with. Default [1]: the sentinel has errors. */
  exit?: number[];
  /** Wall-clock budget; the child is killed past it. Default 20 s. */
  maxMs?: number;
  /** Peak RSS budget in MB. Default 300. */
  maxRssMB?: number;
  /** The file the hostile input must be named by, and what its finding says (rule `parse-error` unless given). */
  expect?: { file: string; ruleId?: string; message: RegExp; line?: number };
  /** What stderr must be, whole (default: empty unless the exit is 2). */
  stderr?: RegExp;
  /** Further checks; returns what is wrong, [] when all is well. */
  check?: (o: Outcome) => string[];
  /** The message shown in the table, when not the expected finding's. */
  summary?: (o: Outcome) => string;
}

export interface HostileCase {
  id: string;
  title: string;
  /** Why the case cannot run here, if it cannot. */
  skip?: () => string | undefined;
  setup(dir: string): CaseRun;
}

const MB = 1024 * 1024;

function write(dir: string, name: string, data: string | Buffer): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** Writes a large file in chunks, so the test process never holds it whole. */
function writeChunks(file: string, chunks: Iterable<string>): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    for (const chunk of chunks) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** A Pod that `privileged-container` flags, its `privileged:` key on line `start + 7`, column 9. */
function privilegedPod(name: string, namespace = 'hostile'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    '  containers:',
    '    - name: app',
    '      securityContext:',
    '        privileged: true',
    '',
  ].join('\n');
}
const PRIVILEGED_LINE = 8;

function configMap(name: string, data: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: hostile}\ndata: {${data}}\n`;
}

const findingsOf = (o: Outcome, file: string, ruleId?: string) => (o.report?.findings ?? []).filter((f) => f.file === file && (!ruleId || f.ruleId === ruleId));

/** Problems unless `file` has a `ruleId` finding starting at `line` (and `column`). */
function expectAt(o: Outcome, file: string, ruleId: string, line: number, column?: number): string[] {
  const hits = findingsOf(o, file, ruleId);
  if (hits.some((f) => f.range.start.line === line && (column === undefined || f.range.start.column === column))) return [];
  const got = hits.map((f) => `${f.range.start.line}:${f.range.start.column}`).join(', ') || 'none';
  return [`${file}: expected ${ruleId} at ${line}${column === undefined ? '' : `:${column}`}, got ${got}`];
}

function commandExists(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const BILLION_LAUGHS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: lol, namespace: hostile}',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'data: {bomb: *i}',
  '',
].join('\n');

const DEPTH = 100_000;
/** What a nesting past the limit is always reported as. */
const TOO_DEEP = /^YAML syntax error: the document nests more than 1,000 levels deep$/;
/** The start of a JSON `List` holding the next one as its only item. */
const LIST_OPEN = '{"apiVersion":"v1","kind":"List","items":[';

export const CASES: HostileCase[] = [
  {
    id: 'alias-bomb',
    title: 'Billion laughs: 9 anchors of 9 aliases each (387 million nodes once expanded)',
    setup(dir) {
      write(dir, 'bomb.yaml', BILLION_LAUGHS);
      return { args: ['bomb.yaml'], maxMs: 10_000, expect: { file: 'bomb.yaml', message: /alias bomb/, line: 5 } };
    },
  },
  {
    id: 'alias-bomb-stdin',
    title: 'The same alias bomb on standard input (`-`)',
    setup() {
      return { args: ['-'], stdin: Buffer.from(BILLION_LAUGHS), maxMs: 10_000, expect: { file: '<stdin>', message: /alias bomb/ } };
    },
  },
  {
    id: 'stdin-endless',
    title: '`yes | kubecomply -`: standard input past the 256 MB limit (here 256 MB and 2 bytes of `y` lines)',
    setup() {
      return {
        args: ['-'],
        stdin: Buffer.alloc(256 * MB + 2, 'y\n'),
        maxMs: 60_000,
        // The input is read up to the cap, and no further.
        maxRssMB: 600,
        expect: { file: '<stdin>', message: /^Cannot read: standard input is over the 256 MB limit\.$/, line: 1 },
      };
    },
  },
  {
    id: 'nesting-flow-sequence',
    title: `${DEPTH.toLocaleString('en-US')} nested flow sequences \`[[[...]]]\``,
    setup(dir) {
      write(dir, 'deep-flow.yaml', `${privilegedPod('before')}---\ndeep: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`);
      return {
        args: ['deep-flow.yaml'],
        expect: { file: 'deep-flow.yaml', message: TOO_DEEP, line: PRIVILEGED_LINE + 2 },
        // The document before the deep one is still linted.
        check: (o) => expectAt(o, 'deep-flow.yaml', 'privileged-container', PRIVILEGED_LINE, 9),
      };
    },
  },
  {
    id: 'nesting-flow-mapping',
    title: `${DEPTH.toLocaleString('en-US')} nested flow mappings \`{a: {a: ...}}\``,
    setup(dir) {
      write(dir, 'deep-map.yaml', `deep: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`);
      return { args: ['deep-map.yaml'], expect: { file: 'deep-map.yaml', message: TOO_DEEP, line: 1 } };
    },
  },
  {
    id: 'nesting-flow-unclosed',
    title: `${DEPTH.toLocaleString('en-US')} \`[\` never closed`,
    setup(dir) {
      write(dir, 'unclosed.yaml', `${'['.repeat(DEPTH)}\n`);
      return { args: ['unclosed.yaml'], expect: { file: 'unclosed.yaml', message: TOO_DEEP, line: 1 } };
    },
  },
  {
    id: 'nesting-block-sequence',
    title: `${DEPTH.toLocaleString('en-US')} nested block sequences \`- - - ... x\``,
    setup(dir) {
      write(dir, 'deep-block.yaml', `${'- '.repeat(DEPTH)}x\n`);
      return { args: ['deep-block.yaml'], expect: { file: 'deep-block.yaml', message: TOO_DEEP, line: 1 } };
    },
  },
  {
    id: 'nesting-block-mapping',
    // Indentation grows with depth, so 100,000 levels would take 5 GB of spaces.
    title: '5,000 nested block mappings, one more space of indentation each (12.5 MB; 100,000 levels would be 5 GB)',
    setup(dir) {
      writeChunks(
        path.join(dir, 'deep-indent.yaml'),
        (function* () {
          for (let i = 0; i < 5_000; i++) yield `${' '.repeat(i)}a:\n`;
          yield `${' '.repeat(5_000)}b: 1\n`;
        })(),
      );
      return { args: ['deep-indent.yaml'], expect: { file: 'deep-indent.yaml', message: TOO_DEEP, line: 1_000 } };
    },
  },
  {
    id: 'wide-sequence',
    title: 'A container with 300,000 args, the first one an empty `-` item',
    setup(dir) {
      const args = Array.from({ length: 300_000 }, (_, i) => `        - a${i}\n`).join('');
      write(dir, 'wide.yaml', `${privilegedPod('wide')}      args:\n        -\n${args}`);
      return {
        args: ['wide.yaml'],
        maxMs: 40_000,
        check: (o) => expectAt(o, 'wide.yaml', 'privileged-container', PRIVILEGED_LINE, 9),
        summary: (o) => `linted: ${findingsOf(o, 'wide.yaml').length} findings, privileged-container at ${PRIVILEGED_LINE}:9`,
      };
    },
  },
  {
    id: 'file-100mb',
    title: 'A 100 MB file of 11,000 documents (ConfigMaps, a privileged Pod every 500th)',
    setup(dir) {
      const pods: number[] = [];
      let line = 1;
      const bytes = writeChunks(
        path.join(dir, 'huge.yaml'),
        (function* () {
          const payload = Array.from({ length: 100 }, (_, k) => `  key${k}: "value ${k} ${'x'.repeat(60)}"\n`).join('');
          let written = 0;
          for (let i = 0; written < 100 * MB; i++) {
            const doc =
              i % 500 === 0
                ? `---\n${privilegedPod(`pod-${i}`)}`
                : `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: hostile}\ndata:\n${payload}`;
            if (i % 500 === 0) pods.push(line + PRIVILEGED_LINE);
            line += doc.split('\n').length - 1;
            written += doc.length;
            yield doc;
          }
        })(),
      );
      return {
        args: ['huge.yaml'],
        maxMs: 90_000,
        // The project's target: 4 × the largest file + 150 MB.
        maxRssMB: Math.round((4 * bytes) / MB + 150),
        check: (o) => {
          const found = findingsOf(o, 'huge.yaml', 'privileged-container').map((f) => f.range.start.line);
          return found.length === pods.length && found.every((l, i) => l === pods[i])
            ? []
            : [
                `huge.yaml: privileged-container on ${found.length} lines (want ${pods.length}); first differences: ${found
                  .filter((l, i) => l !== pods[i])
                  .slice(0, 3)
                  .join(', ')}`,
              ];
        },
        summary: (o) => `linted: ${findingsOf(o, 'huge.yaml', 'privileged-container').length} privileged Pods found on their exact lines`,
      };
    },
  },
  {
    id: 'line-10mb',
    title: 'A JSON Pod on one 10 MB line, its privileged flag at the end',
    setup(dir) {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'long', namespace: 'hostile', annotations: { filler: 'x'.repeat(10 * MB) } },
        spec: { containers: [{ name: 'app', securityContext: { privileged: true } }] },
      };
      const text = JSON.stringify(pod);
      write(dir, 'long-line.json', `${text}\n`);
      const column = text.indexOf('"privileged"') + 1;
      return {
        args: ['long-line.json'],
        check: (o) => expectAt(o, 'long-line.json', 'privileged-container', 1, column),
        summary: () => `linted: privileged-container at 1:${column}`,
      };
    },
  },
  {
    id: 'binary-file',
    title: 'Random binary data (with NUL bytes) named .yaml',
    setup(dir) {
      let seed = 42;
      const bytes = Buffer.alloc(64 * 1024, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 23);
      write(dir, 'image.yaml', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), bytes]));
      return { args: ['image.yaml'], expect: { file: 'image.yaml', message: /binary file/ } };
    },
  },
  {
    id: 'invalid-utf8',
    title: 'Latin-1 text (an invalid UTF-8 byte on line 4)',
    setup(dir) {
      write(dir, 'latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9, 0x0a])]));
      return { args: ['latin1.yaml'], expect: { file: 'latin1.yaml', message: /not valid UTF-8/, line: 4 } };
    },
  },
  {
    id: 'nul-bytes',
    title: 'A manifest with a NUL byte on line 3',
    setup(dir) {
      write(dir, 'nul.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: n\u0000ul}\n');
      return { args: ['nul.yaml'], expect: { file: 'nul.yaml', message: /NUL/, line: 3 } };
    },
  },
  ...(['le', 'be'] as const).map(
    (order): HostileCase => ({
      id: `utf16-${order}-bom`,
      title: `UTF-16 ${order.toUpperCase()} with a byte order mark`,
      setup(dir) {
        const text = privilegedPod(`utf16${order}`);
        const le = Buffer.from(`\ufeff${text}`, 'utf16le');
        write(dir, `utf16${order}.yaml`, order === 'le' ? le : Buffer.from(le).swap16());
        return {
          args: [`utf16${order}.yaml`],
          check: (o) => expectAt(o, `utf16${order}.yaml`, 'privileged-container', PRIVILEGED_LINE, 9),
          summary: () => `linted: privileged-container at ${PRIVILEGED_LINE}:9`,
        };
      },
    }),
  ),
  {
    id: 'tab-indentation',
    title: 'Tabs as indentation',
    setup(dir) {
      write(dir, 'tabs.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tabs\nspec:\n\tcontainers: []\n');
      return { args: ['tabs.yaml'], expect: { file: 'tabs.yaml', message: /tab/, line: 4 } };
    },
  },
  {
    id: 'duplicate-keys',
    title: 'Duplicate keys; the last one wins, as in Kubernetes',
    setup(dir) {
      write(dir, 'dup.yaml', privilegedPod('dup').replace('        privileged: true\n', '        privileged: false\n        privileged: true\n'));
      return {
        args: ['dup.yaml'],
        expect: { file: 'dup.yaml', ruleId: 'duplicate-key', message: /"privileged" is written more than once/, line: PRIVILEGED_LINE + 1 },
        check: (o) => expectAt(o, 'dup.yaml', 'privileged-container', PRIVILEGED_LINE + 1, 9),
      };
    },
  },
  {
    id: 'prototype-keys',
    title: '`__proto__`, `constructor` and `prototype` as keys, names and namespaces',
    setup(dir) {
      const doc = (name: string, namespace: string) =>
        [
          'apiVersion: v1',
          'kind: Pod',
          'metadata:',
          `  name: ${name}`,
          `  namespace: ${namespace}`,
          '  __proto__: {polluted: true}',
          '  labels: {__proto__: x, constructor: y, prototype: z, toString: w}',
          '__proto__: {hostNetwork: true, polluted: true}',
          'spec:',
          '  __proto__: {hostNetwork: true, hostPID: true}',
          '  constructor: {prototype: {polluted: true, hostIPC: true}}',
          '  securityContext: {__proto__: {runAsNonRoot: false}}',
          '  containers:',
          '    - name: app',
          '      __proto__: {securityContext: {privileged: true}}',
          '      securityContext: {constructor: {prototype: {privileged: true}}}',
          '',
        ].join('\n');
      write(
        dir,
        'proto.yaml',
        ['__proto__', 'constructor', 'prototype', 'hasOwnProperty']
          .map((n, i) => doc(n, ['__proto__', 'constructor', 'prototype', 'toString'][i] as string))
          .join('---\n'),
      );
      return {
        args: ['proto.yaml'],
        check: (o) => {
          const bad: string[] = [];
          // Had a __proto__ key reached a prototype, the sentinel (and these Pods) would read hostNetwork, hostPID or privileged from it.
          for (const rule of ['host-network', 'host-pid', 'host-ipc', 'privileged-container']) {
            const hits = (o.report?.findings ?? []).filter((f) => f.ruleId === rule && !(f.file === SENTINEL_FILE && rule === 'privileged-container'));
            if (hits.length > 0)
              bad.push(
                `${rule} fired on ${hits.map((f) => `${f.file}:${f.range.start.line}`).join(', ')}: a prototype was polluted or __proto__ read as data of its parent`,
              );
          }
          const names = new Set(findingsOf(o, 'proto.yaml').map((f) => f.resource?.name));
          for (const n of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty']) if (!names.has(n)) bad.push(`no finding names Pod "${n}"`);
          return bad;
        },
        summary: (o) => `linted as data: ${findingsOf(o, 'proto.yaml').length} findings, none from inherited keys`,
      };
    },
  },
  {
    id: 'documents-50k',
    title: '50,000 documents in one file (a privileged Pod every 100th)',
    setup(dir) {
      const pods: number[] = [];
      let line = 1;
      writeChunks(
        path.join(dir, 'many.yaml'),
        (function* () {
          for (let i = 0; i < 50_000; i++) {
            const doc = i % 100 === 0 ? `---\n${privilegedPod(`p${i}`)}` : `---\n${configMap(`c${i}`, `k: v${i}`)}`;
            if (i % 100 === 0) pods.push(line + PRIVILEGED_LINE);
            line += doc.split('\n').length - 1;
            yield doc;
          }
        })(),
      );
      return {
        args: ['many.yaml'],
        maxMs: 30_000,
        check: (o) => {
          const found = findingsOf(o, 'many.yaml', 'privileged-container').map((f) => f.range.start.line);
          return JSON.stringify(found) === JSON.stringify(pods) ? [] : [`many.yaml: privileged-container on ${found.length} lines, want ${pods.length}`];
        },
        summary: (o) => `linted: ${findingsOf(o, 'many.yaml', 'privileged-container').length} privileged Pods at their lines`,
      };
    },
  },
  {
    id: 'findings-flood',
    // The report is built in memory: about 1.4 KB of JSON per finding. 10,000 Pods with
    // 13 findings each (a 178 MB JSON report) need more than this suite's 256 MB heap.
    title: '2,000 privileged Pods in one 310 KB file: 20,000 findings in one report',
    setup(dir) {
      write(dir, 'flood.yaml', Array.from({ length: 2_000 }, (_, i) => `---\n${privilegedPod(`f${i}`)}`).join(''));
      return {
        args: ['flood.yaml'],
        maxMs: 30_000,
        maxRssMB: 600,
        check: (o) => {
          const n = findingsOf(o, 'flood.yaml', 'privileged-container').length;
          return n === 2_000 ? [] : [`${n} privileged-container findings, want 2,000`];
        },
        summary: (o) => `linted: ${findingsOf(o, 'flood.yaml').length} findings reported`,
      };
    },
  },
  {
    id: 'files-20k',
    title: '20,000 small files in one directory',
    setup(dir) {
      for (let i = 0; i < 20_000; i++) {
        const name = `many/f${String(i).padStart(5, '0')}.yaml`;
        if (i === 0) mkdirSync(path.join(dir, 'many'));
        writeFileSync(path.join(dir, name), i % 1000 === 0 ? privilegedPod(`p${i}`) : configMap(`c${i}`, 'k: v'));
      }
      return {
        args: ['many'],
        maxMs: 30_000,
        check: (o) => {
          const bad: string[] = [];
          if (o.report && o.report.files.length !== 20_001) bad.push(`${o.report.files.length} files read, want 20,001`);
          const hits = (o.report?.findings ?? []).filter((f) => f.ruleId === 'privileged-container' && f.file.startsWith('many/'));
          if (hits.length !== 20) bad.push(`${hits.length} privileged Pods found, want 20`);
          return bad;
        },
        summary: (o) => `linted: ${o.report?.files.length ?? 0} files`,
      };
    },
  },
  {
    id: 'symlink-loop',
    title: 'A link to itself, a two-link cycle, and a directory link back to its parent',
    setup(dir) {
      mkdirSync(path.join(dir, 'links/sub'), { recursive: true });
      symlinkSync('self.yaml', path.join(dir, 'links/self.yaml'));
      symlinkSync('b.yaml', path.join(dir, 'links/a.yaml'));
      symlinkSync('a.yaml', path.join(dir, 'links/b.yaml'));
      symlinkSync('..', path.join(dir, 'links/sub/up'));
      write(dir, 'links/sub/pod.yaml', privilegedPod('in-loop'));
      return {
        args: ['links', 'links/self.yaml'],
        maxMs: 10_000,
        expect: { file: 'links/self.yaml', message: /symbolic links/, line: 1 },
        check: (o) => {
          const bad = [...expectAt(o, 'links/sub/pod.yaml', 'privileged-container', PRIVILEGED_LINE, 9)];
          for (const f of ['links/a.yaml', 'links/b.yaml']) if (findingsOf(o, f, 'parse-error').length !== 1) bad.push(`${f}: want one parse-error`);
          // The cycle through sub/up must not read pod.yaml a second time under another name.
          const names = (o.report?.files ?? []).filter((f) => f.endsWith('pod.yaml'));
          if (names.length !== 1) bad.push(`pod.yaml read as ${names.join(', ')}`);
          return bad;
        },
      };
    },
  },
  {
    id: 'dangling-symlink',
    title: 'A dangling link, named on the command line and found in a directory',
    setup(dir) {
      mkdirSync(path.join(dir, 'walk'));
      symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
      symlinkSync('../nowhere.yaml', path.join(dir, 'walk/dangling.yaml'));
      return {
        args: ['dangling.yaml', 'walk'],
        expect: { file: 'dangling.yaml', message: /Cannot read: no such file/, line: 1 },
        check: (o) => (findingsOf(o, 'walk/dangling.yaml', 'parse-error').length === 1 ? [] : ['walk/dangling.yaml: want one parse-error']),
      };
    },
  },
  {
    id: 'unreadable-file',
    title: 'A file and a directory with mode 000, the CLI run as `nobody` (setpriv), since root reads anything',
    skip: () => {
      if (process.platform !== 'linux') return 'needs Linux';
      if (!commandExists('setpriv')) return 'setpriv (util-linux) is not installed';
      if (!userExists('nobody')) return 'there is no user "nobody"';
      if (process.getuid?.() !== 0) return 'needs root to switch to "nobody"; as a normal user, chmod 000 already blocks reads (cli.test.ts)';
      return undefined;
    },
    setup(dir) {
      write(dir, 'secret.yaml', privilegedPod('secret'));
      execFileSync('chmod', ['000', path.join(dir, 'secret.yaml')]);
      write(dir, 'closed/inner.yaml', privilegedPod('inner'));
      execFileSync('chmod', ['000', path.join(dir, 'closed')]);
      return {
        args: ['secret.yaml', 'closed'],
        user: 'nobody',
        expect: { file: 'secret.yaml', message: /Cannot read: permission denied/, line: 1 },
        check: (o) =>
          findingsOf(o, 'closed', 'parse-error').some((f) => /permission denied/.test(f.message)) ? [] : ['closed/: want a permission denied finding'],
      };
    },
  },
  {
    id: 'fifo',
    title: 'A FIFO named .yaml with no writer, named on the command line and found in a directory',
    skip: () => (commandExists('mkfifo') ? undefined : 'mkfifo is not available'),
    setup(dir) {
      mkdirSync(path.join(dir, 'pipes'));
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml'), path.join(dir, 'pipes/pipe.yaml')]);
      write(dir, 'pipes/pod.yaml', privilegedPod('next-to-pipe'));
      return {
        args: ['pipe.yaml', 'pipes', 'pipes/*.yaml'],
        maxMs: 10_000,
        // The FIFO met in the walk is skipped, and said so.
        stderr: /^kubecomply: skipped pipes\/pipe\.yaml: not a regular file\.\n$/,
        expect: { file: 'pipe.yaml', message: /not a regular file/, line: 1 },
        check: (o) => expectAt(o, 'pipes/pod.yaml', 'privileged-container', PRIVILEGED_LINE, 9),
      };
    },
  },
  {
    id: 'odd-paths',
    title: 'Paths with spaces, non-ASCII, glob characters, a leading dash and a newline',
    setup(dir) {
      const names = ['dir with spaces/ünïcödé 日本語 файл.yaml', '[x] *?{a,b}.yaml', '-rf.yaml', 'line\nbreak.yaml', 'emoji 🚀.yaml'];
      names.forEach((n, i) => write(dir, n, privilegedPod(`odd-${i}`)));
      return {
        args: ['--', ...names],
        check: (o) => names.flatMap((n) => expectAt(o, n, 'privileged-container', PRIVILEGED_LINE, 9)),
        summary: () => `linted: each of ${names.length} files named by its own path`,
      };
    },
  },
  {
    id: 'helm-source-paths',
    title: 'Helm `# Source:` comments with spaces, `..`, unicode, control characters and a 100,000-character path',
    setup(dir) {
      const sources = [
        'my chart/templates/with spaces.yaml',
        '../../../../etc/passwd',
        'chärt/templates/日本語/ünïcödé.yaml',
        `chart/templates/${'very-long/'.repeat(10_000)}x.yaml`,
        'chart/templates/\u001b[2Jcleared.yaml',
      ];
      write(dir, 'helm.yaml', sources.map((s, i) => `---\n# Source: ${s}\n${privilegedPod(`helm-${i}`)}`).join(''));
      return {
        args: ['helm.yaml'],
        check: (o) => {
          const bad: string[] = [];
          const hits = findingsOf(o, 'helm.yaml', 'privileged-container');
          sources.forEach((s, i) => {
            const hit = hits.find((f) => f.resource?.name === `helm-${i}`);
            if (hit?.helm?.template !== s)
              bad.push(`helm-${i}: template ${JSON.stringify(hit?.helm?.template?.slice(0, 60))}, want ${JSON.stringify(s.slice(0, 60))}`);
          });
          if ((o.report?.files ?? []).some((f) => f.includes('passwd'))) bad.push('a # Source: path was read as a file');
          return bad;
        },
        summary: () => `linted: each template kept verbatim, none opened`,
      };
    },
  },
  {
    id: 'control-characters',
    title: 'ANSI escapes, newlines and a fake `::error` command in names and file names (stylish output)',
    setup(dir) {
      const name = '"evil\\e[2J\\e]0;title\\a\\n::error file=x.yaml::injected"';
      write(dir, 'ctl\n::warning::x.yaml', privilegedPod(name));
      return {
        args: ['ctl\n::warning::x.yaml'],
        format: 'stylish',
        check: (o) => {
          const bad: string[] = [];
          if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(o.stdout)) bad.push('stylish output holds control characters from the input');
          if (/^::/m.test(o.stdout)) bad.push('a line of the output starts with "::", a workflow command in a GitHub log');
          if (!o.stdout.includes('privileged-container')) bad.push('the Pod was not linted');
          return bad;
        },
        summary: () => 'linted: control characters printed as \\u escapes, no line forged',
      };
    },
  },
  {
    id: 'empty-inputs',
    title: 'Empty, whitespace-only, BOM-only, comment-only and `---`-only files',
    setup(dir) {
      const files: Record<string, string> = {
        'empty/empty.yaml': '',
        'empty/spaces.yaml': ' \n\n\t\n',
        'empty/bom.yaml': '\ufeff',
        'empty/comments.yaml': '# nothing\n# here\n',
        'empty/markers.yaml': '---\n---\n...\n---\n',
      };
      for (const [n, t] of Object.entries(files)) write(dir, n, t);
      return {
        args: ['empty'],
        // At most a note that the file is empty: no parse error, no crash.
        check: (o) => {
          const own = (o.report?.findings ?? []).filter((f) => f.file.startsWith('empty/') && f.ruleId !== 'empty-file');
          return own.length === 0 ? [] : [`findings on empty files: ${own.map((f) => `${f.file} ${f.ruleId}`).join(', ')}`];
        },
        summary: (o) => {
          const notes = (o.report?.findings ?? []).filter((f) => f.file.startsWith('empty/')).length;
          return notes === 0 ? 'no findings, no crash' : `no crash; ${notes} empty-file findings, one per file`;
        },
      };
    },
  },
  {
    id: 'hostile-config',
    title: 'A hostile `.kubecomply.yaml` in the working directory (alias bomb, `__proto__`, deep nesting)',
    setup(dir) {
      write(
        dir,
        '.kubecomply.yaml',
        [
          'a: &a [x, x, x, x, x, x, x, x, x]',
          ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
          '__proto__: {polluted: true}',
          `rules: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
          '',
        ].join('\n'),
      );
      return {
        args: [],
        // Until the CLI loads configuration, the file must simply not matter;
        // once it does, the run must stop with a config error naming the file.
        check: (o) => {
          if (o.code === 2) return /\.kubecomply\.yaml/.test(o.stderr) ? [] : [`exit 2 without naming .kubecomply.yaml: ${o.stderr}`];
          return o.stderr === '' ? [] : [`unexpected stderr: ${o.stderr}`];
        },
        exit: [1, 2],
        summary: (o) => (o.code === 2 ? (o.stderr.split('\n')[0] ?? '') : 'ignored: the CLI does not load config files yet'),
      };
    },
  },
  ...(
    [
      [
        'pan-after-dashes',
        '8 MB of `1-1-1-…` in a ConfigMap value before a card number, and an annotation that tries to suppress `rule-error`',
        () => `${'1-'.repeat(4 * MB)}1`,
      ],
      ['pan-after-digits', 'A 20 MB run of digits in a ConfigMap value before a card number', () => '7'.repeat(20 * MB)],
    ] as const
  ).map(
    ([id, title, filler]): HostileCase => ({
      id,
      title,
      setup(dir) {
        writeChunks(path.join(dir, 'cards.yaml'), [
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cards\n  namespace: hostile\n',
          '  annotations:\n    ignore.kubecomply.io/rule-error: "flaky"\n',
          'data:\n  filler: "',
          filler(),
          '"\n',
          '  card: "4539148803436467"\n',
        ]);
        return {
          args: ['cards.yaml'],
          maxMs: 60_000,
          expect: { file: 'cards.yaml', ruleId: 'pan-in-manifest', message: /Visa card number \(453914\*\*\*\*\*\*6467\)/, line: 10 },
        };
      },
    }),
  ),
  {
    id: 'nested-lists',
    title: 'A Pod inside 300 nested `List`s, and 950, 1,000, 1,050 and 20,000 nested `List`s (1,000: 136 KB of JSON)',
    setup(dir) {
      const nest = (depth: number) => {
        let s = JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `in-${depth}`, namespace: 'hostile' },
          spec: { containers: [{ name: 'app', securityContext: { privileged: true } }] },
        });
        for (let i = 0; i < depth; i++) s = `${LIST_OPEN}${s}]}`;
        return `${s}\n`;
      };
      const deep = [950, 1_000, 1_050, 20_000].map((n) => `lists-${n}.json`);
      write(dir, 'lists-300.json', nest(300));
      for (const file of deep) write(dir, file, nest(Number(file.replace(/\D/g, ''))));
      // The 500th List (a mapping and a sequence per List) is where js-yaml opens its 1,001st level: its first key.
      const column = 499 * LIST_OPEN.length + 2;
      return {
        args: ['lists-300.json', ...deep],
        // Once refused with one message or another, by whichever limit spoke first (js-yaml's stack or our depth check).
        expect: { file: 'lists-1000.json', message: /^YAML syntax error: the document nests more than 1,000 levels deep$/, line: 1 },
        check: (o) => [
          ...(findingsOf(o, 'lists-300.json', 'privileged-container').length === 1 ? [] : ['lists-300.json: the Pod inside the Lists was not linted']),
          ...deep.flatMap((file) => {
            const got = findingsOf(o, file).map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.column} ${f.message}`);
            const want = [`parse-error@1:${column} YAML syntax error: the document nests more than 1,000 levels deep`];
            return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${file}: got ${got.join(' | ').slice(0, 300)}, want ${want[0]}`];
          }),
        ],
      };
    },
  },
  {
    id: 'negated-ignore',
    title: 'A config `ignore: ["vendor/**", "!vendor/keep.yaml"]`, and a file the config ignores named on the command line',
    setup(dir) {
      write(dir, '.kubecomply.yaml', 'ignore: ["vendor/**", "!vendor/keep.yaml", "named.yaml"]\n');
      write(dir, 'vendor/keep.yaml', privilegedPod('keep'));
      write(dir, 'vendor/drop.yaml', privilegedPod('drop'));
      write(dir, 'named.yaml', privilegedPod('named'));
      return {
        args: ['vendor', 'named.yaml'],
        stderr: /^kubecomply: using config \.kubecomply\.yaml\n$/,
        check: (o) => [
          ...expectAt(o, 'vendor/keep.yaml', 'privileged-container', PRIVILEGED_LINE, 9),
          ...expectAt(o, 'named.yaml', 'privileged-container', PRIVILEGED_LINE, 9),
          ...(findingsOf(o, 'vendor/drop.yaml').length === 0 ? [] : ['vendor/drop.yaml was linted though ignored']),
        ],
        summary: () => 'vendor/keep.yaml and named.yaml linted, vendor/drop.yaml left out',
      };
    },
  },
  {
    id: 'glob-matches-nothing',
    title: 'A glob that matches nothing and a path that names nothing, beside a valid file',
    setup() {
      return {
        args: ['nothing/*.yaml', 'no-such-file.yaml'],
        stderr: /^kubecomply: warning: no files match "nothing\/\*\.yaml"\.\n$/,
        expect: { file: 'no-such-file.yaml', message: /no such file or directory/, line: 1 },
      };
    },
  },
  {
    id: 'config-writable-by-others',
    title: 'A `.kubecomply.yaml` with `ignore: ["**"]` and `failOn: none` that others may write (mode 666)',
    setup(dir) {
      write(dir, '.kubecomply.yaml', 'ignore: ["**"]\nfailOn: none\n');
      chmodSync(path.join(dir, '.kubecomply.yaml'), 0o666);
      return {
        args: [],
        exit: [2],
        check: (o) =>
          /^kubecomply: Refusing config file .*\.kubecomply\.yaml: others can write to it \(mode 666\)/.test(o.stderr) &&
          o.stderr.trimEnd().split('\n').length === 1
            ? []
            : [`want one refusal line, got: ${o.stderr.slice(0, 300)}`],
        summary: (o) => o.stderr.split('\n')[0]?.replace(/Refusing config file .*\//, 'Refusing config file …/') ?? '',
      };
    },
  },
  {
    id: 'glob-many-stars',
    title: 'Config globs with 32 stars against a 250-character file name and a 20,000-character resource name',
    setup(dir) {
      const stars = (tail: string, n = 31) => `${'*a'.repeat(n)}*${tail}`;
      const file = `${'a'.repeat(245)}.yaml`;
      write(
        dir,
        '.kubecomply.yaml',
        [
          'suppressions:',
          `  - {rule: privileged-container, files: ["${stars('b.yaml')}"], reason: never matches}`,
          `  - {rule: privileged-container, resources: [{name: "${stars('b')}", namespace: "${stars('b')}"}], reason: never matches}`,
          'overrides:',
          `  - {files: ["**/${stars('b.yaml', 30)}"], rules: {privileged-container: off}}`,
          '',
        ].join('\n'),
      );
      write(dir, file, privilegedPod('a'.repeat(20_000), 'a'.repeat(300)));
      return {
        args: [file],
        stderr: /^kubecomply: using config \.kubecomply\.yaml\n$/,
        check: (o) => expectAt(o, file, 'privileged-container', PRIVILEGED_LINE, 9),
        summary: () => 'the long file and resource matched in linear time; nothing suppressed, the finding kept',
      };
    },
  },
  {
    id: 'glob-over-limit',
    title: 'A config glob with 33 stars, and a brace pattern that expands to 2^20 patterns',
    setup(dir) {
      write(
        dir,
        '.kubecomply.yaml',
        [
          'ignore:',
          '  - vendor/**',
          `  - "${'*a'.repeat(33)}"`,
          'suppressions:',
          `  - {rule: host-pid, resources: [{name: "${'{a,b}'.repeat(20)}"}], reason: r}`,
          '',
        ].join('\n'),
      );
      return {
        args: [],
        exit: [2],
        check: (o) => {
          const lines = o.stderr.trimEnd().split('\n');
          const want = [
            /^kubecomply: \.kubecomply\.yaml:3:5: cannot use the pattern "\*a\*a.*": the pattern has 33 wildcards \(\*\), over the limit of 32$/,
            /^\.kubecomply\.yaml:5:\d+: cannot use the pattern "\{a,b\}.*": its braces expand to more than 256 patterns$/,
          ];
          return lines.length === want.length && want.every((re, i) => re.test(lines[i] ?? ''))
            ? []
            : [`want one line per pattern with its line, got: ${o.stderr.slice(0, 400)}`];
        },
        summary: (o) => o.stderr.split('\n')[0] ?? '',
      };
    },
  },
  {
    id: 'heap-60k-pods',
    title: '60,000 privileged Pods in one 9.5 MB file, more findings than a 256 MB heap holds',
    setup(dir) {
      writeChunks(
        path.join(dir, 'pods.yaml'),
        (function* () {
          for (let i = 0; i < 60_000; i++) yield `---\n${privilegedPod(`p${i}`)}`;
        })(),
      );
      return {
        args: ['pods.yaml'],
        exit: [2],
        maxMs: 180_000,
        check: (o) =>
          /^kubecomply: Out of memory while linting pods\.yaml: the run holds \d+ MB of its 256 MB heap \([\d,]+ resources and [\d,]+ findings so far\)\. Give it more with NODE_OPTIONS=--max-old-space-size=\d+, or lint fewer files per run \(--shard\)\.\n$/.test(
            o.stderr,
          )
            ? []
            : [`want one line naming pods.yaml and the flag, got: ${o.stderr.slice(0, 300)}`],
        summary: (o) => o.stderr.trim(),
      };
    },
  },
  {
    id: 'heap-report-github',
    title: '15,000 privileged Pods (225,000 findings) that a 256 MB heap lints, written as GitHub annotations (84 MB of text for 10,000 Pods)',
    setup(dir) {
      writeChunks(
        path.join(dir, 'pods.yaml'),
        (function* () {
          for (let i = 0; i < 15_000; i++) yield `---\n${privilegedPod(`p${i}`)}`;
        })(),
      );
      return {
        args: ['pods.yaml'],
        format: 'github',
        exit: [2],
        maxMs: 120_000,
        // Was exit 134 and a dump of V8's heap, with no annotation written.
        check: (o) => [
          ...(/^kubecomply: Out of memory while writing the github report of pods\.yaml and 1 more path: the run holds \d+ MB of its 256 MB heap and needs \d+ MB more \(2[\d,]+ findings in the report\)\. Give it more with NODE_OPTIONS=--max-old-space-size=\d+, or lint fewer files per run \(--shard\)\.\n$/.test(
            o.stderr,
          )
            ? []
            : [`want one line naming pods.yaml, the format and the flag, got: ${o.stderr.slice(0, 300)}`]),
          ...(o.stdout === '' ? [] : [`a partial report on stdout (${o.stdout.length} characters)`]),
        ],
        summary: (o) => o.stderr.trim(),
      };
    },
  },
  {
    id: 'config-dev-zero',
    title: '`--config /dev/zero` (an endless device as the config)',
    setup(dir) {
      return {
        args: ['--config', '/dev/zero'],
        exit: [2],
        maxMs: 20_000,
        check: (o) =>
          o.stderr === `kubecomply: Cannot read config file ${path.relative(dir, '/dev/zero')}: it is not a regular file (a device, FIFO or socket).\n`
            ? []
            : [`want one refusal line, got: ${o.stderr.slice(0, 300)}`],
      };
    },
  },
  {
    id: 'baseline-fifo',
    title: '`--baseline` naming a FIFO that no one writes',
    skip: () => (commandExists('mkfifo') ? undefined : 'mkfifo is not available'),
    setup(dir) {
      execFileSync('mkfifo', [path.join(dir, 'base.fifo')]);
      return {
        args: ['--baseline', 'base.fifo'],
        exit: [2],
        maxMs: 20_000,
        check: (o) =>
          o.stderr === `kubecomply: Cannot read baseline base.fifo: it is not a regular file (a device, FIFO or socket).\n`
            ? []
            : [`want one refusal line, got: ${o.stderr.slice(0, 300)}`],
      };
    },
  },
  {
    id: 'catalog-urandom',
    title: '`--catalog /dev/urandom` (an endless device as a framework catalog)',
    setup(dir) {
      return {
        args: ['--catalog', '/dev/urandom'],
        exit: [2],
        maxMs: 20_000,
        check: (o) =>
          o.stderr === `kubecomply: Cannot read catalog ${path.relative(dir, '/dev/urandom')}: it is not a regular file (a device, FIFO or socket).\n`
            ? []
            : [`want one refusal line, got: ${o.stderr.slice(0, 300)}`],
      };
    },
  },
  {
    id: 'symlinks-out-of-tree',
    title: 'Links in the linted tree to `/proc`, to `../outside` and to `/etc/hostname`, and dangling `README.md` and `notes.txt` links',
    setup(dir) {
      write(dir, 'tree/pod.yaml', privilegedPod('in-tree'));
      write(dir, 'outside/secret.yaml', privilegedPod('outside'));
      symlinkSync('/proc', path.join(dir, 'tree/p'));
      symlinkSync('../outside', path.join(dir, 'tree/out'));
      symlinkSync('/etc/hostname', path.join(dir, 'tree/hostname.yaml'));
      symlinkSync('gone.md', path.join(dir, 'tree/README.md'));
      symlinkSync('gone.txt', path.join(dir, 'tree/notes.txt'));
      return {
        args: ['tree'],
        maxMs: 20_000,
        stderr:
          /^kubecomply: skipped tree\/hostname\.yaml: a link out of the tree; --follow-symlinks follows it\.\nkubecomply: skipped tree\/out: a link out of the tree; --follow-symlinks follows it\.\nkubecomply: skipped tree\/p: a link into \/proc, \/sys or \/dev\.\n$/,
        check: (o) => {
          const bad = expectAt(o, 'tree/pod.yaml', 'privileged-container', PRIVILEGED_LINE, 9);
          const outside = (o.report?.files ?? []).filter((f) => f !== 'tree/pod.yaml' && f !== SENTINEL_FILE);
          if (outside.length > 0) bad.push(`read beyond the tree: ${outside.slice(0, 5).join(', ')}`);
          if ((o.report?.findings ?? []).some((f) => f.ruleId === 'parse-error')) bad.push('a dangling README.md or notes.txt link became a parse-error');
          return bad;
        },
        summary: () => 'tree/pod.yaml linted; the three links skipped and named on stderr; dangling non-manifest links ignored',
      };
    },
  },
  {
    id: 'shard-skipped',
    title: '`--shard 2/2` of a tree holding a FIFO, a link out of the tree and a link to `/proc`, which shard 1 owns',
    skip: () => (commandExists('mkfifo') ? undefined : 'mkfifo is not available'),
    setup(dir) {
      // The largest file goes to shard 1, the sentinel (the next) to shard 2; entries the walk passes by belong to shard 1.
      write(dir, 'tree/big.yaml', privilegedPod('big').replace('metadata: {', `metadata: {annotations: {pad: "${'x'.repeat(2_000)}"}, `));
      write(dir, 'outside/pod.yaml', privilegedPod('outside'));
      execFileSync('mkfifo', [path.join(dir, 'tree/pipe.yaml')]);
      symlinkSync('../outside', path.join(dir, 'tree/out'));
      symlinkSync('/proc', path.join(dir, 'tree/p'));
      return {
        args: ['--shard', '2/2', 'tree'],
        exit: [0],
        check: (o) => {
          const report = o.report as (Report & { skipped?: { file: string }[]; shard?: { index: number } }) | undefined;
          const bad: string[] = [];
          if (report?.shard?.index !== 2) bad.push(`not shard 2: ${JSON.stringify(report?.shard)}`);
          // Were listed in every shard's report (and on its stderr), so a merge listed them once per shard.
          if ((report?.skipped ?? []).length !== 0) bad.push(`shard 2 lists shard 1's skipped entries: ${JSON.stringify(report?.skipped)}`);
          if (findingsOf(o, 'tree/big.yaml').length > 0) bad.push("shard 2 reports shard 1's file tree/big.yaml");
          return bad;
        },
        summary: () => 'shard 2 lists no skipped entry and says nothing on stderr; shard 1 lists the three',
      };
    },
  },
  {
    id: 'yaml-directives-and-tags',
    title:
      'Valid YAML Kubernetes accepts: `%YAML 1.1` and `%TAG` directives, `...` end markers, custom tags (`!foo`, `!!custom`, `!!set`, `!!binary`, verbatim) on scalars, mappings and sequences',
    setup(dir) {
      const pod = privilegedPod('tagged').replace('metadata: {', 'metadata: !meta {').replace('  containers:', '  containers: !!custom');
      write(
        dir,
        'tagged.yaml',
        [
          '%YAML 1.1',
          '%TAG !k! tag:kubernetes.io,2024:',
          '--- !k!Pod',
          pod.trimEnd(),
          '      args: !!set {a, b}',
          '      env: [{name: A, value: !foo 3}, {name: B, value: !!binary aGVsbG8=}]',
          '      image: !<tag:example.com,2000:image> nginx',
          '...',
          '',
        ].join('\n'),
      );
      return {
        args: ['tagged.yaml'],
        check: (o) => {
          const bad = expectAt(o, 'tagged.yaml', 'privileged-container', PRIVILEGED_LINE + 3, 9);
          const errors = findingsOf(o, 'tagged.yaml', 'parse-error').map((f) => `${f.range.start.line}: ${f.message}`);
          return errors.length > 0 ? [...bad, `parse-error in valid YAML: ${errors.join('; ')}`] : bad;
        },
        summary: () => `linted: no parse-error, privileged-container at ${PRIVILEGED_LINE + 3}:9`,
      };
    },
  },
  {
    id: 'timestamp-tag',
    title: '`!!timestamp` on a value that is not a time (go-yaml v2 refuses it), and on one that is',
    setup(dir) {
      const pod = (name: string, stamp: string) => privilegedPod(name).replace('metadata: {', `metadata: {annotations: {built: !!timestamp ${stamp}}, `);
      write(dir, 'stamps.yaml', `${pod('bad', 'notatime')}---\n${pod('good', '2001-12-14T21:59:43.10-05:00')}`);
      return {
        args: ['stamps.yaml'],
        // Kubernetes: "cannot decode !!str `notatime` as a !!timestamp"; the document is not read, the next one is.
        expect: { file: 'stamps.yaml', message: /explicit tag/, line: 3 },
        check: (o) => {
          const bad = expectAt(o, 'stamps.yaml', 'privileged-container', 9 + PRIVILEGED_LINE, 9);
          if (findingsOf(o, 'stamps.yaml', 'privileged-container').length !== 1)
            bad.push('want exactly one privileged-container: the refused document is not linted');
          return bad;
        },
      };
    },
  },
  {
    id: 'yaml-1.2-directive',
    title: "A `%YAML 1.2` directive, which Kubernetes' decoder (go-yaml v2) refuses",
    setup(dir) {
      write(dir, 'v12.yaml', `%YAML 1.2\n---\n${privilegedPod('v12')}`);
      return {
        args: ['v12.yaml'],
        expect: { file: 'v12.yaml', message: /^"%YAML 1\.2": Kubernetes reads only YAML 1\.1 and refuses this document/, line: 1 },
        check: (o) => expectAt(o, 'v12.yaml', 'privileged-container', PRIVILEGED_LINE + 2, 9),
      };
    },
  },
  {
    id: 'end-marker-trailer',
    title: 'Text after a `...` end marker on its line (`... x`), after a privileged Pod',
    setup(dir) {
      write(dir, 'trailer.yaml', `${privilegedPod('before')}... x\n${privilegedPod('after')}`);
      return {
        args: ['trailer.yaml'],
        expect: { file: 'trailer.yaml', message: /only a comment may follow the document end marker/, line: 9 },
        check: (o) => {
          const bad = expectAt(o, 'trailer.yaml', 'privileged-container', PRIVILEGED_LINE, 9);
          const at = findingsOf(o, 'trailer.yaml', 'parse-error').map((f) => `${f.range.start.line}:${f.range.start.column}`);
          if (at.join() !== '9:5') bad.push(`parse-error at ${at.join(', ') || 'none'}, want 9:5`);
          return [...bad, ...expectAt(o, 'trailer.yaml', 'privileged-container', 9 + PRIVILEGED_LINE, 9)];
        },
      };
    },
  },
  {
    id: 'password-keys-40k',
    title: '40,000 password-named keys in one ConfigMap (one finding each)',
    setup(dir) {
      write(
        dir,
        'secrets.yaml',
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: creds, namespace: hostile}\ndata:\n${Array.from({ length: 40_000 }, (_, i) => `  PASSWORD_${i}: "s3cr3t-${i}"\n`).join('')}`,
      );
      return {
        args: ['secrets.yaml'],
        maxMs: 20_000,
        check: (o) => {
          const hits = findingsOf(o, 'secrets.yaml', 'hardcoded-credential');
          const listed = hits.filter((f) => !('omitted' in f)).map((f) => f.range.start.line);
          const rest = hits.filter((f) => 'omitted' in f) as (ReportFinding & { omitted: number })[];
          const bad: string[] = [];
          if (JSON.stringify(listed) !== JSON.stringify(Array.from({ length: 100 }, (_, i) => 5 + i)))
            bad.push(`listed lines ${listed.slice(0, 3).join(', ')}… (${listed.length}), want 5 to 104`);
          if (rest.length !== 1 || rest[0]?.omitted !== 39_900) bad.push(`count finding ${JSON.stringify(rest.map((f) => f.omitted))}, want [39900]`);
          return bad;
        },
        summary: (o) => findingsOf(o, 'secrets.yaml', 'hardcoded-credential').find((f) => 'omitted' in f)?.message ?? 'no count',
      };
    },
  },
  {
    id: 'empty-item-8k-containers',
    title: 'One empty `-` item before 8,000 privileged containers in one Pod',
    setup(dir) {
      const containers = Array.from({ length: 8_000 }, (_, i) => `    - {name: c${i}, image: a, securityContext: {privileged: true}}\n`).join('');
      write(dir, 'wide-pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata: {name: wide, namespace: hostile}\nspec:\n  containers:\n    -\n${containers}`);
      return {
        args: ['wide-pod.yaml'],
        maxMs: 20_000,
        check: (o) => {
          const hits = findingsOf(o, 'wide-pod.yaml', 'privileged-container');
          const listed = hits.filter((f) => !('omitted' in f)).map((f) => f.range.start.line);
          const bad: string[] = [];
          // Container i is on line 7 + i; each finding at its own privileged key.
          if (JSON.stringify(listed) !== JSON.stringify(Array.from({ length: 100 }, (_, i) => 7 + i)))
            bad.push(`listed lines ${listed.slice(0, 3).join(', ')}… (${listed.length}), want 7 to 106`);
          const rest = hits.filter((f) => 'omitted' in f) as (ReportFinding & { omitted: number })[];
          if (rest.length !== 1 || rest[0]?.omitted !== 7_900) bad.push(`count finding ${JSON.stringify(rest.map((f) => f.omitted))}, want [7900]`);
          return bad;
        },
        summary: (o) => findingsOf(o, 'wide-pod.yaml', 'privileged-container').find((f) => 'omitted' in f)?.message ?? 'no count',
      };
    },
  },
];
