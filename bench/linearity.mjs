// Usage: node bench/linearity.mjs    (run by `pnpm bench` after bench/run.mjs)
// The growth cases of the hostile suite (docs/hostile-input.md), each linted
// in process at size n and 4n: time should grow about 4x, and a ratio over
// MAX_RATIO (about 5x) says something grew faster than the input. These are
// measurements, not tests: a loaded machine moves them.
import { lint } from '../packages/core/dist/index.js';
import rulesCis from '../packages/rules-cis/dist/index.js';
import rulesPci from '../packages/rules-pci/dist/index.js';
import rulesBestPractices from '../packages/rules-best-practices/dist/index.js';

const MAX_RATIO = 5;
// As the CLI loads them, whole-set rules included (workload-not-isolated-by-networkpolicy reports on every Pod of a List).
const plugins = [rulesCis, rulesPci, rulesBestPractices];
const configMap = (data) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata:\n${data}`;
const pod = (name) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: n}\nspec: {containers: [{name: a, image: a, securityContext: {privileged: true}}]}\n`;

/** Each case: what grows, and the text at size n (a unit chosen so n takes some tens of milliseconds). */
const CASES = [
  ['PAN after `1-1-1-…` (chars)', 200_000, (n) => configMap(`  v: "${'1-'.repeat(n / 2)}1"\n  card: "4539148803436467"\n`)],
  ['PAN after a digit run (chars)', 500_000, (n) => configMap(`  v: "${'7'.repeat(n)}"\n  card: "4539148803436467"\n`)],
  ['URL with password, scheme run (chars)', 200_000, (n) => configMap(`  v: "${'a'.repeat(n)}"\n`)],
  ['JWT starts `eyJeyJ…` (chars)', 200_000, (n) => configMap(`  v: "${'eyJ'.repeat(n / 3)}"\n`)],
  ['credential-named value `a://:::…` (chars)', 200_000, (n) => configMap(`  PASSWORD: "a://${':'.repeat(n)}"\n`)],
  [
    'suppression expires= padding (chars)',
    200_000,
    (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ignore.kubecomply.io/host-pid: "why; expires=${' x'.repeat(n / 2)}"\nspec: {hostPID: true, containers: [{name: a, image: a}]}\n`,
  ],
  ['# Source: padded with spaces (chars)', 200_000, (n) => `# Source: chart/${' '.repeat(n)}x.yaml\n${pod('p')}`],
  [
    'unknown rule ids in annotations (count)',
    2_000,
    (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${Array.from({ length: n }, (_, i) => `    ignore.kubecomply.io/host-pi${i}: "why"\n`).join('')}spec: {containers: [{name: a, image: a}]}\n`,
  ],
  ['password-named keys in a ConfigMap (count)', 2_000, (n) => configMap(Array.from({ length: n }, (_, i) => `  PASSWORD_${i}: "s3cr3t-${i}"\n`).join(''))],
  [
    'privileged containers in one Pod, 100 listed (count)',
    500,
    (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec:\n  containers:\n${Array.from({ length: n }, (_, i) => `    - {name: c${i}, image: a, securityContext: {privileged: true}}\n`).join('')}`,
  ],
  [
    'tagged values `!foo`, `!!custom` (count)',
    5_000,
    (n) => configMap(Array.from({ length: n }, (_, i) => `  k${i}: ${i % 2 ? '!foo' : '!!custom'} v${i}\n`).join('')),
  ],
  [
    'documents opened by `%YAML 1.1` and `%TAG` (count)',
    1_000,
    (n) => Array.from({ length: n }, (_, i) => `%YAML 1.1\n%TAG !k! tag:k,2024:\n--- !k!pod\n${pod(`p${i}`)}...\n`).join(''),
  ],
  ['comment lines before a directive (count)', 200_000, (n) => `a: 1\n${'# c\n'.repeat(n)}%YAML 1.1\n---\n${pod('p')}`],
  [
    'containers with an empty `-` item (count)',
    500,
    (n) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\nspec:\n  containers:\n    -\n${Array.from({ length: n }, (_, i) => `    - {name: c${i}, image: a}\n`).join('')}`,
  ],
  [
    'Pods in a single-line JSON List (count)',
    1_000,
    (n) =>
      `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: n }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'n' }, spec: { containers: [{ name: 'a', image: 'a', securityContext: { privileged: true } }] } })) })}\n`,
  ],
  [
    'Pods in a pretty-printed JSON List (count)',
    1_000,
    (n) =>
      `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: n }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'n' }, spec: { containers: [{ name: 'a', image: 'a', securityContext: { privileged: true } }] } })) }, null, 2)}\n`,
  ],
  ['Pod documents in one file (count)', 1_000, (n) => Array.from({ length: n }, (_, i) => `---\n${pod(`p${i}`)}`).join('')],
];

function timeOf(text) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    lint({ plugins, sources: [{ file: 'bench.yaml', text }], config: false });
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1];
}

const rows = [['growth case', 'n', 'time at n', 'time at 4n', '4n / n', `≤ ${MAX_RATIO}x`]];
let failed = 0;
for (const [name, n, make] of CASES) {
  const small = timeOf(make(n));
  const large = timeOf(make(4 * n));
  const ratio = large / Math.max(small, 1);
  if (ratio > MAX_RATIO) failed++;
  rows.push([name, n.toLocaleString('en-US'), `${small.toFixed(0)} ms`, `${large.toFixed(0)} ms`, ratio.toFixed(1), ratio <= MAX_RATIO ? 'pass' : 'FAIL']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\nlinearity of the hostile growth cases (median of 3 in-process runs each)\n');
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
if (failed > 0) console.log(`\n${failed} case(s) grew faster than ${MAX_RATIO}x for 4x the input`);
