import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  failsAt,
  fingerprint,
  lint,
  readRegularTextFile,
  type Finding,
  type LintOutcome,
  type LintRequest,
  type LoadedConfig,
  type SourceText,
} from '@kubecomply/core';
import { UsageError, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';

// Loaded when used: child_process and os cost milliseconds of every start of the command (docs/performance.md).
const childProcess = (): typeof import('node:child_process') => require('node:child_process');
const os = (): typeof import('node:os') => require('node:os');

const MANIFEST = /\.(ya?ml|json)$/i;
const GLOB_CHARS = /[*?[\]{}()!+@]/;
/** Enough for the tree listing and blobs of a large repository. */
const MAX_GIT_OUTPUT = 1 << 30;

/** Runs git and returns its standard output; a failure is a usage error saying what was asked. */
function git(args: readonly string[], cwd: string, input?: Buffer): { ok: boolean; out: Buffer; err: string } {
  const r = childProcess().spawnSync('git', args, { cwd, maxBuffer: MAX_GIT_OUTPUT, ...(input ? { input } : {}) });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? '--changed-since needs git on PATH; install git.' : `--changed-since: cannot run git: ${r.error.message}.`);
  }
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.toString('utf8').trim().split('\n')[0] ?? '' };
}

function gitText(args: readonly string[], cwd: string, what: string): string {
  const r = git(args, cwd);
  if (!r.ok) throw new UsageError(`--changed-since: ${what}: ${r.err}`);
  return r.out.toString('utf8').trim();
}

/** The part of an input path before its first glob character, as an absolute path. */
function literalPrefix(input: string, cwd: string): string {
  const parts = input.split(/[\\/]/);
  const cut = parts.findIndex((p) => GLOB_CHARS.test(p));
  const literal = cut === -1 ? input : parts.slice(0, cut).join('/');
  return path.resolve(cwd, literal === '' ? '.' : literal);
}

/** Path of a file under the repository's top level, with '/' separators. */
function underTop(top: string, absolute: string): string {
  return path.relative(top, absolute).split(path.sep).join('/');
}

/**
 * Writes the manifests under `prefixes` (paths from the top level, '' for
 * all) as they are in `commit` into `dir`: the tree is listed once and the
 * blobs read in one `git cat-file --batch`, so no checkout, index or
 * export-ignore attribute is involved.
 */
function extractTree(top: string, commit: string, prefixes: readonly string[], explicit: ReadonlySet<string>, dir: string): void {
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit], top);
  if (!listing.ok) throw new UsageError(`--changed-since: cannot list the files of ${commit}: ${listing.err}`);
  const wanted: { sha: string; file: string }[] = [];
  for (const entry of listing.out.toString('utf8').split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, sha] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !sha) continue;
    const inside = prefixes.some((p) => p === '' || file === p || file.startsWith(`${p}/`));
    if (inside && (MANIFEST.test(file) || explicit.has(file))) wanted.push({ sha, file });
  }
  if (wanted.length === 0) return;
  const batch = git(['cat-file', '--batch'], top, Buffer.from(wanted.map((w) => w.sha).join('\n') + '\n'));
  if (!batch.ok) throw new UsageError(`--changed-since: cannot read the files of ${commit}: ${batch.err}`);
  const out = batch.out;
  let at = 0;
  for (const { file } of wanted) {
    const nl = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, nl).split(' ');
    const size = Number(header[2]);
    const body = out.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    const target = path.join(dir, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, body);
  }
}

/**
 * The current config as it applies to the copy of the repository in
 * `tmpTop`: the same text (the one given as text, as the Action gives the
 * base commit's, else the file's), read as if it sat at its place there, so
 * its globs are relative to the same folder of the copy.
 */
function configAt(config: LoadedConfig | undefined, given: LintRequest['config'], top: string, tmpTop: string): SourceText | false {
  if (!config) return false;
  const rel = path.relative(top, config.file);
  const file = rel.startsWith('..') || path.isAbsolute(rel) ? config.file : path.join(tmpTop, rel);
  return { file, text: typeof given === 'object' && given !== null ? given.text : readRegularTextFile(config.file) };
}

