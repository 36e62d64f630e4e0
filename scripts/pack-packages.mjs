// Packs every published package with pnpm, as `pnpm publish` would (pnpm
// rewrites the workspace: versions of dependencies), into one folder. Used by
// scripts/check-packages.mjs (publint, attw) and test/packages.test.ts (the
// tarballs installed with npm into a scratch project).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The published packages, as folders from the repository root. */
export const PUBLISHED = ['core', 'rules-cis', 'rules-pci', 'rules-schema', 'rules-best-practices', 'cli'].map((p) => `packages/${p}`);

/** How to run pnpm: the one running this script (`pnpm check:packages`, `pnpm test`), else the pinned one through npx. */
export function pnpmCommand() {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(path.basename(execpath)) && !execpath.endsWith('.cmd')) {
    return /\.[cm]?js$/.test(execpath) ? [process.execPath, execpath] : [execpath];
  }
  return ['npx', '-y', 'pnpm@12.21.0'];
}

/**
 * Packs the published packages (built beforehand) into `dest`; returns the
 * tarball of each, by package folder. Throws with pnpm's output on failure.
 */
export function packPackages(dest) {
  const [command, ...pre] = pnpmCommand();
  const filters = PUBLISHED.flatMap((p) => ['--filter', `./${p}`]);
  const out = spawnSync(command, [...pre, '-r', ...filters, 'pack', '--pack-destination', dest], { cwd: root, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pnpm pack failed (${out.error?.message ?? `exit ${out.status}`}):\n${out.stdout}\n${out.stderr}`);
  const tarballs = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  const byFolder = {};
  for (const p of PUBLISHED) {
    const prefix = `kubecomply-${path.basename(p)}-`;
    const tgz = tarballs.find((t) => t.startsWith(prefix) && /^\d/.test(t.slice(prefix.length)));
    if (!tgz) throw new Error(`pnpm pack wrote no tarball for ${p} in ${dest}.`);
    byFolder[p] = path.join(dest, tgz);
  }
  return byFolder;
}
