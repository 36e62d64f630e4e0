/**
 * Hostile input, end to end: every case of cases.ts runs the built CLI
 * (packages/cli/dist/cli.js; build first) in a child process with a capped
 * heap and a wall-clock limit, together with a valid manifest whose findings
 * must still be there. The child runs through bench/measure.mjs, which
 * reports its peak RSS.
 *
 * Prints a table of the runs; `UPDATE_DOCS=1` also rewrites
 * docs/hostile-input.md from it, and a test checks that the doc lists every case.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotCli } from './cli-snapshot.js';
import { CASES, SENTINEL, SENTINEL_AT, SENTINEL_FILE, type CaseRun, type HostileCase, type Outcome, type Report } from './cases.js';

const root = path.resolve(import.meta.dirname, '../..');
let measure: string;
const DOC = path.join(root, 'docs/hostile-input.md');
const HEAP_MB = 256;
/**
 * Hang guards, not speed tests: generous enough that a machine shared by many
 * jobs does not fail them (the 100 MB case once hit a 90 s limit under load).
 * Each case's own `maxMs` is scaled by the same factor.
 */
const TIME_GUARD_FACTOR = 4;
const DEFAULT_MAX_MS = 20_000;
const DEFAULT_MAX_RSS_MB = 300;

interface Row {
  id: string;
  title: string;
  exit: string;
  seconds: string;
  rssMB: string;
  message: string;
}
const rows = new Map<string, Row>();
/** Cases that failed in this run: the doc is only rewritten from a clean run. */
const failed = new Set<string>();

let base: string;
let cli: string;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'kubecomply-hostile-'));
  // Cases run as another user must be able to reach their directory.
  chmodSync(base, 0o755);
  cli = snapshotCli(path.join(base, 'bin'));
  // Beside the CLI copy, where a case run as another user can read it even
  // when the checkout itself is private to its owner.
  measure = path.join(base, 'bin', 'measure.mjs');
  copyFileSync(path.join(root, 'bench/measure.mjs'), measure);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Measured extends Outcome {
  ms: number;
  rssKiB: number | undefined;
  /** What ended a run that did not exit: the time limit or a signal (out of memory aborts). */
  signal: string | null;
}

