/**
 * --changed-since in scratch git repositories: only the findings that the
 * changed files bring, matched against the merge base by baseline
 * fingerprints, with git as the only source of the old version.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, runCli } from './support/cli.js';
import { DEPLOYMENT, OTHER, PRIVILEGED_SIDECAR } from './support/diff-manifests.js';

const hasGit = spawnSync('git', ['--version']).status === 0;

let repo: string;
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};
const kubecomply = (args: string[], cwd = repo) => runCli(args, { cwd });

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'kubecomply-diff-'));
  if (!hasGit) return;
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  write('deploy/web.yaml', DEPLOYMENT);
  write('deploy/debug.yaml', OTHER);
  git('add', '-A');
  git('commit', '-qm', 'base');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe.skipIf(!hasGit)('--changed-since <ref>', () => {
  it('a commit that adds one privileged container to a file with other findings reports exactly that one finding', () => {
    git('checkout', '-qb', 'feature');
    write('deploy/web.yaml', DEPLOYMENT + PRIVILEGED_SIDECAR);
    git('commit', '-qam', 'add a sidecar');
    const all = findings(kubecomply(['-f', 'json', 'deploy']));
    // The file already had findings before the commit, and the other file has its own.
    expect(all.filter((f) => f.file === 'deploy/web.yaml' && !f.path.includes(1)).length).toBeGreaterThan(0);
    expect(all.some((f) => f.file === 'deploy/debug.yaml')).toBe(true);

    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(findings(r).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`)).toEqual([
      'deploy/web.yaml:24:13 privileged-container',
    ]);
    // From a subdirectory, with paths relative to it, the same finding, named from there.
    const sub = kubecomply(['--changed-since', 'main', '-f', 'json', '.'], path.join(repo, 'deploy'));
    expect(findings(sub).map((f) => `${f.file} ${f.ruleId}`)).toEqual(['web.yaml privileged-container']);
    git('checkout', '-q', 'main');
  });

  it('counts findings: a second identical finding (a resource written twice) is new', () => {
    git('checkout', '-qb', 'duplicate');
    write('deploy/debug.yaml', `${OTHER}---\n${OTHER}`);
    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    const found = findings(r);
    expect(found.length).toBeGreaterThan(0);
    // Only the copy's findings: each starts in the second document (line 8 onward), none in the first.
    expect(found.filter((f) => !(f.file === 'deploy/debug.yaml' && f.range.start.line >= 8))).toEqual([]);
    expect(found.some((f) => f.ruleId === 'host-pid')).toBe(true);
    git('checkout', '-q', '--', '.');
    git('checkout', '-q', 'main');
  });

  it('includes uncommitted and untracked files, and not unchanged ones', () => {
    write('deploy/new.yaml', OTHER.replace('name: debug', 'name: debug-2'));
    const r = kubecomply(['--changed-since', 'HEAD', '-f', 'json', 'deploy']);
    const files = [...new Set(findings(r).map((f) => f.file))];
    expect(files).toEqual(['deploy/new.yaml']);
    rmSync(path.join(repo, 'deploy/new.yaml'));
    // Nothing changed: nothing to report, exit 0.
    const clean = kubecomply(['--changed-since', 'HEAD', 'deploy']);
    expect(clean.code).toBe(0);
  });

  it('a moved resource brings no new finding', () => {
    git('checkout', '-qb', 'move');
    git('mv', 'deploy/debug.yaml', 'deploy/tools.yaml');
    git('commit', '-qm', 'move');
    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    expect(findings(r)).toEqual([]);
    git('checkout', '-q', 'main');
  });

  it('a ref that names no commit, or no repository at all, is a one-line usage error', () => {
    const bad = kubecomply(['--changed-since', 'no-such-branch', 'deploy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(
      'kubecomply: --changed-since: "no-such-branch" names no commit in this repository (fetch it first in a shallow clone).',
    );
    const outside = mkdtempSync(path.join(tmpdir(), 'kubecomply-nogit-'));
    try {
      writeFileSync(path.join(outside, 'a.yaml'), OTHER);
      const none = runCli(['--changed-since', 'main', 'a.yaml'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      expect(none.code).toBe(2);
      expect(none.stderr.split('\n')[0]).toBe(`kubecomply: --changed-since needs a git repository, and ${outside} is not in one.`);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    expect(readFileSync(path.join(repo, 'deploy/web.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });
});
