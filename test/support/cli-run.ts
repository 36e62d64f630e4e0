import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const cli = path.join(root, 'packages/cli/dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command (build first) as a child process, without a terminal and without colour variables. */
export function runCli(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string | undefined> }): CliRun {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx -y pnpm@12.21.0 build\` first.`);
  // NODE_PATH is pnpm's, set for vitest's own modules: a user's shell has none, and it would let plugins resolve from the workspace.
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, NODE_PATH: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ReportFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  path: (string | number)[];
  pathFound: boolean;
  resource?: { kind: string; name: string; namespace?: string };
  helm?: { template: string };
  suppression?: { reason: string; source: string };
}

export const findingsOf = (r: CliRun): ReportFinding[] => (JSON.parse(r.stdout) as { findings: ReportFinding[] }).findings;
