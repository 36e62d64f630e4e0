import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.js';

/**
 * Checks, before any file is linted, that the report can be written where
 * `-o` says: a long run must not end in an error about its output path.
 * Nothing is created here, so a run that fails later leaves no empty file.
 */
export function checkWritable(file: string, cwd: string, flag = '-o'): void {
  const target = path.resolve(cwd, file);
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new UsageError(`Cannot write ${flag} ${file}: it is a directory.`);
  const dir = path.dirname(target);
  const parent = statSync(dir, { throwIfNoEntry: false });
  if (!parent) throw new UsageError(`Cannot write ${flag} ${file}: no directory ${path.dirname(file)}; create it first.`);
  if (!parent.isDirectory()) throw new UsageError(`Cannot write ${flag} ${file}: ${path.dirname(file)} is not a directory.`);
  try {
    accessSync(existing ? target : dir, constants.W_OK);
  } catch {
    throw new UsageError(`Cannot write ${flag} ${file}: permission denied.`);
  }
}
