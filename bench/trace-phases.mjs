// Usage: node bench/trace-phases.mjs [--runs n] [--rules] -- <cli arguments...>
// Runs the built CLI with KUBECOMPLY_TRACE=phases (packages/core/src/base/trace.ts)
// and prints, per thread and phase, the CPU time that thread spent in the
// phase (median of the runs) and when the phase ended (wall ms since the
// process started, median). Also the process's user+system CPU time and peak
// RSS (/usr/bin/time when there is one), and the critical path: the main
// thread's CPU time from start to exit.
//
//   node bench/trace-phases.mjs --runs 3 -- .bench/synthetic -f json --jobs 2 -o /dev/null
//
// On a machine shared with other work, compare CPU times, not wall times:
// a thread's CPU time is what it did, its wall time also what others did.
// Thread CPU times come from /proc in ticks of 10 ms (Linux only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'packages/cli/dist/cli.js');
const TIME = '/usr/bin/time';

/**
 * One traced run of the CLI with `args`: per thread, its phases (CPU ms,
 * and when each ended); the main thread's CPU time; the process's CPU time
 * and peak RSS when /usr/bin/time is there. `rules`: each whole-set rule
 * as a phase of its own.
 */
export function tracedRun(args, { rules = false } = {}) {
  const timed = existsSync(TIME);
  const command = timed ? [TIME, '-f', 'kubecomply-time %U %S %M', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const child = spawnSync(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, KUBECOMPLY_TRACE: 'phases' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0 && child.status !== 1) throw new Error(`kubecomply exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  const threads = new Map();
  let origin;
  let processCpu;
  let rss;
  for (const line of child.stderr.split('\n')) {
    const time = /^kubecomply-time ([\d.]+) ([\d.]+) (\d+)/.exec(line);
    if (time) {
      processCpu = (Number(time[1]) + Number(time[2])) * 1000;
      rss = Number(time[3]) / 1024;
    }
    const m = /^kubecomply-trace (\S+) (\S+) wall=([\d.]+) cpu=(-?\d+) heap=(\d+)MB origin=([\d.]+)/.exec(line);
    if (!m) continue;
    const [, thread, label, wall, cpu, heap, threadOrigin] = m;
    if (thread === 'main') origin ??= Number(threadOrigin);
    if (!threads.has(thread)) threads.set(thread, [{ label: 'start', wall: Number(threadOrigin), cpu: 0, heap: 0 }]);
    threads.get(thread).push({ label, wall: Number(wall), cpu: Number(cpu), heap: Number(heap) });
  }
  // Per thread: the CPU of each phase (from the previous mark), and when it ended.
  const phases = new Map();
  for (const [thread, marks] of threads) {
    const rows = [];
    for (let i = 1; i < marks.length; i++) {
      const { label } = marks[i];
      const name = !rules && label.startsWith('set-rule:') ? 'set-rules' : label;
      const last = rows.at(-1);
      const cpu = marks[i].cpu - marks[i - 1].cpu;
      const end = marks[i].wall - origin;
      // A worker's first mark counts from the thread's own start, which the main thread's origin does not tell: its boot.
      if (last && last.name === name) {
        last.cpu += cpu;
        last.end = end;
      } else rows.push({ name, cpu, end, heap: marks[i].heap });
    }
    phases.set(thread, rows);
  }
  return { phases, processCpu, rss, mainCpu: threads.get('main')?.at(-1)?.cpu };
}

/** Median of the numbers given (undefined ones left out). */
export const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // Imported (bench/jobs.mjs): nothing to print.
} else printRuns();

function printRuns() {
  const dashes = process.argv.indexOf('--');
  const { values } = parseArgs({
    args: process.argv.slice(2, dashes === -1 ? undefined : dashes),
    options: { runs: { type: 'string', default: '1' }, rules: { type: 'boolean', default: false } },
  });
  const args = dashes === -1 ? [] : process.argv.slice(dashes + 1);
  const runs = Array.from({ length: Number(values.runs) }, () => tracedRun(args, { rules: values.rules }));
  const threads = [...runs[0].phases.keys()];
  console.log(`kubecomply ${args.join(' ')} (${runs.length} run${runs.length === 1 ? '' : 's'}, medians)`);
  for (const thread of threads) {
    console.log(`\n${thread.padEnd(24)} ${'cpu ms'.padStart(8)} ${'ends at ms'.padStart(11)}`);
    runs[0].phases.get(thread).forEach((row, i) => {
      const cpu = median(runs.map((r) => r.phases.get(thread)?.[i]?.cpu));
      const end = median(runs.map((r) => r.phases.get(thread)?.[i]?.end));
      console.log(`  ${row.name.padEnd(22)} ${String(Math.round(cpu)).padStart(8)} ${String(Math.round(end)).padStart(11)}`);
    });
  }
  const fmt = (x) => (Number.isNaN(x) ? '?' : String(Math.round(x)));
  console.log(`\nmain thread CPU (critical path): ${fmt(median(runs.map((r) => r.mainCpu)))} ms`);
  console.log(`process CPU (all threads, GC included): ${fmt(median(runs.map((r) => r.processCpu)))} ms; peak RSS ${fmt(median(runs.map((r) => r.rss)))} MB`);
}
