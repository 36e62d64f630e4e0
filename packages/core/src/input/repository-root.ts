import { statSync } from 'node:fs';
import path from 'node:path';

function exists(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function isWithin(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The directory that report paths (SARIF URIs, GitHub annotations, Markdown
 * links) are relative to, so they name files of the repository whatever the
 * working directory: the nearest directory at or above `cwd` that holds
 * `.git` (a directory, or a file in a worktree or submodule), as
 * `git rev-parse --show-toplevel` finds it but without starting git; else
 * GITHUB_WORKSPACE when `cwd` is inside it (a checkout without history);
 * else `cwd` itself.
 */
export function repositoryRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const start = path.resolve(cwd);
  for (let dir = start; ; ) {
    if (exists(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const workspace = env['GITHUB_WORKSPACE'];
  if (workspace && isWithin(start, path.resolve(workspace))) return path.resolve(workspace);
  return start;
}
