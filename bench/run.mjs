// Usage: node bench/run.mjs [--runs N] [--scaling-runs N] [--no-scaling | --scaling-only | --startup-only] [--scaling-sizes 1000,10000] [--no-jobs]
//   (`pnpm bench` builds first)
// Benchmarks the built CLI on the real-world, synthetic (10,000 Deployments)
// and findings-heavy (10,000 unhardened Deployments in flow style) corpora:
// wall time, resources per second and peak RSS, each against a js-yaml
// `loadAll` baseline over the same files; start-up time against a bare
// `node -e 0`; and the scaling table: 1k, 10k and 100k Deployments in one file
// and spread over files of 100. Prints tables and writes the same results to
// .bench/results.json.
// bench/schema.mjs adds the size and load time of the built-in schema
// data and the cost of validating a resource against it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate, generateFindingsHeavy, generateScaling, generateSplit } from './generate.mjs';
import { benchJobs } from './jobs.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const root = here('..');
const cli = path.join(root, 'packages/cli/dist/cli.js');
const measure = here('measure.mjs');
const baseline = here('baseline.mjs');
const generator = here('generate.mjs');
const outDir = path.join(root, '.bench');
// The repo is always checked out next to shared/.
const realWorldDir = path.resolve(root, '../shared/corpus/real-world');
const startupFile = path.join(root, 'examples/shop/storefront.yaml');

// Decimal megabytes: the unit the targets are written in.
const MB = 1e6;
const STARTUP_RUNS = 20;
const MAX_STARTUP_RATIO = 1.5;
// Scaling: time per Deployment at 10× the input at most this much above the smaller run's.
const MAX_SCALING_RATIO = 1.2;
const DEFAULT_SCALING_SIZES = [1_000, 10_000, 100_000];
const SCALING_PER_FILE = 100;
// Project target: peak RSS at most 4 × the largest input file + 150 MB.
const rssLimit = (largestFileBytes) => 4 * largestFileBytes + 150 * MB;
// Exit status 1 only means the CLI found something.
const CLI_OK = [0, 1];

// Setup problems get a one-line message, not a stack trace.
function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'scaling-runs': { type: 'string', default: '1' },
      'no-scaling': { type: 'boolean', default: false },
      'scaling-only': { type: 'boolean', default: false },
      'scaling-sizes': { type: 'string' },
      'no-jobs': { type: 'boolean', default: false },
      'startup-only': { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(`${err.message}\nUsage: node bench/run.mjs [--runs N] [--scaling-runs N] [--no-scaling]`);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, not "${values.runs}"`);
const SCALING_SIZES = values['scaling-sizes'] ? values['scaling-sizes'].split(',').map(Number) : DEFAULT_SCALING_SIZES;
if (SCALING_SIZES.some((n) => !Number.isInteger(n) || n < SCALING_PER_FILE)) fail(`--scaling-sizes takes counts of at least ${SCALING_PER_FILE}`);
const scalingRuns = Number(values['scaling-runs']);
if (!Number.isInteger(scalingRuns) || scalingRuns < 1) fail(`--scaling-runs must be a positive integer, not "${values['scaling-runs']}"`);
if (!existsSync(cli)) fail(`${path.relative(root, cli)} is missing: run "pnpm build" first`);
if (!values['startup-only'] && !existsSync(realWorldDir)) fail(`real-world corpus not found at ${realWorldDir}`);

const jsYamlVersion = createRequire(path.join(root, 'packages/core/package.json'))('js-yaml/package.json').version;
const reportDir = path.join(outDir, 'reports');
mkdirSync(reportDir, { recursive: true });

// Runs `node <args>` with the same binary as this script and returns its wall
// time; children run through measure.mjs also report their peak RSS on fd 3.
function run(args, okStatus = [0]) {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, BENCH_RSS_FD: '3' },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (!okStatus.includes(child.status)) {
    throw new Error(`node ${args.join(' ')} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  }
  const rssKiB = String(child.output[3]);
  return { ms, rssBytes: rssKiB ? Number(rssKiB) * 1024 : undefined };
}

