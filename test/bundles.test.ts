import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const committed = path.join(root, 'bundle');
const fresh = mkdtempSync(path.join(tmpdir(), 'kc-bundle-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

/**
 * The pre-commit hook and the GitHub Action run the bundles committed in
 * bundle/, since neither client builds anything. This fails when they are
 * not what the sources build today: run `pnpm bundle` and commit bundle/.
 */
describe('the committed bundles (bundle/) are a fresh build of the sources', () => {
  const tsup = path.join(root, 'node_modules/.bin/tsup');
  const build = spawnSync(tsup, ['--config', 'tsup.bundle.config.ts'], {
    cwd: path.join(root, 'packages/cli'),
    encoding: 'utf8',
    env: { ...process.env, KUBECOMPLY_BUNDLE_DIR: fresh },
  });

  it('builds', () => {
    expect(build.error).toBeUndefined();
    expect(build.status, build.stderr).toBe(0);
  });

  it('the same files', () => {
    expect(readdirSync(committed).sort()).toEqual(readdirSync(fresh).sort());
    expect(readdirSync(committed).sort()).toEqual(['action.cjs', 'kubecomply.cjs']);
  });

  for (const name of ['action.cjs', 'kubecomply.cjs']) {
    it(`${name}: the same bytes (else run "pnpm bundle" and commit bundle/)`, () => {
      const same = readFileSync(path.join(committed, name)).equals(readFileSync(path.join(fresh, name)));
      expect(same, `bundle/${name} differs from a fresh build: run "npx -y pnpm@12.21.0 bundle" and commit bundle/`).toBe(true);
    });
  }

  it('the hook and the Action point at them', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
      scripts: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ kubecomply: 'bundle/kubecomply.cjs' });
    expect(pkg.files).toEqual(['bundle/kubecomply.cjs']);
    // pre-commit 3 takes npm's whole standard output as the tarball name; a lifecycle banner breaks it (docs/pre-commit.md).
    for (const script of ['prepare', 'prepack', 'postpack', 'prepublish', 'preinstall', 'install', 'postinstall'])
      expect(pkg.scripts[script], script).toBeUndefined();
    expect(readFileSync(path.join(root, 'action.yml'), 'utf8')).toMatch(/^runs:\n {2}using: node24\n {2}main: bundle\/action\.cjs\n/m);
    expect(readFileSync(path.join(committed, 'kubecomply.cjs'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
