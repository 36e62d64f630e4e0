import { readFileSync, writeSync } from 'node:fs';
import { lazyBuiltin } from './builtins.js';

/*
 * Phase marks for measuring a run, per thread: with KUBECOMPLY_TRACE=phases
 * each mark writes one line to standard error with the wall-clock time, the
 * CPU time of the calling thread (Linux: /proc/thread-self/stat, in ticks of
 * 10 ms; -1 elsewhere) and its heap in use. bench/trace-phases.mjs reads
 * them. On a machine shared with other work, the CPU time of each thread is
 * what can be compared between runs; wall times are not.
 */

const ON = process.env.KUBECOMPLY_TRACE === 'phases';
// Loaded only when tracing: a one-file run loads no worker_threads (docs/performance.md, "Start-up").
const threads = lazyBuiltin('node:worker_threads');

/** This thread's CPU time (user and system) in milliseconds, or -1 where /proc does not say. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return -1;
  }
}

/** Notes that this thread reached `label` (nothing unless KUBECOMPLY_TRACE=phases). */
export function tracePhase(label: string): void {
  if (!ON) return;
  const wall = performance.timeOrigin + performance.now();
  const { isMainThread, threadId } = threads();
  const thread = isMainThread ? 'main' : `worker${threadId}`;
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6);
  // Written at once: a worker's process.stderr goes through the main thread, which may be busy or gone.
  writeSync(2, `kubecomply-trace ${thread} ${label} wall=${wall.toFixed(1)} cpu=${threadCpuMs()} heap=${heap}MB origin=${performance.timeOrigin.toFixed(1)}\n`);
}

if (ON && threads().isMainThread) {
  process.on('exit', () => tracePhase('exit'));
}
