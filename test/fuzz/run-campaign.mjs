// Usage: node test/fuzz/run-campaign.mjs [--runs N] [--seed S]     (`pnpm fuzz`)
// A long fuzzing campaign: the properties of test/fuzz/properties.ts with
// N cases in all (default 100,000), shared among them as fuzz.test.ts does,
// from seed S (default: a new one, printed so a failure can be replayed).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));

let values;
try {
  ({ values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' } } }));
} catch (err) {
  console.error(`fuzz: ${err.message}\nUsage: node test/fuzz/run-campaign.mjs [--runs N] [--seed S]`);
  process.exit(2);
}
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('fuzz: --runs and --seed must be integers');
  process.exit(2);
}

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
console.log(`fuzz campaign: seed ${seed}, ${runs.toLocaleString('en-US')} cases (replay: pnpm fuzz --seed ${seed} --runs ${runs})`);
const start = performance.now();
const child = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs) },
});
const minutes = ((performance.now() - start) / 60_000).toFixed(1);
console.log(`fuzz campaign: seed ${seed}, ${runs.toLocaleString('en-US')} cases, ${minutes} min: ${child.status === 0 ? 'no failure' : 'FAILED (see above)'}`);
process.exit(child.status ?? 1);
