import { type BigIntStats, fstatSync, writeSync } from 'node:fs';
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

/**
 * Whether a file descriptor is a terminal, as `process.stdout.isTTY` says,
 * without making process.stdout: Node builds it as a stream (loading the
 * stream, net and tty modules, about 5 ms of a one-file run) at its first
 * touch. fstat tells files, pipes and sockets apart first; on Linux, major
 * number 1 is the memory devices (/dev/null, /dev/zero), never a terminal.
 */
function isTerminal(fd: number): boolean {
  let stats: BigIntStats;
  try {
    // bigint: Node 20's fs.realpathSync reads the type of the last non-bigint stat from an array all stats
    // share, and takes a pipe's for its own: import() of a plugin through a symbolic link then stopped resolving it.
    stats = fstatSync(fd, { bigint: true });
  } catch {
    return false;
  }
  if (!stats.isCharacterDevice()) return false;
  if (process.platform === 'linux' && (stats.rdev >> 8n) % 4096n === 1n) return false;
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** A reader that stops early (`kubecomply ... | head`) closes the pipe; that is not an error. Any other failure to write is one line and exit 2. */
function writeFailed(err: NodeJS.ErrnoException): never {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`kubecomply: Cannot write the report to standard output: ${err.message}.\n`);
  process.exit(2);
}

/** Set once standard output is written through process.stdout (a descriptor that would block). */
let stdoutStream = false;

/**
 * Writes to standard output with write(2) on descriptor 1, so that a run
 * never makes process.stdout (see isTerminal). A descriptor in non-blocking
 * mode that is full (EAGAIN: a slow reader of a pipe another process made
 * non-blocking) hands the rest, and every later write, to process.stdout,
 * which waits for the reader; the order of the bytes is kept.
 */
function writeStdout(text: string): void {
  if (stdoutStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at, bytes.length - at);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'EAGAIN') writeFailed(e);
    stdoutStream = true;
    process.stdout.on('error', writeFailed);
    process.stdout.write(bytes.subarray(at));
  }
}

export function processIo(): Io {
  const env = process.env;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const force = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return {
    cwd: process.cwd(),
    stdout: writeStdout,
    stderr: (text) => process.stderr.write(text),
    colorDefault: force || (!noColor && isTerminal(1)),
    progress: wantsProgress(isTerminal(2), env),
  };
}
