import { spawnSync } from 'node:child_process';
import { ConfigurationError } from '@kubecomply/core';

/** Git is the only source of the base commit's files; nothing is fetched over any other channel. */
export class Git {
  constructor(readonly cwd: string) {}

  private run(args: readonly string[], allowFail = false): { status: number; stdout: Buffer; stderr: string } {
    const out = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: this.cwd, maxBuffer: 1 << 30 });
    if (out.error) throw new ConfigurationError(`Cannot run git: ${out.error.message}.`);
    const result = { status: out.status ?? 1, stdout: out.stdout, stderr: out.stderr.toString('utf8').trim() };
    if (result.status !== 0 && !allowFail) throw new ConfigurationError(`git ${args.join(' ')} failed: ${result.stderr || `exit ${result.status}`}.`);
    return result;
  }

  /** The repository's top level, or undefined outside a repository. */
  topLevel(): string | undefined {
    const out = this.run(['rev-parse', '--show-toplevel'], true);
    return out.status === 0 ? out.stdout.toString('utf8').trim() : undefined;
  }

  /** The full id of a commit, or undefined when this clone does not have it. */
  commit(rev: string): string | undefined {
    const out = this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], true);
    return out.status === 0 ? out.stdout.toString('utf8').trim() : undefined;
  }

  /** Fetches one commit from origin (a shallow checkout may not have the base). */
  tryFetch(sha: string): void {
    this.run(['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', sha], true);
  }

  parents(rev: string): string[] {
    const out = this.run(['rev-list', '--parents', '-n', '1', rev], true);
    return out.status === 0 ? out.stdout.toString('utf8').trim().split(/\s+/).slice(1) : [];
  }

  mergeBase(a: string, b: string): string | undefined {
    const out = this.run(['merge-base', a, b], true);
    return out.status === 0 ? out.stdout.toString('utf8').trim() : undefined;
  }

  /** The bytes of a file (path from the top level, '/' separators) at a commit, or undefined when it has none there. */
  show(commit: string, file: string): Buffer | undefined {
    const type = this.run(['cat-file', '-t', `${commit}:${file}`], true);
    if (type.status !== 0 || type.stdout.toString('utf8').trim() !== 'blob') return undefined;
    return this.run(['cat-file', 'blob', `${commit}:${file}`]).stdout;
  }

  /** Which of these paths (from the top level) exist as files at a commit. */
  existing(commit: string, files: readonly string[]): Set<string> {
    if (files.length === 0) return new Set();
    const out = this.run(['ls-tree', '-z', '--full-tree', '--name-only', commit, '--', ...files]);
    return new Set(
      out.stdout
        .toString('utf8')
        .split('\0')
        .filter((f) => f !== ''),
    );
  }

  /**
   * The files (path from the top level, bytes) under a folder at a commit,
   * every level down, or only those directly in it: one tree listing and one
   * `git cat-file --batch`. Symbolic links are left out.
   */
  filesUnder(commit: string, dir: string, recursive: boolean): { file: string; bytes: Buffer }[] {
    const listing = this.run(['ls-tree', ...(recursive ? ['-r'] : []), '-z', '--full-tree', commit, '--', dir === '' ? '.' : `${dir}/`]);
    const wanted: { sha: string; file: string }[] = [];
    for (const entry of listing.stdout.toString('utf8').split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab === -1) continue;
      const [mode, type, sha] = entry.slice(0, tab).split(' ');
      if (type === 'blob' && mode !== '120000' && sha) wanted.push({ sha, file: entry.slice(tab + 1) });
    }
    if (wanted.length === 0) return [];
    const out = spawnSync('git', ['cat-file', '--batch'], { cwd: this.cwd, input: `${wanted.map((w) => w.sha).join('\n')}\n`, maxBuffer: 1 << 30 });
    if (out.status !== 0) throw new ConfigurationError(`git cat-file --batch failed: ${out.stderr.toString('utf8').trim()}.`);
    const files: { file: string; bytes: Buffer }[] = [];
    let at = 0;
    for (const { file } of wanted) {
      const nl = out.stdout.indexOf(0x0a, at);
      const size = Number(out.stdout.toString('utf8', at, nl).split(' ')[2]);
      files.push({ file, bytes: out.stdout.subarray(nl + 1, nl + 1 + size) });
      at = nl + 1 + size + 1;
    }
    return files;
  }

  /** Whether anything under a folder (from the top level) differs between a commit and the working tree, untracked files included. */
  changedUnder(commit: string, dir: string): boolean {
    const spec = dir === '' ? ':/' : `:(top)${dir}`;
    const diff = this.run(['diff', '--quiet', commit, '--', spec], true);
    if (diff.status !== 0) return true;
    return this.run(['ls-files', '--others', '--exclude-standard', '--', spec]).stdout.length > 0;
  }

  /**
   * Files changed between a commit and the working tree, from the top level,
   * each with the lines (1-based, in the working tree) that were added or
   * changed; deleted files are left out.
   */
  changedLines(commit: string): Map<string, Set<number>> {
    const out = this.run(['diff', '--no-color', '--no-ext-diff', '--unified=0', '--diff-filter=d', '-M', commit, '--']);
    return parseChangedLines(out.stdout.toString('utf8'));
  }
}

/** Undoes git's C-style quoting of a path ("a\tb", octal escapes for other bytes). */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = text[i + 1] as string;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Added and changed lines per file, from `git diff --unified=0` output. */
export function parseChangedLines(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  // File headers come between `diff --git` and the first hunk; an added line
  // that reads "++ x" shows as "+++ x" inside a hunk and is not a header.
  let header = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      header = true;
      current = undefined;
      continue;
    }
    if (header && line.startsWith('+++ ')) {
      const name = unquoteGitPath(line.slice(4));
      if (name === '/dev/null') continue;
      current = new Set();
      out.set(name.startsWith('b/') ? name.slice(2) : name, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      header = false;
      if (!current) continue;
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return out;
}
