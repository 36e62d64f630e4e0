/**
 * Milliseconds from an arbitrary start, for the statistics the benchmark
 * reads. Not `performance.now()`: the first use of the `performance` global
 * loads perf_hooks, several milliseconds of a one-file run's start-up.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