// Runs each command `count` times, interleaved and alternating which goes
// first, so drift in machine load and caches hits all of them alike. One
// untimed warm-up each first, so no run pays for a cold page cache.
function interleave(count, commands, { warmUp = true } = {}) {
  if (warmUp) for (const { args, okStatus } of commands) run(args, okStatus);
  const results = commands.map(() => []);
  for (let i = 0; i < count; i++) {
    const order = [...commands.keys()];
    if (i % 2 === 1) order.reverse();
    for (const c of order) results[c].push(run(commands[c].args, commands[c].okStatus));
  }
  return results.map((samples) => ({
    medianMs: median(samples.map((s) => s.ms)),
    runsMs: samples.map((s) => round(s.ms, 1)),
    // The worst run, since the RSS target is a limit; undefined when not run through measure.mjs.
    peakRssBytes: samples[0].rssBytes && Math.max(...samples.map((s) => s.rssBytes)),
  }));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return round(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, 1);
}

function round(x, digits) {
  return Number(x.toFixed(digits));
}

// The files the CLI collects from a directory (.yaml/.yml/.json, recursively,
// skipping .git and node_modules); checked against the CLI's own count below.
function manifestFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.git' || entry.name === 'node_modules' ? [] : manifestFiles(full);
    return /\.(ya?ml|json)$/i.test(entry.name) ? [full] : [];
  });
}

// Regenerated when missing or older than the generator, so a changed generator
// never benchmarks a stale file.
function syntheticCorpus() {
  const dir = path.join(outDir, 'synthetic');
  const file = path.join(dir, 'deployments.yaml');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(generator).mtimeMs) generate(dir);
  return dir;
}

function findingsHeavyCorpus() {
  const dir = path.join(outDir, 'findings-heavy');
  const file = path.join(dir, 'unhardened.yaml');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(generator).mtimeMs) generateFindingsHeavy(dir);
  return dir;
}

function scalingCorpus(count, perFile) {
  const dir = path.join(outDir, 'scaling', `${count}-${perFile === count ? 'one-file' : `files-of-${perFile}`}`);
  const stamp = path.join(dir, '.complete');
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(generator).mtimeMs) {
    rmSync(dir, { recursive: true, force: true });
    generateScaling(dir, count, { perFile });
    writeFileSync(stamp, '');
  }
  return dir;
}

function benchCorpus(name, dir, maxRatio) {
  const files = manifestFiles(dir).map((file) => ({ file, bytes: statSync(file).size }));
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const report = path.join(reportDir, `${name}.json`);
  const [cliRun, jsYamlRun] = interleave(runs, [
    { args: [measure, cli, dir, '-f', 'json', '-o', report], okStatus: CLI_OK },
    { args: [measure, baseline, ...files.map((f) => f.file)] },
  ]);
  const { summary } = JSON.parse(readFileSync(report, 'utf8'));
  if (summary.files !== files.length) {
    throw new Error(`${name}: the CLI linted ${summary.files} files but the baseline parsed ${files.length}`);
  }
  const limit = rssLimit(largest.bytes);
  const ratio = round(cliRun.medianMs / jsYamlRun.medianMs, 2);
  return {
    corpus: name,
    dir: path.relative(root, dir),
    files: files.length,
    inputBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    largestFile: { path: path.relative(root, largest.file), bytes: largest.bytes },
    resources: summary.resources,
    resourcesPerSecond: Math.round(summary.resources / (cliRun.medianMs / 1000)),
    cli: cliRun,
    jsYaml: jsYamlRun,
    ratio,
    maxRatio,
    ratioOk: ratio <= maxRatio,
    findings: summary.findings,
    rssLimitBytes: limit,
    rssOk: cliRun.peakRssBytes <= limit,
  };
}

/**
 * The CLI alone on `count` Deployments, in one file and in files of 100:
 * wall time, time per 1,000 Deployments past start-up, and peak RSS. Each
 * size is compared with the one ten times smaller of the same layout.
 */
