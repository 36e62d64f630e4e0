// The one way tests run the built command: `node packages/cli/dist/cli.js`,
// without a terminal, in an environment cleared of what changes reports
// (colour switches, a fixed "today", build times, GitHub Actions links), and
// the one shape of its JSON report that tests read (docs/json-report.md).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'packages/cli/dist/cli.js');

/** Variables that change what a report says; cleared unless a test sets them. */
const REPORT_VARIABLES = [
  'FORCE_COLOR',
  'NO_COLOR',
  'NODE_OPTIONS',
  'KUBECOMPLY_NOW',
  'SOURCE_DATE_EPOCH',
  'GITHUB_SERVER_URL',
  'GITHUB_REPOSITORY',
  'GITHUB_SHA',
  'GITHUB_WORKSPACE',
];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  /** Standard input (empty by default). */
  input?: string;
  /** Variables to set; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** KUBECOMPLY_NOW: "today" for suppression expiries. */
  now?: string;
  timeoutMs?: number;
}

/** Runs the built command and returns its exit code, output and duration (the duration is for messages, never asserted). */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of REPORT_VARIABLES) delete env[k];
  if (options.now !== undefined) env['KUBECOMPLY_NOW'] = options.now;
  Object.assign(env, options.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}

/** A finding as the JSON report writes it (docs/json-report.md). */
export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  path: (string | number)[];
  pathFound: boolean;
  resource?: { apiVersion?: string; kind: string; name: string; namespace?: string };
  helm?: { template: string };
  related?: { message: string; file: string; range: JsonFinding['range']; path: (string | number)[] }[];
  suppression?: { reason: string; expires?: string; source: string };
}

/** The JSON report (docs/json-report.md). */
export interface JsonReport {
  reportVersion: number;
  tool: { name: string; version: string };
  summary: Record<string, number>;
  rules: Record<string, { severity: string; remediation: string; controls: { framework: string; version: string; id: string }[] }>;
  findings: JsonFinding[];
  files: string[];
  frameworks: unknown[];
  /** The config file that applied, relative to the working directory; null when none did. */
  config: string | null;
}

/** The JSON report a run printed. */
export function jsonReport(run: CliRun): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}
