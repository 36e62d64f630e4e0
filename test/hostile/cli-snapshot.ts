/**
 * A private copy of the built CLI for one test file. The command is the
 * whole of packages/cli/dist: the loader (cli.js), the bundle beside it
 * (kubecomply.js), ajv.js and micromatch.js, and the built-in Kubernetes
 * schemas (schema-data, read per kind on demand); other work may rebuild it,
 * deleting it for a moment, while a long suite runs: each suite copies the
 * folder once, checks the copy starts, and runs the copy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const BUILT_CLI = path.resolve(import.meta.dirname, '../../packages/cli/dist/cli.js');

/** Copies the built CLI into `dir` and returns the copy's path; throws when there is no working build. */
export function snapshotCli(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, 'cli.js');
  for (let attempt = 0; attempt < 20; attempt++) {
    if (existsSync(BUILT_CLI)) {
      cpSync(path.dirname(BUILT_CLI), dir, { recursive: true });
      if (spawnSync(process.execPath, [copy, '--version'], { encoding: 'utf8' }).status === 0) return copy;
    }
    spawnSync('sleep', ['0.5']);
  }
  throw new Error(`${BUILT_CLI} is missing or broken: run \`npx -y pnpm@12.21.0 build\` first.`);
}
