import { formatCount } from '@kubecomply/core';
import type { LintProgress } from '@kubecomply/core';

/** A run shorter than this shows no progress at all. */
export const PROGRESS_AFTER_MS = 1_000;
/** The line is redrawn at most this often. */
const REDRAW_MS = 200;

/** Whether a progress line may be drawn: standard error is a terminal and this is not a CI job (`CI` set, as CI services do). */
export function wantsProgress(stderrIsTty: boolean, env: NodeJS.ProcessEnv): boolean {
  const ci = env['CI'];
  return stderrIsTty && (ci === undefined || ci === '' || ci === '0' || ci.toLowerCase() === 'false');
}

/**
 * One line on standard error, redrawn in place, for runs long enough to
 * wonder about: files and resources done, time elapsed. `done` erases it
 * before the report is written.
 */
export function progressLine(
  write: (text: string) => void,
  now: () => number = () => performance.now(),
): {
  update: (progress: LintProgress) => void;
  done: () => void;
} {
  const start = now();
  let drawn = false;
  let last = -Infinity;
  return {
    update(progress) {
      const t = now();
      if (t - start < PROGRESS_AFTER_MS || t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      const files = `${formatCount(progress.files)}/${formatCount(progress.totalFiles)} files`;
      const resources = `${formatCount(progress.resources)} resources`;
      write(`\r\x1b[Kkubecomply: ${files}, ${resources}, ${((t - start) / 1000).toFixed(1)} s`);
    },
    done() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}
