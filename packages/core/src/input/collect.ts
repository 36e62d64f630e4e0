import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import micromatch from 'micromatch';
import { describeReadError } from './read.js';

export const STDIN = '-';
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export interface InputFile {
  /** Absolute path, or '-' for standard input. */
  absolute: string;
  /** Relative to the working directory with '/' separators, or '<stdin>'. */
  display: string;
}

export interface UnreadablePath {
  display: string;
  reason: string;
}

export interface Collected {
  files: InputFile[];
  /** Globs given by the user that match nothing (a path that names nothing is unreadable). */
  missing: string[];
  /** Entries found while walking that cannot be read as files. */
  unreadable: UnreadablePath[];
}

export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
}

function describeError(err: unknown): string {
  // Inside a walk, a missing entry is almost always a link whose target is gone.
  return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (a dangling symbolic link?)' : describeReadError(err);
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Expands files, directories (recursively, .yaml/.yml/.json) and globs into a
 * sorted, de-duplicated list of files. Only regular files are read, so a FIFO
 * or device in a directory never blocks the run.
 */
export function collectFiles(inputs: readonly string[], cwd: string): Collected {
  const found = new Map<string, InputFile>();
  const missing: string[] = [];
  const unreadable = new Map<string, UnreadablePath>();
  const visitedDirs = new Set<string>();
  let stdin = false;

  const addFile = (absolute: string) => {
    if (!found.has(absolute)) found.set(absolute, { absolute, display: displayPath(absolute, cwd) });
  };
  const addUnreadable = (absolute: string, reason: string) => {
    const display = displayPath(absolute, cwd);
    unreadable.set(display, { display, reason });
  };

  const walk = (dir: string, filter: ((rel: string) => boolean) | undefined, root: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (err) {
      addUnreadable(dir, describeError(err));
      return;
    }
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      addUnreadable(dir, describeError(err));
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let st: Stats;
        try {
          st = statSync(full);
        } catch (err) {
          if (!filter || filter(path.relative(root, full))) addUnreadable(full, describeError(err));
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, filter, root);
      } else if (isFile) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (filter ? filter(rel) : MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) addFile(full);
      }
    }
  };

  for (const input of inputs) {
    visitedDirs.clear();
    if (input === STDIN) {
      stdin = true;
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let st: Stats | undefined;
    try {
      st = statSync(absolute);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A dangling link names something, so it is an unreadable file, as in a directory walk, not a missing path.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || isSymbolicLink(absolute)) {
        addUnreadable(absolute, describeError(err));
        continue;
      }
    }
    if (st?.isDirectory()) walk(absolute, undefined, absolute);
    else if (st?.isFile()) addFile(absolute);
    else if (st) addUnreadable(absolute, 'not a regular file');
    else {
      const scan = micromatch.scan(input);
      if (!scan.isGlob) {
        // A file named on the command line is never dropped: it is a finding, as an unreadable one is.
        addUnreadable(absolute, 'no such file or directory');
        continue;
      }
      const base = path.resolve(cwd, scan.base || '.');
      // Counted here, not by growth of `found`: a glob still matches files an earlier argument named.
      let matched = false;
      const matcher = micromatch.matcher(scan.glob, { dot: false });
      try {
        if (statSync(base).isDirectory()) walk(base, (rel) => (matcher(rel) ? (matched = true) : false), base);
      } catch {
        // A glob whose base does not exist matches nothing.
      }
      if (!matched) missing.push(input);
    }
  }

  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  if (stdin) files.unshift({ absolute: STDIN, display: '<stdin>' });
  return { files, missing, unreadable: [...unreadable.values()].sort((a, b) => (a.display < b.display ? -1 : 1)) };
}
