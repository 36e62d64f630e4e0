// --jobs 1 against --jobs 2 on each corpus: medians of interleaved runs,
// peak RSS, and the two JSON reports compared byte for byte (a difference
// fails the benchmark); also `--jobs auto`'s report. Then one run each with
// KUBECOMPLY_TRACE=phases (bench/trace-phases.mjs) for the CPU time of the
// main thread (the critical path: it starts, merges, runs the whole-set
// rules and writes the report) and of the whole process, which on a shared
// machine say more than wall times. Called by bench/run.mjs with its runner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tracedRun } from './trace-phases.mjs';

/**
 * `corpora`: [{ name, dir }]; `interleave(count, commands)` and `measure`
 * (bench/measure.mjs) are run.mjs's; `reportDir` holds the reports.
 */
export function benchJobs({ corpora, cli, measure, interleave, runs, reportDir, okStatus }) {
  return corpora.map(({ name, dir }) => {
    const report = (jobs) => path.join(reportDir, `${name}-jobs-${jobs}.json`);
    const command = (jobs) => ({ args: [measure, cli, dir, '-f', 'json', '--jobs', String(jobs), '-o', report(jobs)], okStatus });
    const [one, two] = interleave(runs, [command(1), command(2)]);
    const [auto] = interleave(1, [command('auto')], { warmUp: false });
    for (const other of [2, 'auto']) {
      if (!readFileSync(report(1)).equals(readFileSync(report(other)))) {
        throw new Error(`${name}: the report of --jobs ${other} differs from --jobs 1 (${report(1)}, ${report(other)})`);
      }
    }
    const cpu = (jobs) => tracedRun([dir, '-f', 'json', '--jobs', String(jobs), '-o', report(`${jobs}-traced`)]);
    const [traced1, traced2] = [cpu(1), cpu(2)];
    return {
      corpus: name,
      jobs1Ms: one.medianMs,
      jobs2Ms: two.medianMs,
      autoMs: auto.medianMs,
      speedup: Number((one.medianMs / two.medianMs).toFixed(2)),
      jobs1PeakRssBytes: one.peakRssBytes,
      jobs2PeakRssBytes: two.peakRssBytes,
      jobs1MainCpuMs: traced1.mainCpu,
      jobs2MainCpuMs: traced2.mainCpu,
      jobs1ProcessCpuMs: traced1.processCpu,
      jobs2ProcessCpuMs: traced2.processCpu,
      identical: true,
    };
  });
}
