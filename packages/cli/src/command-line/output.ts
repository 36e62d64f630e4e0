import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@kubecomply/core';
import type { Io } from './io.js';

/** Pieces are gathered up to this size before each write: few system calls, bounded memory. */
const BATCH = 1 << 20;

/** A report that could not be written: one line, exit 2. */
export class OutputError extends ConfigurationError {
  constructor(where: string, err: unknown) {
    const code = (err as NodeJS.ErrnoException)?.code;
    super(`Cannot write the report to ${where}: ${describeWriteError(err)}${code ? ` (${code})` : ''}.`);
    this.name = 'OutputError';
  }
}

function describeWriteError(err: unknown): string {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EFBIG':
      return 'the file is over the size limit';
    case 'EBADF':
      return 'it is closed';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ENOENT':
      return 'no such directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return (err as Error)?.message ?? String(err);
  }
}

/** Writes the whole text: a write that stops short (a file size limit) is followed by one that says why. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Writes a report given in pieces to a file, or to standard output. A file
 * is written to a temporary file beside it and renamed over it at the end,
 * so a failed or interrupted write never leaves a truncated report that
 * looks whole. A failed write throws OutputError.
 */
export function writeOutput(chunks: Iterable<string>, file: string | undefined, io: Io): void {
  const target = file === undefined ? undefined : path.resolve(io.cwd, file);
  const temp = target === undefined ? undefined : path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const where = file ?? 'standard output';
  let fd: number | undefined;
  try {
    if (temp !== undefined) fd = openSync(temp, 'wx', 0o644);
    let pending = '';
    const flush = () => {
      if (pending === '') return;
      if (fd === undefined) io.stdout(pending);
      else writeAll(fd, pending);
      pending = '';
    };
    for (const chunk of chunks) {
      pending += chunk;
      if (pending.length >= BATCH) flush();
    }
    flush();
    if (fd !== undefined) {
      closeSync(fd);
      fd = undefined;
      renameSync(temp as string, target as string);
    }
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    if (temp !== undefined) {
      try {
        unlinkSync(temp);
      } catch {
        // Never created, or already gone.
      }
    }
    if (err instanceof OutputError || (err as NodeJS.ErrnoException)?.code === undefined) throw err;
    throw new OutputError(where, err);
  }
}