/** Baseline fingerprints of findings in order, a repeat of the same one counted (as baselines count them). */
function prints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const first = fingerprint(f, 0);
    const n = seen.get(first) ?? 0;
    seen.set(first, n + 1);
    return n === 0 ? first : fingerprint(f, n);
  });
}

/**
 * `--changed-since <ref>`: the findings that the files changed since `ref`
 * bring. "Changed" is what `git diff <merge-base>` (committed and
 * uncommitted changes) and untracked files name. The given paths are linted
 * whole twice, as they are and as they were at the merge base of `ref` and
 * HEAD, so whole-set rules see every resource both times; a finding is
 * reported when it is in a changed file and its baseline fingerprint (rule,
 * resource, field and how many times the same one occurs) is not among the
 * merge base's findings. git is the only source of the old version.
 */
export function lintChangedSince(request: LintRequest, ref: string, args: Pick<CliArgs, 'paths'>, io: Pick<Io, 'cwd'>): LintOutcome {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since needs a git ref, not "${ref}".`);
  const topRun = git(['rev-parse', '--show-toplevel'], io.cwd);
  if (!topRun.ok) throw new UsageError(`--changed-since needs a git repository, and ${io.cwd} is not in one.`);
  const top = topRun.out.toString('utf8').trim();
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
  if (!commit.ok) throw new UsageError(`--changed-since: "${ref}" names no commit in this repository (fetch it first in a shallow clone).`);
  const sha = commit.out.toString('utf8').trim();
  const mergeBase = git(['merge-base', sha, 'HEAD'], top);
  const base = mergeBase.ok ? mergeBase.out.toString('utf8').trim() : sha;

  const changed = new Set<string>();
  const names = [
    gitText(['diff', '--name-only', '-z', base, '--'], top, 'cannot list the changed files'),
    gitText(['ls-files', '--others', '--exclude-standard', '-z'], top, 'cannot list the untracked files'),
  ];
  for (const list of names) {
    for (const name of list.split('\0')) if (name !== '') changed.add(path.relative(io.cwd, path.join(top, name)).split(path.sep).join('/'));
  }

  const prefixes: string[] = [];
  const explicit = new Set<string>();
  for (const input of args.paths) {
    const absolute = literalPrefix(input, io.cwd);
    const rel = underTop(top, absolute);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`--changed-since: ${input} is outside the git repository at ${top}.`);
    prefixes.push(rel === '' ? '' : rel);
    if (!GLOB_CHARS.test(input)) explicit.add(rel);
  }

  const now = lint(request);

  const tmpTop = mkdtempSync(path.join(os().tmpdir(), 'kubecomply-base-'));
  let before: LintOutcome;
  try {
    extractTree(top, base, prefixes, explicit, tmpTop);
    const tmpCwd = path.join(tmpTop, path.relative(top, io.cwd));
    mkdirSync(tmpCwd, { recursive: true });
    const paths = args.paths.map((p) => (path.isAbsolute(p) ? path.join(tmpTop, path.relative(top, p)) : p));
    const { baseline: _baseline, baselineName: _name, ...asRequested } = request;
    before = lint({
      ...asRequested,
      cwd: tmpCwd,
      paths,
      config: configAt(now.config, request.config, top, tmpTop),
      catalogs: (request.catalogs ?? []).map((c) => path.resolve(io.cwd, c)),
    });
  } finally {
    rmSync(tmpTop, { recursive: true, force: true });
  }

  const known = new Set(prints(before.findings));
  const current = prints(now.findings);
  const findings = now.findings.filter((f, i) => changed.has(f.file) && !known.has(current[i] as string));
  return { ...now, findings, failing: findings.filter((f) => failsAt(f, now.failOn)).length };
}
