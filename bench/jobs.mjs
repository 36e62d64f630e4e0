// --jobs 1 against --jobs 2 on each corpus: medians of interleaved runs,
// peak RSS, and the two JSON reports compared byte for byte (a difference
// fails the benchmark). Called by bench/run.mjs with its runner.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `corpora`: [{ name, dir }]; `interleave(count, commands)` and `measure`
 * (bench/measure.mjs) are run.mjs's; `reportDir` holds the reports.
 */
export function benchJobs({ corpora, cli, measure, interleave, runs, reportDir, okStatus }) {
  return corpora.map(({ name, dir }) => {
    const report = (jobs) => path.join(reportDir, `${name}-jobs-${jobs}.json`);
    const command = (jobs) => ({ args: [measure, cli, dir, '-f', 'json', '--jobs', String(jobs), '-o', report(jobs)], okStatus });
    const [one, two] = interleave(runs, [command(1), command(2)]);
    const identical = readFileSync(report(1)).equals(readFileSync(report(2)));
    if (!identical) throw new Error(`${name}: the report of --jobs 2 differs from --jobs 1 (${report(1)}, ${report(2)})`);
    return {
      corpus: name,
      jobs1Ms: one.medianMs,
      jobs2Ms: two.medianMs,
      speedup: Number((one.medianMs / two.medianMs).toFixed(2)),
      jobs1PeakRssBytes: one.peakRssBytes,
      jobs2PeakRssBytes: two.peakRssBytes,
      identical,
    };
  });
}
