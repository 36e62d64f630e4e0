// The one way tests run the built command: `node packages/cli/dist/cli.js`,
// without a terminal, in an environment cleared of what changes reports
// (colour switches, a fixed "today", build times, GitHub Actions links, the
// workspace's NODE_PATH), and the one shape of its JSON report that tests
// read (docs/json-report.md). test/cli-runner.test.ts fails when a test runs
// the command another way.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'packages/cli/dist/cli.js');

/**
 * Variables that change what a report says, cleared unless a test sets them.
 * NODE_PATH is pnpm's, set for vitest's own modules: a user's shell has none,
 * and it would let plugins resolve from the workspace.
 */
const REPORT_VARIABLES = [
  'FORCE_COLOR',
  'NO_COLOR',
  'NODE_OPTIONS',
  'NODE_PATH',
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
  /** Working directory (the repository root by default). */
  cwd?: string;
  /** Standard input (empty by default). */
  input?: string;
  /** Variables to set; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** KUBECOMPLY_NOW: "today" for suppression expiries. */
  now?: string;
  timeoutMs?: number;
  /** Flags for node itself, before the script: `--max-old-space-size=256`, `--import <preload>`. */
  node?: readonly string[];
  /** A command the run is wrapped in, e.g. `['unshare', '-n']`: it runs `wrap... node [node flags] script args`. */
  wrap?: readonly string[];
  /** The script to run in place of packages/cli/dist/cli.js: a private copy of it (test/hostile/cli-snapshot.ts). */
  cli?: string;
}

/**
 * Runs `node [options.node] args` in the environment runCli gives the command;
 * for probes of that environment (a preload, a sandbox), not for the command itself.
 */
export function runNode(args: readonly string[], options: CliOptions = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of REPORT_VARIABLES) delete env[k];
  if (options.now !== undefined) env['KUBECOMPLY_NOW'] = options.now;
  Object.assign(env, options.env);
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const [command, ...prefix] = [...(options.wrap ?? []), process.execPath];
  const start = performance.now();
  const r = spawnSync(command as string, [...prefix, ...(options.node ?? []), ...args], {
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

/** Runs the built command and returns its exit code, output and duration (the duration is for messages, never asserted). */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const cli = options.cli ?? CLI;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx -y pnpm@12.21.0 build\` first.`);
  return runNode([cli, ...args], options);
}

/** A position in a file: 1-based line and column (UTF-16 code units). */
export interface JsonPosition {
  line: number;
  column: number;
}

/** A place in a file, as findings, related places and Helm renders give it. */
export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}

/** The resource a finding is about. */
export interface JsonResource {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Where a finding on Helm-rendered output comes from in the chart (docs/json-report.md#helm). */
export interface JsonHelm {
  template: string;
  chart?: string;
  mapping?: 'exact' | 'block' | 'unmapped';
  reason?: string;
  absent?: true;
  rendered?: { file: string; range: JsonRange };
  values?: { key: string; locations: { file: string; line: number; column: number; defaults: boolean }[] }[];
  valuesFiles?: string[];
  renders?: { file: string; range: JsonRange; valuesFiles: string[]; resource?: JsonResource }[];
  hook?: string;
  lookup?: true;
}

/** A finding as the JSON report writes it (docs/json-report.md). */
export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: JsonRange;
  path: (string | number)[];
  pathFound: boolean;
  resource?: JsonResource;
  helm?: JsonHelm;
  related?: { message: string; file: string; range: JsonRange; path: (string | number)[]; resource?: JsonResource }[];
  suppression?: { reason: string; expires?: string; source: string };
}

/** A control of a loaded framework, as `rules` lists it for a rule. */
export interface JsonControlRef {
  framework: string;
  version: string;
  id: string;
}

/** The JSON report (docs/json-report.md); `shard` only in a shard's report. */
export interface JsonReport {
  reportVersion: number;
  tool: { name: string; version: string };
  kubernetesVersion: string;
  frameworks: { id: string; version: string; title: string }[];
  summary: Record<string, number>;
  rules: Record<string, { description: string; severity: string; remediation: string; controls: JsonControlRef[] }>;
  findings: JsonFinding[];
  resources: (JsonResource & { file: string; line: number })[];
  skipped: { file: string; line?: number; reason: string }[];
  files: string[];
  shard?: { index: number; count: number };
  /** The config file that applied, relative to the working directory; null when none did. */
  config: string | null;
}

/** The JSON report a run printed, or a report's text (a shard's file, a formatter's output). */
export function jsonReport(run: Pick<CliRun, 'stdout'> | string): JsonReport {
  return JSON.parse(typeof run === 'string' ? run : run.stdout) as JsonReport;
}

/** The findings of the JSON report a run printed (or of a report's text). */
export function findings(run: Pick<CliRun, 'stdout'> | string): JsonFinding[] {
  return jsonReport(run).findings;
}

/** Why a path is allowed at one end: the rule that allows it, or the reason no rule is needed. */
export interface JsonReachSide {
  reason: string;
  rule?: { label: string; file: string; line: number };
}

/** The JSON of `kubecomply reach -f json` (docs/reachability.md): the workloads and the paths allowed between them. */
export interface JsonReach {
  selection: string;
  nodes: { id: string; kind: string; label: string; namespace?: string; selected: boolean; marked: boolean }[];
  edges: { from: string; to: string; ports: string; egress: JsonReachSide; ingress: JsonReachSide }[];
  notes: unknown[];
}