function runCase(run: CaseRun, dir: string): Measured {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RSS_FD: '3' };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS']) delete env[k];
  const node = [`--max-old-space-size=${HEAP_MB}`, measure, cli, '--format', run.format ?? 'json', ...run.args, SENTINEL_FILE];
  const maxMs = (run.maxMs ?? DEFAULT_MAX_MS) * TIME_GUARD_FACTOR;
  // Linux carries a process's peak RSS across exec, so a child exec'd straight
  // from this (large) test process would report this process's RSS as its
  // own. `timeout` forks the CLI afresh, and kills it when its time is up.
  let command = 'timeout';
  let args = ['--signal=KILL', `${maxMs / 1000}s`, process.execPath, ...node];
  if (run.user) {
    const gid = execFileSync('id', ['-g', run.user], { encoding: 'utf8' }).trim();
    args = [`--reuid=${run.user}`, `--regid=${gid}`, '--clear-groups', '--', command, ...args];
    command = 'setpriv';
  }
  const start = performance.now();
  const child = spawnSync(command, args, {
    cwd: dir,
    env,
    input: run.stdin ?? '',
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    // A backstop, should `timeout` itself hang.
    timeout: maxMs + 10_000,
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (child.error && (child.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw child.error;
  // `timeout` reports a kill as 124 or 128 + 9, and a crash by signal as 128 + the signal.
  const killed = child.status !== null && (child.status === 124 || child.status > 128);
  const stdout = child.stdout?.toString('utf8') ?? '';
  const rss = child.output[3]?.toString() ?? '';
  let report: Report | undefined;
  if ((run.format ?? 'json') === 'json' && stdout !== '') {
    try {
      report = JSON.parse(stdout) as Report;
    } catch {
      report = undefined;
    }
  }
  return {
    code: killed ? null : child.status,
    signal: killed ? (child.status === 124 || child.status === 137 ? 'the time limit' : `signal ${(child.status as number) - 128}`) : child.signal,
    stdout,
    stderr: child.stderr?.toString('utf8') ?? '',
    report,
    ms,
    rssKiB: rss === '' ? undefined : Number(rss),
  };
}

/** Everything wrong with a run, [] when all is well. */
function problemsOf(run: CaseRun, o: Measured): string[] {
  const bad: string[] = [];
  if (o.code === null) return [`ended by ${o.signal} after ${Math.round(o.ms)} ms; stderr: ${o.stderr.slice(0, 300)}`];
  const allowed = run.exit ?? [1];
  if (!allowed.includes(o.code)) bad.push(`exit ${o.code}, want ${allowed.join(' or ')}; stderr: ${o.stderr.slice(0, 300)}`);
  if (/internal error|at .*\.js:\d+/.test(o.stderr)) bad.push(`crash on stderr: ${o.stderr.slice(0, 300)}`);
  if (o.code !== 2) {
    if (o.stderr !== '' && !run.stderr?.test(o.stderr)) bad.push(`unexpected stderr: ${o.stderr.slice(0, 300)}`);
    if (run.stderr && !run.stderr.test(o.stderr)) bad.push(`stderr does not match ${run.stderr}: ${o.stderr.slice(0, 300)}`);
    if ((run.format ?? 'json') === 'json') {
      if (!o.report) bad.push('stdout is not a JSON report');
      else {
        const s = o.report.findings.find((f) => f.file === SENTINEL_FILE && f.ruleId === 'privileged-container');
        if (!s || s.range.start.line !== SENTINEL_AT.line || s.range.start.column !== SENTINEL_AT.column) {
          bad.push(`the valid manifest's privileged-container finding is missing or misplaced: ${JSON.stringify(s?.range.start)}`);
        }
        const crashed = o.report.findings.filter((f) => f.ruleId === 'rule-error');
        if (crashed.length > 0)
          bad.push(
            `rules failed: ${crashed
              .slice(0, 3)
              .map((f) => f.message)
              .join('; ')}`,
          );
      }
    } else if (!new RegExp(`^${SENTINEL_FILE.replace('.', '\\.')}$[^]*?privileged-container`, 'm').test(o.stdout)) {
      bad.push("the valid manifest's privileged-container finding is missing");
    }
  }
  if (run.expect) {
    const { file, ruleId = 'parse-error', message, line } = run.expect;
    const own = (o.report?.findings ?? []).filter((f) => f.file === file && f.ruleId === ruleId);
    const hit = own.find((f) => message.test(f.message) && (line === undefined || f.range.start.line === line));
    if (!hit) {
      const seen = own.map((f) => `${f.range.start.line}: ${f.message}`).join(' | ') || 'none';
      bad.push(`${file}: no ${ruleId} matching ${message}${line === undefined ? '' : ` on line ${line}`}; got ${seen.slice(0, 300)}`);
    }
  }
  const maxRss = run.maxRssMB ?? DEFAULT_MAX_RSS_MB;
  if (o.rssKiB === undefined) bad.push('the child reported no peak RSS');
  else if (o.rssKiB / 1024 > maxRss) bad.push(`peak RSS ${Math.round(o.rssKiB / 1024)} MB over ${maxRss} MB`);
  bad.push(...(run.check?.(o) ?? []));
  return bad;
}

/** A table cell: one line, no pipes, control characters escaped. */
function cell(text: string, max = 120): string {
  const one = text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\|/g, '\\|');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function messageOf(run: CaseRun, o: Measured): string {
  if (o.code === null) return `ended by ${o.signal}`;
  if (run.summary) return run.summary(o);
  if (run.expect) {
    const { file, ruleId = 'parse-error', message } = run.expect;
    const hit = (o.report?.findings ?? []).find((f) => f.file === file && f.ruleId === ruleId && message.test(f.message));
    if (hit) return `${file}:${hit.range.start.line}:${hit.range.start.column} ${ruleId}: ${hit.message}`;
  }
  return o.stderr.split('\n')[0] ?? '';
}

describe.each(CASES.map((c) => [c.id, c] as [string, HostileCase]))('%s', (id, c) => {
  const reason = c.skip?.();
  if (reason) rows.set(id, { id, title: c.title, exit: '-', seconds: '-', rssMB: '-', message: `skipped: ${reason}` });
  it.skipIf(reason !== undefined)(`${c.title}: named, bounded, nothing else lost`, () => {
    const dir = path.join(base, id);
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, SENTINEL_FILE), SENTINEL, { mode: 0o644 });
    const run = c.setup(dir);
    const o = runCase(run, dir);
    rows.set(id, {
      id,
      title: c.title,
      exit: o.code === null ? `ended by ${o.signal}` : String(o.code),
      seconds: (o.ms / 1000).toFixed(2),
      rssMB: o.rssKiB === undefined ? '?' : String(Math.round(o.rssKiB / 1024)),
      message: messageOf(run, o),
    });
    const problems = problemsOf(run, o);
    if (problems.length > 0) failed.add(id);
    expect(problems).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

function renderTable(): string {
  const lines = ['| Case | Input | Exit | Time (s) | Peak RSS (MB) | Message or outcome |', '| --- | --- | ---: | ---: | ---: | --- |'];
  for (const c of CASES) {
    const r = rows.get(c.id);
    lines.push(`| \`${c.id}\` | ${cell(c.title, 200)} | ${r?.exit ?? '?'} | ${r?.seconds ?? '?'} | ${r?.rssMB ?? '?'} | ${cell(r?.message ?? 'not run')} |`);
  }
  return lines.join('\n');
}

function renderDoc(): string {
  return `# Hostile input

kubecomply reads manifests from pull requests, so it treats every input file
as hostile: it must not crash, hang or run out of memory on one, must not lose
the other files of the run because of one, must not execute or fetch anything
a manifest names, and must say which file was the problem.

The table comes from \`test/hostile/hostile.test.ts\`. Each case runs the built
CLI in a child process with the V8 heap capped at ${HEAP_MB} MB and a generous time limit (a hang guard),
together with a valid manifest whose findings must still be reported. Exit 1
is expected in every row but one, since the valid manifest has an error-level
finding: a hostile manifest never turns the run into exit 2 (usage,
configuration or internal error). A file that cannot be read gets a
\`parse-error\` finding that names it, with its line where there is one.

Time is wall-clock time, node start-up included. Peak RSS is the child's own
\`process.resourceUsage().maxRSS\`, reported through \`bench/measure.mjs\`; the
child is started by \`timeout\`, because Linux carries a process's peak RSS
across \`exec\` and a child exec'd straight from the test would report the
test's own.

Regenerate with \`UPDATE_DOCS=1 npx vitest run test/hostile/hostile.test.ts\`
(build first). Measured with Node ${process.version} on ${os.cpus().length} CPUs (${process.platform}/${process.arch}).

${renderTable()}

${configNote()}

${yamlNote()}

Memory follows the largest file (its text is held while it is linted) and
the number of findings: the report is built in memory, about 1.4 KB of JSON
per finding, so an input with a hundred thousand findings needs more than a
${HEAP_MB} MB heap (\`findings-flood\` shows a scale that fits). Before V8
would abort (exit 134 and a dump of its heap), the run stops with exit 2 and
one line naming the file being linted and the flag that gives it more memory
(\`heap-60k-pods\`): the engine looks at the heap every 500 resources and
findings, and stops when live data fills three quarters of it. Writing the
report is watched the same way: formats written in pieces (JSON, SARIF,
JUnit, HTML) look at the heap every 500 pieces, and the formats made as one
text (stylish, GitHub annotations) also reserve room for their text before
they make it, so a report that would not fit stops the run with one line
naming the format, the input and the flag, before a byte of it is written
(\`heap-report-github\`).

Files people write are read as regular files within a cap: the config (and
its \`checkFiles\`), a baseline, a catalog and \`--helm-values\` 8 MB, a
manifest, a shard's report and standard input 256 MB (\`MAX_FILE_BYTES\`); a
device, FIFO or socket is refused with one line before a byte is read
(\`config-dev-zero\`, \`baseline-fifo\`, \`catalog-urandom\`). Config globs are
matched in linear time within limits of length (1,024), stars (32) and brace
expansion (256 patterns); a pattern past them is a config error at its line
(\`glob-many-stars\`, \`glob-over-limit\`).
`;
}

/** How YAML that Kubernetes accepts is read, and the cap on findings per rule and resource. */
function yamlNote(): string {
  return `YAML that Kubernetes accepts is read as its decoder (go-yaml v2, through
sigs.k8s.io/yaml) reads it: \`%YAML 1.1\` and \`%TAG\` lines belong to the
document they open; a tag the schema does not know (\`!foo\`, \`!!custom\`,
\`!!set\`, \`!!omap\`, a \`%TAG\`-named or verbatim tag) leaves a scalar as the
string written and a mapping or sequence as if untagged; \`!!binary\` is
decoded to its bytes as text; \`!!int\`, \`!!bool\`, \`!!float\`, \`!!null\` and
\`!!str\` resolve as there, \`!!timestamp\` takes what Go's \`time.Parse\` takes
in go-yaml's layouts (and keeps the string written), and a value that does
not fit its tag is a \`parse-error\` (\`timestamp-tag\`). Kubernetes refuses a
\`%YAML\` version other than 1.1
(\`%YAML 1.2\` included): such a document is linted all the same, with a
\`parse-error\` at the directive saying kubectl would refuse it. Text after a
\`...\` end marker on its line is a \`parse-error\` at that text; the document
the marker ends is still linted.

One rule lists at most 100 findings for one resource (in the order the rule
reports them); one more finding, at the resource, says how many more there
are and carries the count as \`omitted\` in the JSON report
([json-report.md](json-report.md)). Its severity is the most severe of the
findings it stands for, and an annotation or config entry that suppresses the
rule for the resource suppresses it too. No person reads 40,000 findings of
one rule on one ConfigMap, and each one costs a position lookup and a line of
every report.`;
}

function configNote(): string {
  const row = rows.get('hostile-config');
  if (row?.exit === '2') {
    return `The exits 2 are the broken or untrustworthy configurations and settings files
(\`hostile-config\`, \`config-writable-by-others\`, \`glob-over-limit\`,
\`config-dev-zero\`, \`baseline-fifo\`, \`catalog-urandom\`), which stop the run
before any manifest is read, with one line naming the file (as any config
error does), and \`heap-60k-pods\`, stopped before the heap ran out. Config discovery stops
at the repository root (the first directory holding \`.git\`), and a config it
finds that another user owns (root excepted) or that group or others may
write is refused. The config that applied is named on stderr and in the JSON
report's \`config\`. More hostile configs are tested in process in
\`test/hostile/regressions.test.ts\`.

The time and memory limits of each case are hang and blow-up guards, set
generously so that a loaded machine does not fail them; how time grows with
input size is measured by \`pnpm bench\`, not here.`;
  }
  return `The CLI did not read the \`.kubecomply.yaml\` of \`hostile-config\`; the config
loader's own hostile-input tests are in \`test/hostile/regressions.test.ts\`.`;
}

describe('docs/hostile-input.md', () => {
  it('lists every case (UPDATE_DOCS=1 rewrites it from this run)', () => {
    console.log(`\n${renderTable()}\n`);
    if (process.env['UPDATE_DOCS'] === '1' && rows.size === CASES.length && failed.size === 0) writeFileSync(DOC, renderDoc());
    const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    const missing = CASES.filter((c) => !doc.includes(`| \`${c.id}\` |`)).map((c) => c.id);
    expect(missing, 'cases missing from docs/hostile-input.md: run with UPDATE_DOCS=1').toEqual([]);
  });
});
