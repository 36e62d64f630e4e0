// @requires ../shared (some cases): mutating real-world manifests needs ../shared/corpus.
/**
 * A short fuzzing campaign with a fixed seed, run with every test run.
 * `pnpm fuzz` runs a long one (test/fuzz/run-campaign.mjs sets FUZZ_RUNS
 * and FUZZ_SEED); a failure prints the seed and path to replay it.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { HAS_CORPUS } from '../support/corpus.js';
import { PROPERTIES, WEIGHTS } from './properties.js';

/** Properties that mutate files of ../shared/corpus. */
const NEEDS_CORPUS: ReadonlySet<string> = new Set(['mutated real-world manifests are linted safely']);

const seed = Number(process.env['FUZZ_SEED'] ?? 20261127);
const total = Number(process.env['FUZZ_RUNS'] ?? 400);
const long = total > 5_000;

describe(`fuzz (seed ${seed}, ${total} cases)`, () => {
  Object.entries(PROPERTIES).forEach(([name, property], index) => {
    const runs = Math.max(5, Math.round(total * WEIGHTS[name as keyof typeof WEIGHTS]));
    it.runIf(HAS_CORPUS || !NEEDS_CORPUS.has(name))(`${name} (${runs} cases)`, { timeout: long ? 24 * 3600_000 : 60_000 }, () => {
      const start = performance.now();
      fc.assert(property as fc.IProperty<unknown[]>, { seed: seed + index, numRuns: runs, endOnFailure: long });
      if (long) console.log(`${name}: ${runs} cases, seed ${seed + index}, ${((performance.now() - start) / 1000).toFixed(1)} s, no failure`);
    });
  });
});