function benchScaling(startupMs) {
  const rows = [];
  for (const layout of ['one file', `files of ${SCALING_PER_FILE}`]) {
    let previous;
    for (const count of SCALING_SIZES) {
      const dir = scalingCorpus(count, layout === 'one file' ? count : SCALING_PER_FILE);
      const files = manifestFiles(dir);
      const largest = Math.max(...files.map((f) => statSync(f).size));
      const report = path.join(reportDir, 'scaling.json');
      const [cliRun] = interleave(scalingRuns, [{ args: [measure, cli, dir, '-f', 'json', '-o', report], okStatus: CLI_OK }], { warmUp: false });
      const perThousandMs = round(((cliRun.medianMs - startupMs) / count) * 1000, 1);
      const limit = rssLimit(largest);
      const row = {
        layout,
        deployments: count,
        files: files.length,
        largestFileBytes: largest,
        cliMs: cliRun.medianMs,
        perThousandMs,
        // Time per Deployment against the run ten times smaller.
        growth: previous ? round(perThousandMs / previous.perThousandMs, 2) : undefined,
        peakRssBytes: cliRun.peakRssBytes,
        rssLimitBytes: limit,
        rssOk: cliRun.peakRssBytes <= limit,
      };
      row.linearOk = row.growth === undefined || row.growth <= MAX_SCALING_RATIO;
      rows.push(row);
      previous = row;
    }
  }
  return rows;
}

// The synthetic Deployments split over 100 files, as sharding splits by file.
function syntheticSplitCorpus() {
  const dir = path.join(outDir, 'synthetic-split');
  const first = path.join(dir, 'deployments-000.yaml');
  if (!existsSync(first) || statSync(first).mtimeMs < statSync(generator).mtimeMs) generateSplit(dir);
  return dir;
}

const SHARDS = 4;

// Runs `--shard i/4` for each i as a GitHub Actions matrix would (one after
// the other here, each timed on its own), merges the shards' reports into
// JSON and SARIF and insists they are byte-identical to one unsharded run.
// With `timed`, the unsharded run and the shards are timed `Math.min(runs, 3)`
// times, interleaved, and the slowest shard's median is set against the
// unsharded median.
function benchShards(name, dir, timed) {
  const shardFile = (i) => path.join(reportDir, `${name}-shard-${i}-of-${SHARDS}.json`);
  const one = (format) => path.join(reportDir, `${name}-unsharded.${format}`);
  const commands = [
    { args: [cli, dir, '-f', 'json', '-o', one('json')], okStatus: CLI_OK },
    ...Array.from({ length: SHARDS }, (_, i) => ({ args: [cli, dir, '-f', 'json', '--shard', `${i + 1}/${SHARDS}`, '-o', shardFile(i + 1)] })),
  ];
  const timings = timed ? interleave(Math.min(runs, 3), commands) : commands.map((c) => ({ medianMs: run(c.args, c.okStatus).ms }));
  run([cli, dir, '-f', 'sarif', '-o', one('sarif')], CLI_OK);
  const shards = Array.from({ length: SHARDS }, (_, i) => shardFile(i + 1));
  const identical = {};
  let mergeMs;
  for (const format of ['json', 'sarif']) {
    const merged = path.join(reportDir, `${name}-merged.${format}`);
    const { ms } = run([cli, 'merge', '-f', format, '-o', merged, ...shards], CLI_OK);
    if (format === 'json') mergeMs = round(ms, 1);
    identical[format] = readFileSync(merged).equals(readFileSync(one(format)));
    if (!identical[format]) throw new Error(`${name}: ${SHARDS} shards merged into ${format} differ from one run (${path.relative(root, merged)})`);
  }
  const shardMs = timings.slice(1).map((t) => t.medianMs);
  const slowest = Math.max(...shardMs);
  return {
    corpus: name,
    dir: path.relative(root, dir),
    shards: SHARDS,
    identical,
    ...(timed
      ? {
          unshardedMs: timings[0].medianMs,
          shardMs,
          slowestShardMs: slowest,
          slowestOverUnsharded: round(slowest / timings[0].medianMs, 2),
          mergeJsonMs: mergeMs,
        }
      : {}),
  };
}

