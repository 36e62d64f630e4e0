import path from 'node:path';
import { statSync } from 'node:fs';
import micromatch from 'micromatch';
import { collectFiles, STDIN, type CollectOptions, type SkippedEntry } from '../input/collect.js';
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
  /** Globs that match nothing. */
  missing: string[];
  /** Warnings about the selection: an `ignore` that leaves out every file. */
  warnings: string[];
  /** Entries the walk left out (links out of the tree, FIFOs...), when the selection walked. */
  skipped?: SkippedEntry[];
}

/** Whether an input names one file (or something that is not a directory), not a directory to walk or a glob. */
function namesOneFile(input: string, cwd: string): boolean {
  if (input === STDIN) return true;
  try {
    return !statSync(path.resolve(cwd, input)).isDirectory();
  } catch {
    return !micromatch.scan(input).isGlob;
  }
}

/**
 * Expands the inputs and leaves out the files the config ignores, before
 * anything is read: ignored files are never parsed, and whole-set rules do
 * not see their resources. A file named on the command line is always
 * linted, ignored or not: a config never drops what the user asked for by
 * name (unless `lintNamed` is false, for a pre-commit hook that names every
 * staged file). The config file itself is left out of directory walks. Entries that
 * cannot be read and are not ignored are passed on, so that the Linter
 * reports each as a finding.
 */
export function selectInputs(
  inputs: readonly string[],
  cwd: string,
  loaded: LoadedConfig | undefined,
  options: CollectOptions & { lintNamed?: boolean } = {},
): SelectedInputs {
  const ignored = ignoreMatcher(loaded, cwd);
  if (!ignored) return { inputs: [...inputs], ignored: [], missing: [], warnings: [] };
  const lintNamed = options.lintNamed !== false;
  const named = new Set(inputs.filter((i) => lintNamed && namesOneFile(i, cwd)).map((i) => (i === STDIN ? STDIN : path.resolve(cwd, i))));
  const collected = collectFiles(inputs, cwd, options);
  const kept: string[] = [];
  const left: string[] = [];
  for (const file of collected.files) {
    const absolute = file.absolute === STDIN ? STDIN : path.resolve(file.absolute);
    if (named.has(absolute)) kept.push(absolute);
    else if (file.absolute === loaded?.file) continue;
    else if (ignored(file.display)) left.push(file.display);
    else kept.push(absolute);
  }
  for (const bad of collected.unreadable) {
    const absolute = path.resolve(cwd, bad.display);
    if (named.has(absolute) || !ignored(bad.display)) kept.push(absolute);
  }
  const warnings: string[] = [];
  if (left.length > 0 && kept.length === 0) {
    warnings.push(
      `the ignore list of ${path.relative(cwd, loaded?.file ?? '') || loaded?.file} leaves out every file found (${left.length}); nothing was linted`,
    );
  }
  const skipped = (collected.skipped ?? []).filter((e) => !ignored(e.display));
  return { inputs: kept, ignored: left, missing: collected.missing, warnings, ...(skipped.length > 0 ? { skipped } : {}) };
}
