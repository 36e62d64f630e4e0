import path from 'node:path';
import { collectFiles, STDIN, type UnreadablePath } from '../input/collect.js';
import { fileMatcher } from './match.js';
import type { LoadedConfig } from './types.js';

/** Whether the config's `ignore` globs exclude a file (display path, relative to `cwd`). */
export function ignoreMatcher(loaded: LoadedConfig | undefined, cwd: string): ((display: string) => boolean) | undefined {
  const globs = loaded?.config.ignore;
  return globs && globs.length > 0 ? fileMatcher(globs, loaded.dir, cwd) : undefined;
}

export interface SelectedInputs {
  /** What to pass to Linter.lintPaths: the inputs as given when nothing is ignored, else the kept files one by one. */
  inputs: string[];
  /** Display paths of the files left out. */
  ignored: string[];
  /** Inputs that name nothing. */
  missing: string[];
  /** Entries found while walking directories that cannot be read and are not ignored. */
  unreadable: UnreadablePath[];
}

/**
 * Expands the inputs and leaves out the files the config ignores, before
 * anything is read: ignored files are never parsed, and whole-set rules do
 * not see their resources. Files named explicitly are ignored too, so a
 * pre-commit hook that passes every changed file honours the config. The
 * config file itself is left out too.
 */
export function selectInputs(inputs: readonly string[], cwd: string, loaded: LoadedConfig | undefined): SelectedInputs {
  const ignored = ignoreMatcher(loaded, cwd);
  if (!ignored) return { inputs: [...inputs], ignored: [], missing: [], unreadable: [] };
  const collected = collectFiles(inputs, cwd);
  const kept: string[] = [];
  const left: string[] = [];
  for (const file of collected.files) {
    if (file.absolute !== STDIN && (ignored(file.display) || file.absolute === loaded?.file)) left.push(file.display);
    else kept.push(file.absolute === STDIN ? STDIN : path.resolve(file.absolute));
  }
  return {
    inputs: kept,
    ignored: left,
    missing: collected.missing,
    unreadable: collected.unreadable.filter((u) => !ignored(u.display)),
  };
}
