import { wantsProgress } from './progress.js';

/** What the command touches outside itself, so tests can run it in-process. */
export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input; unset, the core's reader (regular reads, capped at MAX_FILE_BYTES) is used. */
  stdin?: () => Uint8Array;
  colorDefault: boolean;
  /** Whether a progress line may be drawn on standard error (a terminal, not CI). */
  progress?: boolean;
}

export function processIo(): Io {
  // A reader that stops early (`kubecomply ... | head`) closes the pipe; that is not an error.
  // Any other failure to write is one line and exit 2, never a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`kubecomply: Cannot write the report to standard output: ${err.message}.\n`);
    process.exit(2);
  });
  const env = process.env;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const force = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    colorDefault: force || (!noColor && process.stdout.isTTY === true),
    progress: wantsProgress(process.stderr.isTTY === true, env),
  };
}
