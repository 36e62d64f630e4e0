// Usage: node bench/profile.mjs [--interval µs] [--top N] [--phase name] -- <cli arguments...>
// Runs the built CLI once under V8's sampling profiler (--cpu-prof) and
// prints where its time goes, by phase: read, parse, positions, locating,
// rules, findings, serialising, GC, start-up. Every sample is put in the
// phase of its stack: the bundle's source map names the package file of each
// frame, and the `// src/<module>.ts` markers tsup leaves in the package
// bundles name the module. Also prints the hottest functions by self time
// (with --phase, only those of the samples of that phase).
//
//   node bench/profile.mjs -- .bench/synthetic -f json -o /dev/null
//
// Sample counts, not wall time, are what to compare: on a loaded machine
// they are far steadier (a sample is taken only when the process runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'packages/cli/dist/cli.js');
// cli.js is the loader (packages/cli/src/loader.ts); the code is the bundle beside it.
const bundle = path.join(root, 'packages/cli/dist/kubecomply.js');

const dashes = process.argv.indexOf('--');
const { values } = parseArgs({
  args: process.argv.slice(2, dashes === -1 ? undefined : dashes),
  options: { interval: { type: 'string', default: '200' }, top: { type: 'string', default: '25' }, phase: { type: 'string' } },
});
const positionals = dashes === -1 ? [] : process.argv.slice(dashes + 1);

/** Runs the CLI under the profiler and returns the parsed .cpuprofile. */
function profile(args) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubecomply-prof-'));
  try {
    const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(values.interval), cli, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (child.status !== 0 && child.status !== 1) throw new Error(`kubecomply exited with ${child.status ?? child.signal}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    return JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
const bundleDir = path.dirname(bundle);

/** For a package bundle: the `// src/x.ts` module of each line, and the line text. */
const bundles = new Map();
function bundleOf(source) {
  let b = bundles.get(source);
  if (b) return b;
  const file = path.resolve(bundleDir, source);
  let lines = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    // A source that is not on disk (a TypeScript file of the CLI itself) is named as is.
  }
  const modules = [];
  let current;
  for (const line of lines) {
    const m = /^\/\/ (src\/\S+)$/.exec(line);
    if (m) current = m[1];
    modules.push(current);
  }
  b = { lines, modules };
  bundles.set(source, b);
  return b;
}

const PACKAGE = /(?:packages\/|\.\.\/\.\.\/)(core|rules-cis|rules-pci|cli)\//;

/** Where a frame's code comes from: `core:src/parse/document.ts#locate`, `js-yaml`, or a V8 pseudo-frame. */
function frameName(callFrame) {
  const { url, lineNumber, columnNumber, functionName } = callFrame;
  if (!url) return functionName ? `(${functionName.replace(/^\((.*)\)$/, '$1')})` : '(native)';
  if (!url.endsWith('/kubecomply.js')) return url.startsWith('node:') ? `node:${functionName || 'anonymous'}` : url;
  const entry = map.findEntry(lineNumber, columnNumber);
  const source = entry?.originalSource ?? '';
  if (source.includes('node_modules')) return /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(source)?.[1] ?? source;
  const pkg = PACKAGE.exec(source)?.[1] ?? 'cli';
  let module = source.replace(/^.*\/(src|dist)\//, '$1/');
  let fn = functionName || 'anonymous';
  if (source.includes('/dist/')) {
    const b = bundleOf(source);
    module = b.modules[entry.originalLine] ?? module;
    const text = b.lines[entry.originalLine] ?? '';
    const named =
      /(?:function\*?\s+|^\s*(?:static\s+|get\s+|async\s+)*)([A-Za-z_$][\w$]*)\s*\(|([A-Za-z_$][\w$]*)\s*[:=]\s*(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/.exec(
        text.slice(entry.originalColumn > 40 ? entry.originalColumn - 40 : 0),
      );
    fn = named?.[1] ?? named?.[2] ?? fn;
  }
  return `${pkg}:${module}#${fn}`;
}

// Phases, checked from the root of a stack down: the innermost frame that
// names a phase holds the sample, except that a phase listed in `absorbs`
// keeps the samples of deeper frames of the phases it names (the js-yaml
// frames of a re-parse for positions are "positions", the parse/ helpers of
// locating are "locating"), and a phase with `under` counts only inside one of
// those phases (a parse is "positions" only when a range asked for it).
const PHASES = [
  ['gc', (f) => f === '(garbage collector)'],
  ['serialising', (f) => /formatters\/|command-line\/output/.test(f)],
  ['positions', (f) => /parse\/document\.ts#(frames|tree|runParse)/.test(f), { under: ['locating'], absorbs: ['parse', 'locating'] }],
  [
    'locating',
    (f) => /input\/source\.ts#(locate|rangeOf|contentLine)|parse\/lines\.ts|parse\/document\.ts#(locate|deref|findPair)/.test(f),
    { absorbs: ['parse'] },
  ],
  ['findings', (f) => /engine\/lint\.ts#(report|emit|ruleError|refOf)|policy\/|base\/sort\.ts/.test(f)],
  ['rules', (f) => /^(rules-cis|rules-pci):|model\/(?!load)|engine\/lint\.ts#(checkResource|finish|resource)/.test(f)],
  ['parse', (f) => /parse\/|model\/load|js-yaml/.test(f)],
  ['read', (f) => /input\/(read|decode|collect)/.test(f)],
];

function phaseOf(stack) {
  let phase;
  let absorbs = [];
  for (const frame of stack) {
    for (const [name, test, opts] of PHASES) {
      if (!test(frame) || (opts?.under && !opts.under.includes(phase))) continue;
      if (!absorbs.includes(name)) {
        phase = name;
        absorbs = opts?.absorbs ?? [];
      }
      break;
    }
  }
  if (phase) return phase;
  const leaf = stack[stack.length - 1];
  if (leaf === '(idle)') return 'idle';
  return 'start-up and other';
}

const prof = profile(positionals);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const names = new Map(prof.nodes.map((n) => [n.id, frameName(n.callFrame)]));
const stacks = new Map();
function stackOf(id) {
  let s = stacks.get(id);
  if (s) return s;
  const up = parent.get(id);
  s = up === undefined ? [names.get(id)] : [...stackOf(up), names.get(id)];
  stacks.set(id, s);
  return s;
}

const phases = new Map();
const self = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  const dt = prof.timeDeltas[i + 1] ?? 0;
  const stack = stackOf(id);
  const phase = phaseOf(stack);
  if (phase === 'idle') continue;
  total += dt;
  phases.set(phase, (phases.get(phase) ?? 0) + dt);
  const leaf = names.get(id);
  if (values.phase === undefined || values.phase === phase) self.set(leaf, (self.get(leaf) ?? 0) + dt);
  void byId;
}

const pct = (x) => `${((100 * x) / total).toFixed(1)}%`.padStart(6);
const ms = (x) => `${(x / 1000).toFixed(0)} ms`.padStart(9);
console.log(`kubecomply ${positionals.join(' ')}: ${ms(total).trim()} of samples\n`);
console.log('phase');
const order = ['read', 'parse', 'positions', 'rules', 'locating', 'findings', 'serialising', 'gc', 'start-up and other'];
for (const p of order) console.log(`  ${p.padEnd(20)}${ms(phases.get(p) ?? 0)} ${pct(phases.get(p) ?? 0)}`);
console.log(`\nhottest functions (self time${values.phase === undefined ? '' : `, ${values.phase} only`})`);
for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  console.log(`  ${ms(t)} ${pct(t)}  ${name}`);
}
