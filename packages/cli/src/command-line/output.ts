import { closeSync, openSync, writeSync } from 'node:fs';
import type { Io } from './io.js';

/** Pieces are gathered up to this size before each write: few system calls, bounded memory. */
const BATCH = 1 << 20;

/** Writes a report given in pieces to a file, or to standard output. */
export function writeOutput(chunks: Iterable<string>, file: string | undefined, io: Io): void {
  const fd = file === undefined ? undefined : openSync(file, 'w');
  try {
    let pending = '';
    const flush = () => {
      if (pending === '') return;
      if (fd === undefined) io.stdout(pending);
      else writeSync(fd, pending);
      pending = '';
    };
    for (const chunk of chunks) {
      pending += chunk;
      if (pending.length >= BATCH) flush();
    }
    flush();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
