import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Largest manifest read; V8 cannot hold much larger strings. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Largest config, baseline or catalog file read: these are written by people. */
export const MAX_SETTINGS_FILE_BYTES = 8 * 1024 * 1024;

/** A file that could not be read; `reason` is one phrase, for a message that names the file. */
export class ReadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ReadError';
  }
}

/** A one-phrase reason for a failed file-system call, for messages that name the file. */
export function describeReadError(err: unknown): string {
  if (err instanceof ReadError) return err.reason;
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENXIO':
      return 'it is a socket or a FIFO with no writer';
    default:
      return (err as Error).message;
  }
}

/**
 * Reads a regular file whole, refusing anything else before reading a byte:
 * a FIFO, socket or device (which could block forever or never end) and a
 * file over `maxBytes`. The check is made on the opened descriptor, so a file
 * swapped for a FIFO between a check and the read is still refused.
 */
export function readRegularFile(absolute: string, maxBytes = MAX_FILE_BYTES): Buffer {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ReadError('it is a directory');
    if (!stat.isFile()) throw new ReadError('it is not a regular file (a device, FIFO or socket)');
    if (stat.size > maxBytes) throw new ReadError(`the file is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit`);
    // Read to the end rather than trusting the size: a file may grow while read, but never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 64 * 1024), maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new ReadError(`it grew past the ${formatBytes(maxBytes)} limit while being read`);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A regular file as UTF-8 text, within `maxBytes`. */
export function readRegularTextFile(absolute: string, maxBytes = MAX_SETTINGS_FILE_BYTES): string {
  return readRegularFile(absolute, maxBytes).toString('utf8');
}

/** Reads a manifest's bytes, refusing files too large to hold as a string. */
export function readInputFile(absolute: string): Uint8Array {
  return readRegularFile(absolute, MAX_FILE_BYTES);
}

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Reads standard input to its end, refusing more than `maxBytes` (a
 * `yes | kubecomply -` must end with a message, not fill the memory).
 */
export function readStandardInput(maxBytes = MAX_FILE_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new ReadError(`standard input is over the ${formatBytes(maxBytes)} limit`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}
