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

/** An entry a directory walk left out, and why. */
export interface SkippedEntry {
  display: string;
  reason: 'not-a-regular-file' | 'outside-tree' | 'system-directory';
}

export interface CollectOptions {
  /** Follow symbolic links that lead out of the directory being walked (never into /proc, /sys or /dev). Default false. */
  followSymlinks?: boolean;
}

/** Pseudo-file systems a walk never enters: /proc/<pid>/cwd alone leads back to the whole file system. */
const SYSTEM_DIRS = ['/proc', '/sys', '/dev'];

const isUnder = (child: string, dir: string) => child === dir || child.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

export interface Collected {
  files: InputFile[];
  /** Entries of walked directories left out: links out of the tree, FIFOs, sockets and devices with a manifest's name. */
  skipped?: SkippedEntry[];
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

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
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
export function collectFiles(inputs: readonly string[], cwd: string, options: CollectOptions = {}): Collected {
  const found = new Map<string, InputFile>();
  const skipped = new Map<string, SkippedEntry>();
  const skip = (absolute: string, reason: SkippedEntry['reason']) => {
    const display = displayPath(absolute, cwd);
    skipped.set(display, { display, reason });
  };
  let treeRoot = '';
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
      const rel = path.relative(root, full).split(path.sep).join('/');
      const wanted = () => (filter ? filter(rel) : MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase()));
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let other = !isDir && !isFile && !entry.isSymbolicLink();
      if (entry.isSymbolicLink()) {
        let st: Stats;
        let target: string;
        try {
          st = statSync(full);
          target = realpathSync(full);
        } catch (err) {
          // A dangling link to something that is not a manifest (README.md, notes.txt) is none of our business.
          if (wanted()) addUnreadable(full, describeError(err));
          continue;
        }
        if (SYSTEM_DIRS.some((d) => isUnder(target, d))) {
          if (st.isDirectory() || wanted()) skip(full, 'system-directory');
          continue;
        }
        if (!options.followSymlinks && !isUnder(target, treeRoot)) {
          if (st.isDirectory() || wanted()) skip(full, 'outside-tree');
          continue;
        }
        isDir = st.isDirectory();
        isFile = st.isFile();
        other = !isDir && !isFile;
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, filter, root);
      } else if (isFile) {
        if (wanted()) addFile(full);
      } else if (other && wanted()) {
        skip(full, 'not-a-regular-file');
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
    if (st?.isDirectory()) {
      treeRoot = realpathOr(absolute);
      walk(absolute, undefined, absolute);
    } else if (st?.isFile()) addFile(absolute);
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
        if (statSync(base).isDirectory()) {
          treeRoot = realpathOr(base);
          walk(base, (rel) => (matcher(rel) ? (matched = true) : false), base);
        }
      } catch {
        // A glob whose base does not exist matches nothing.
      }
      if (!matched) missing.push(input);
    }
  }

  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  if (stdin) files.unshift({ absolute: STDIN, display: '<stdin>' });
  const byDisplay = (a: { display: string }, b: { display: string }) => (a.display < b.display ? -1 : 1);
  return { files, missing, unreadable: [...unreadable.values()].sort(byDisplay), skipped: [...skipped.values()].sort(byDisplay) };
}
