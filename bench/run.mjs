// Usage: node bench/run.mjs [--runs N]    (`pnpm bench` builds first)
// Benchmarks the built CLI on the real-world and synthetic corpora: wall time,
// resources per second and peak RSS, each against a js-yaml `loadAll` baseline
// over the same files; plus start-up time against a bare `node -e 0`. Prints
// tables and writes the same results to .bench/results.json. bench/schema.mjs
// adds the size and load time of the built-in schema data and the cost of
// validating a resource against it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

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
const MAX_STARTUP_RATIO = 1.7;
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
  ({ values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } }));
} catch (err) {
  fail(`${err.message}\nUsage: node bench/run.mjs [--runs N]`);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, not "${values.runs}"`);
if (!existsSync(cli)) fail(`${path.relative(root, cli)} is missing: run "pnpm build" first`);
if (!existsSync(realWorldDir)) fail(`real-world corpus not found at ${realWorldDir}`);

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
function interleave(count, commands) {
  for (const { args, okStatus } of commands) run(args, okStatus);
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
    rssLimitBytes: limit,
    rssOk: cliRun.peakRssBytes <= limit,
  };
}

function benchStartup() {
  const [cliRun, nodeRun] = interleave(STARTUP_RUNS, [
    { args: [cli, startupFile], okStatus: CLI_OK },
    { args: ['-e', '0'] },
  ]);
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

const corpora = [
  benchCorpus('real-world', realWorldDir, 1.5),
  benchCorpus('synthetic', syntheticCorpus(), 2.0),
];
const startup = benchStartup();

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
    target: `${c.corpus}: CLI peak RSS`, unit: 'bytes', value: c.cli.peakRssBytes, limit: c.rssLimitBytes, pass: c.rssOk,
  })),
  { target: 'startup: CLI / node -e 0', unit: 'ratio', value: startup.ratio, limit: startup.maxRatio, pass: startup.ratioOk },
];

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
  jsYaml: jsYamlVersion,
  runs,
  corpora,
  startup,
  schema,
  targets,
};
writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const ms = (x) => `${Math.round(x).toLocaleString('en-US')} ms`;
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const count = (n) => n.toLocaleString('en-US');
const show = (unit, x) => (unit === 'bytes' ? mb(x) : x.toFixed(2));
const col = (f) => corpora.map(f);

console.log(`kubecomply bench: node ${results.node}, js-yaml ${jsYamlVersion}, ${results.cpus}`);
console.log(`medians of ${runs} runs per corpus, CLI and js-yaml interleaved\n`);
console.log(table([
  ['', ...col((c) => c.corpus)],
  ['files', ...col((c) => count(c.files))],
  ['input size', ...col((c) => mb(c.inputBytes))],
  ['largest file', ...col((c) => mb(c.largestFile.bytes))],
  ['resources', ...col((c) => count(c.resources))],
  ['CLI wall time', ...col((c) => ms(c.cli.medianMs))],
  ['resources/s', ...col((c) => count(c.resourcesPerSecond))],
  ['CLI peak RSS', ...col((c) => mb(c.cli.peakRssBytes))],
  ['RSS limit (4 × largest + 150 MB)', ...col((c) => mb(c.rssLimitBytes))],
  ['js-yaml loadAll wall time', ...col((c) => ms(c.jsYaml.medianMs))],
  ['js-yaml peak RSS', ...col((c) => mb(c.jsYaml.peakRssBytes))],
  ['CLI / js-yaml', ...col((c) => c.ratio.toFixed(2))],
]));
console.log(`\nstartup, medians of ${STARTUP_RUNS} runs, interleaved\n`);
console.log(table([
  ['command', 'wall time'],
  [`kubecomply ${startup.file}`, ms(startup.cliMedianMs)],
  ['node -e 0', ms(startup.nodeMedianMs)],
]));
console.log('\nschema validation (packages/rules-schema), one fresh process\n');
console.log(table([
  ['measure', 'value'],
  ['built-in schema data', `${schema.dataFiles} files, ${(schema.dataBytes / 1024).toFixed(0)} KiB`],
  ['first Deployment: index + kind loaded', `${schema.firstKind.files} files, ${(schema.firstKind.bytes / 1024).toFixed(0)} KiB, ${schema.firstKind.ms.toFixed(1)} ms`],
  ['every kind served at 1.36 loaded', `${schema.everyKindServedAt136.files} files, ${(schema.everyKindServedAt136.bytes / 1024).toFixed(0)} KiB, ${schema.everyKindServedAt136.ms.toFixed(1)} ms`],
  [`validating ${count(schema.validation.resources)} Deployments`, `${schema.validation.ms.toFixed(1)} ms, ${schema.validation.usPerResource.toFixed(1)} µs each`],
]));
console.log('\ntargets\n');
console.log(table([
  ['target', 'value', 'limit', 'result'],
  ...targets.map((t) => [t.target, show(t.unit, t.value), `≤ ${show(t.unit, t.limit)}`, t.pass ? 'pass' : 'FAIL']),
]));
console.log(`\nwritten to ${path.relative(root, path.join(outDir, 'results.json'))}`);