function benchStartup() {
  const [cliRun, nodeRun] = interleave(STARTUP_RUNS, [{ args: [cli, startupFile], okStatus: CLI_OK }, { args: ['-e', '0'] }]);
  const ratio = round(cliRun.medianMs / nodeRun.medianMs, 2);
  return {
    file: path.relative(root, startupFile),
    runs: STARTUP_RUNS,
    cliMedianMs: cliRun.medianMs,
    nodeMedianMs: nodeRun.medianMs,
    ratio,
    maxRatio: MAX_STARTUP_RATIO,
    ratioOk: ratio <= MAX_STARTUP_RATIO,
  };
}

const count = (n) => n.toLocaleString('en-US');
/**
 * The HTML report of the 10,000-Deployment corpus opened in headless
 * Chromium, when one is installed: the time until the page's script has run
 * (it marks <html data-ready>), beside the time for an empty page, so the
 * browser's own start is seen apart. Not a target with a limit: a check that
 * the report opens in seconds, not minutes.
 */
function benchHtml(dir) {
  const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('which', [b]).status === 0);
  if (!browser) return undefined;
  const page = path.join(reportDir, 'synthetic.html');
  run([cli, dir, '-f', 'html', '-o', page], CLI_OK);
  const empty = path.join(reportDir, 'empty.html');
  writeFileSync(empty, '<!DOCTYPE html><html data-ready="true"><body></body></html>\n');
  const open = (file) => {
    const start = performance.now();
    const child = spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${file}`], {
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { ms: round(performance.now() - start, 1), ready: /<html[^>]*data-ready="true"/.test(child.stdout ?? '') };
  };
  const emptyRun = open(empty);
  const reportRun = open(page);
  return { browser, bytes: statSync(page).size, ms: reportRun.ms, ready: reportRun.ready, emptyPageMs: emptyRun.ms };
}

// --startup-only: the one-small-file target alone (20 interleaved runs against `node -e 0`), nothing written.
if (values['startup-only']) {
  const s = benchStartup();
  console.log(`startup, medians of ${s.runs} runs, interleaved: kubecomply ${s.file} ${s.cliMedianMs} ms, node -e 0 ${s.nodeMedianMs} ms`);
  console.log(`startup ratio: ${s.ratio.toFixed(2)} (target ${s.maxRatio})`);
  process.exit(0);
}

const only = values['scaling-only'];
const corpora = only
  ? []
  : [benchCorpus('real-world', realWorldDir, 1.3), benchCorpus('synthetic', syntheticCorpus(), 1.5), benchCorpus('findings-heavy', findingsHeavyCorpus(), 2.0)];
const startup = benchStartup();
// --jobs 1 against --jobs 2, with identical reports, on every corpus.
const jobs =
  only || values['no-jobs']
    ? []
    : benchJobs({
        corpora: [
          { name: 'examples', dir: path.join(root, 'examples') },
          ...readdirSync(path.dirname(realWorldDir))
            .filter((d) => statSync(path.join(path.dirname(realWorldDir), d)).isDirectory())
            .map((d) => ({ name: d, dir: path.join(path.dirname(realWorldDir), d) })),
          { name: 'synthetic', dir: syntheticCorpus() },
          { name: 'findings-heavy', dir: findingsHeavyCorpus() },
        ],
        cli,
        measure,
        interleave,
        runs: Math.min(runs, 3),
        reportDir,
        okStatus: CLI_OK,
      });
const htmlCheck = only ? undefined : benchHtml(syntheticCorpus());
const scaling = values['no-scaling'] ? [] : benchScaling(startup.cliMedianMs);
const sharding = [
  benchShards('real-world', realWorldDir, true),
  benchShards('synthetic-split', syntheticSplitCorpus(), true),
  // The one-file corpus goes to a single shard whole: checked for identical bytes, not timed.
  benchShards('synthetic', syntheticCorpus(), false),
];

// Schema validation: data size, cold load time and time per resource, measured in a fresh process.
function benchSchema() {
  const child = spawnSync(process.execPath, [here('schema.mjs')], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench/schema.mjs exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  return JSON.parse(child.stdout);
}
const schema = benchSchema();

const targets = [
  ...corpora.map((c) => ({ target: `${c.corpus}: CLI / js-yaml`, unit: 'ratio', value: c.ratio, limit: c.maxRatio, pass: c.ratioOk })),
  ...corpora.map((c) => ({
    target: `${c.corpus}: CLI peak RSS`,
    unit: 'bytes',
    value: c.cli.peakRssBytes,
    limit: c.rssLimitBytes,
    pass: c.rssOk,
  })),
  { target: 'startup: CLI / node -e 0', unit: 'ratio', value: startup.ratio, limit: startup.maxRatio, pass: startup.ratioOk },
  ...scaling
    .filter((r) => r.growth !== undefined)
    .map((r) => ({
      target: `scaling ${r.layout}: time per Deployment, ${count(r.deployments)} / ${count(r.deployments / 10)}`,
      unit: 'ratio',
      value: r.growth,
      limit: MAX_SCALING_RATIO,
      pass: r.linearOk,
    })),
  ...scaling.map((r) => ({
    target: `scaling ${r.layout}, ${count(r.deployments)}: CLI peak RSS`,
    unit: 'bytes',
    value: r.peakRssBytes,
    limit: r.rssLimitBytes,
    pass: r.rssOk,
  })),
];

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
  jsYaml: jsYamlVersion,
  runs,
  corpora,
  startup,
  jobs,
  html: htmlCheck,
  scaling,
  sharding,
  schema,
  targets,
};
writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const show = (unit, x) => (unit === 'bytes' ? mb(x) : x.toFixed(2));
const col = (f) => corpora.map(f);

console.log(`kubecomply bench: node ${results.node}, js-yaml ${jsYamlVersion}, ${results.cpus}`);
console.log(`medians of ${runs} runs per corpus, CLI and js-yaml interleaved\n`);
if (corpora.length > 0)
  console.log(
    table([
      ['', ...col((c) => c.corpus)],
      ['files', ...col((c) => count(c.files))],
      ['input size', ...col((c) => mb(c.inputBytes))],
      ['largest file', ...col((c) => mb(c.largestFile.bytes))],
      ['resources', ...col((c) => count(c.resources))],
      ['findings', ...col((c) => count(c.findings))],
      ['CLI wall time', ...col((c) => ms(c.cli.medianMs))],
      ['resources/s', ...col((c) => count(c.resourcesPerSecond))],
      ['CLI peak RSS', ...col((c) => mb(c.cli.peakRssBytes))],
      ['RSS limit (4 × largest + 150 MB)', ...col((c) => mb(c.rssLimitBytes))],
      ['js-yaml loadAll wall time', ...col((c) => ms(c.jsYaml.medianMs))],
      ['js-yaml peak RSS', ...col((c) => mb(c.jsYaml.peakRssBytes))],
      ['CLI / js-yaml', ...col((c) => c.ratio.toFixed(2))],
    ]),
  );
console.log(`\nstartup, medians of ${STARTUP_RUNS} runs, interleaved\n`);
console.log(
  table([
    ['command', 'wall time'],
    [`kubecomply ${startup.file}`, ms(startup.cliMedianMs)],
    ['node -e 0', ms(startup.nodeMedianMs)],
  ]),
);
console.log(`startup ratio: ${startup.ratio.toFixed(2)} (target ${MAX_STARTUP_RATIO})`);
if (jobs.length > 0) {
  console.log(
    `\n--jobs 1 against --jobs 2 (${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}), medians of ${Math.min(runs, 3)} runs (auto: one run); CPU: one run each with KUBECOMPLY_TRACE=phases, main thread and whole process; JSON reports (1, 2, auto) byte-identical\n`,
  );
  console.log(
    table([
      ['corpus', '--jobs 1', '--jobs 2', 'speed-up', 'auto', 'main CPU 1', 'main CPU 2', 'all CPU 1', 'all CPU 2', 'peak RSS 1', 'peak RSS 2', 'identical'],
      ...jobs.map((j) => [
        j.corpus,
        ms(j.jobs1Ms),
        ms(j.jobs2Ms),
        `${j.speedup.toFixed(2)}x`,
        ms(j.autoMs),
        ms(j.jobs1MainCpuMs),
        ms(j.jobs2MainCpuMs),
        ms(j.jobs1ProcessCpuMs),
        ms(j.jobs2ProcessCpuMs),
        mb(j.jobs1PeakRssBytes),
        mb(j.jobs2PeakRssBytes),
        j.identical ? 'yes' : 'NO',
      ]),
    ]),
  );
}
if (htmlCheck) {
  console.log(
    `\nHTML report of the synthetic corpus in headless ${htmlCheck.browser}: ${mb(htmlCheck.bytes)}, ` +
      `${htmlCheck.ready ? 'script ran' : 'script did NOT run'} after ${ms(htmlCheck.ms)} (an empty page: ${ms(htmlCheck.emptyPageMs)})`,
  );
} else if (!only) {
  console.log('\nHTML report check skipped: no chromium found');
}
if (scaling.length > 0) {
  console.log(`\nscaling, CLI alone, ${scalingRuns === 1 ? 'one run' : `medians of ${scalingRuns} runs`} each; per 1,000 = (wall - start-up) / Deployments\n`);
  console.log(
    table([
      ['layout', 'Deployments', 'files', 'largest file', 'wall time', 'per 1,000', 'growth', 'peak RSS', 'RSS limit'],
      ...scaling.map((r) => [
        r.layout,
        count(r.deployments),
        count(r.files),
        mb(r.largestFileBytes),
        ms(r.cliMs),
        ms(r.perThousandMs),
        r.growth === undefined ? '' : `${r.growth.toFixed(2)}x`,
        mb(r.peakRssBytes),
        mb(r.rssLimitBytes),
      ]),
    ]),
  );
}

const timedShards = sharding.filter((s) => s.slowestShardMs !== undefined);
console.log(
  `\nsharding: ${SHARDS} shards (--shard i/${SHARDS}, one after another), medians of ${Math.min(runs, 3)} runs; merged JSON and SARIF byte-identical to one run\n`,
);
console.log(
  table([
    ['', ...timedShards.map((s) => s.corpus)],
    ['unsharded wall time', ...timedShards.map((s) => ms(s.unshardedMs))],
    ['each shard', ...timedShards.map((s) => s.shardMs.map((x) => Math.round(x)).join(' / ') + ' ms')],
    ['slowest shard / unsharded', ...timedShards.map((s) => s.slowestOverUnsharded.toFixed(2))],
    ['merge to JSON', ...timedShards.map((s) => ms(s.mergeJsonMs))],
  ]),
);
console.log(
  `identical bytes also on: ${sharding
    .filter((s) => s.slowestShardMs === undefined)
    .map((s) => s.corpus)
    .join(', ')}`,
);

console.log('\nschema validation (packages/rules-schema), one fresh process\n');
console.log(
  table([
    ['measure', 'value'],
    ['built-in schema data', `${schema.dataFiles} files, ${(schema.dataBytes / 1024).toFixed(0)} KiB`],
    [
      'first Deployment: index + kind loaded',
      `${schema.firstKind.files} files, ${(schema.firstKind.bytes / 1024).toFixed(0)} KiB, ${schema.firstKind.ms.toFixed(1)} ms`,
    ],
    [
      'every kind served at 1.36 loaded',
      `${schema.everyKindServedAt136.files} files, ${(schema.everyKindServedAt136.bytes / 1024).toFixed(0)} KiB, ${schema.everyKindServedAt136.ms.toFixed(1)} ms`,
    ],
    [
      `validating ${count(schema.validation.resources)} Deployments`,
      `${schema.validation.ms.toFixed(1)} ms, ${schema.validation.usPerResource.toFixed(1)} µs each`,
    ],
  ]),
);
console.log('\ntargets\n');
console.log(
  table([
    ['target', 'value', 'limit', 'result'],
    ...targets.map((t) => [t.target, show(t.unit, t.value), `≤ ${show(t.unit, t.limit)}`, t.pass ? 'pass' : 'FAIL']),
  ]),
);
console.log(`\nwritten to ${path.relative(root, path.join(outDir, 'results.json'))}`);

// The hostile suite's growth cases at n and 4n (docs/hostile-input.md), in a process of their own.
if (!only) {
  console.log('\nlinearity of the hostile growth cases\n');
  const linearity = spawnSync(process.execPath, [here('linearity.mjs')], { cwd: root, stdio: 'inherit' });
  if (linearity.status !== 0) process.exitCode = linearity.status ?? 1;
}
