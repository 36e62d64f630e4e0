import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineRule, definePlugin, Linter, relocateResult, repositoryRoot } from '../src/index.js';

const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-paths-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const privileged = defineRule({
  id: 'test-privileged',
  description: 'Containers do not run privileged.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation: 'Set privileged to false.',
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (c.value.securityContext?.privileged === true) ctx.report({ path: [...c.path, 'securityContext', 'privileged'], message: 'privileged' });
    }
  },
});
const plugin = definePlugin({ name: 'test', rules: [privileged], frameworks: [] });

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      securityContext: { privileged: true }\n';

describe('repositoryRoot', () => {
  const repo = path.join(tmp, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'deploy', 'prod'), { recursive: true });
  const worktree = path.join(tmp, 'worktree');
  mkdirSync(path.join(worktree, 'sub'), { recursive: true });
  writeFileSync(path.join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
  const plain = path.join(tmp, 'plain', 'a', 'b');
  mkdirSync(plain, { recursive: true });

  it('is the nearest directory holding .git, from any directory below it', () => {
    expect(repositoryRoot(path.join(repo, 'deploy', 'prod'), {})).toBe(repo);
    expect(repositoryRoot(repo, {})).toBe(repo);
  });

  it('takes a .git file (a worktree or submodule) as well', () => {
    expect(repositoryRoot(path.join(worktree, 'sub'), {})).toBe(worktree);
  });

  it('without git: GITHUB_WORKSPACE when the directory is inside it, else the directory itself', () => {
    expect(repositoryRoot(plain, { GITHUB_WORKSPACE: path.join(tmp, 'plain') })).toBe(path.join(tmp, 'plain'));
    expect(repositoryRoot(plain, { GITHUB_WORKSPACE: repo })).toBe(plain);
    expect(repositoryRoot(plain, {})).toBe(plain);
  });
});

describe('relocateResult', () => {
  const root = path.join(tmp, 'relocate');
  write(path.join(root, 'deploy', 'app', 'pod.yaml'), POD);
  write(path.join(root, 'deploy', 'other.yaml'), 'values: 1\n');
  const cwd = path.join(root, 'deploy');
  const result = new Linter({ plugins: [plugin], cwd }).lintPaths(['app', 'other.yaml']);

  it('the linter shows paths from its working directory', () => {
    expect(result.findings.map((f) => f.file)).toEqual(['app/pod.yaml']);
    expect(result.files).toEqual(['app/pod.yaml', 'other.yaml']);
  });

  it('rewrites every path of the result from the new base, and leaves the rest alone', () => {
    const moved = relocateResult(result, cwd, root);
    expect(moved.findings.map((f) => f.file)).toEqual(['deploy/app/pod.yaml']);
    expect(moved.files).toEqual(['deploy/app/pod.yaml', 'deploy/other.yaml']);
    expect(moved.resources.map((r) => r.file)).toEqual(['deploy/app/pod.yaml']);
    expect(moved.skipped.map((s) => s.file)).toEqual(['deploy/other.yaml']);
    expect(moved.findings[0]!.range).toEqual(result.findings[0]!.range);
    // The original is untouched.
    expect(result.findings[0]!.file).toBe('app/pod.yaml');
  });

  it('goes up with ../ for a base below the files, and keeps pseudo-files', () => {
    const moved = relocateResult(
      {
        ...result,
        findings: [
          ...result.findings,
          { ...result.findings[0]!, file: '<stdin>', related: [{ file: 'other.yaml', range: result.findings[0]!.range, path: [], message: 'x' }] },
        ],
      },
      cwd,
      path.join(cwd, 'app'),
    );
    expect(moved.findings.map((f) => f.file)).toEqual(['pod.yaml', '<stdin>']);
    expect(moved.findings[1]!.related![0]!.file).toBe('../other.yaml');
  });

  it('returns the same object when the bases are the same', () => {
    expect(relocateResult(result, cwd, `${cwd}/`)).toBe(result);
  });
});
