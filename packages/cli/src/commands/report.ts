import path from 'node:path';
import {
  ConfigurationError,
  complianceJson,
  complianceReport,
  complianceText,
  formatScore,
  FORMATTERS,
  scoreShortfalls,
  type FormatOptions,
  type Formatter,
  type Framework,
  type LintResult,
  type LoadedConfig,
} from '@kubecomply/core';
import { UsageError, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';

/**
 * `kubecomply report` runs lintCommand, the same pipeline as lint (config,
 * suppressions, baseline), so the report and the lint output always agree;
 * these are the pieces it adds. It prints per framework and control instead
 * of per finding, and exits 1 only when a --min-score (or the config's
 * minScore) is not met or, with an explicit --fail-on, findings reach it.
 * --catalog, --min-score and the markdown and html formats serve lint too.
 */

/** Formats of `kubecomply report`. */
export const REPORT_FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: complianceText,
  json: complianceJson,
  markdown: FORMATTERS.markdown,
  html: FORMATTERS.html,
};

/** Formats that show a compliance report, and so need every finding (not only those --quiet keeps). */
const COMPLIANCE_FORMATS: ReadonlySet<string> = new Set(['markdown', 'html']);

/** The formatter for the command: the compliance formats for `report`, undefined for lint (which keeps its own table). */
export function reportFormatter(args: CliArgs): Formatter | undefined {
  if (args.command !== 'report') return undefined;
  const formatter = REPORT_FORMATTERS[args.format];
  if (!formatter) throw new UsageError(`Unknown format "${args.format}" for report. Formats: ${Object.keys(REPORT_FORMATTERS).join(', ')}.`);
  return formatter;
}

/** Whether the output is a compliance report, which --quiet must not thin out. */
export function showsCompliance(args: CliArgs): boolean {
  return args.command === 'report' || COMPLIANCE_FORMATS.has(args.format);
}

/**
 * Options for reports handed on: a time only when SOURCE_DATE_EPOCH gives
 * one (reproducible builds' convention), so reruns give the same bytes; and,
 * in a GitHub Actions run, links to the files at the commit under test.
 * `cwd` is the directory the report's paths are relative to.
 */
export function reportFormatOptions(cwd: string, env: NodeJS.ProcessEnv = process.env): Pick<FormatOptions, 'generatedAt' | 'sourceLinkBase'> {
  const out: Pick<FormatOptions, 'generatedAt' | 'sourceLinkBase'> = {};
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,15}$/.test(epoch.trim())) throw new ConfigurationError(`SOURCE_DATE_EPOCH must be a number of seconds since 1970, not "${epoch}".`);
    out.generatedAt = new Date(Number(epoch.trim()) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  }
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  const workspace = env['GITHUB_WORKSPACE'];
  if (server && repository && sha && workspace) {
    const within = path.relative(workspace, cwd).split(path.sep).join('/');
    if (within === '' || (!within.startsWith('..') && !path.isAbsolute(within))) {
      out.sourceLinkBase = `${server.replace(/\/+$/, '')}/${repository}/blob/${sha}/${within === '' ? '' : `${within}/`}`;
    }
  }
  return out;
}

/** `--min-score <framework>=<0-100>` values, by framework id. */
export function parseMinScores(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) {
    const m = /^([^=\s]+)=(\d+(?:\.\d+)?)$/.exec(value.trim());
    const score = m ? Number(m[2]) : NaN;
    if (!m || !(score >= 0 && score <= 100)) {
      throw new UsageError(`--min-score must look like <framework>=<0-100>, e.g. cis-kubernetes=80, not "${value}".`);
    }
    const id = m[1] as string;
    if (id in out) throw new UsageError(`--min-score gives framework "${id}" twice.`);
    out[id] = score;
  }
  return out;
}

/**
 * The minimum score per framework for this run, from --min-score and the
 * config's minScore (a flag wins for its framework). A flag for a framework
 * the run does not apply is a usage error; a config entry for one is
 * skipped, since --framework may narrow a run on purpose.
 */
export function minimumScores(args: CliArgs, config: LoadedConfig | undefined, frameworks: readonly Framework[]): Record<string, number> {
  const flags = parseMinScores(args.minScores);
  const applied = new Set(frameworks.map((f) => f.id));
  for (const id of Object.keys(flags)) {
    if (!applied.has(id)) {
      throw new UsageError(`--min-score names framework "${id}", which this run does not apply. Frameworks: ${[...applied].sort().join(', ')}.`);
    }
  }
  const fromConfig = Object.entries(config?.config.minScore ?? {}).filter(([id]) => applied.has(id) && !(id in flags));
  return { ...Object.fromEntries(fromConfig), ...flags };
}

/** Prints each framework that scores below its minimum; says whether any does. */
export function scoresBelowMinimum(
  result: LintResult,
  minimums: Readonly<Record<string, number>>,
  args: CliArgs,
  config: LoadedConfig | undefined,
  io: Io,
): boolean {
  if (Object.keys(minimums).length === 0) return false;
  const flags = parseMinScores(args.minScores);
  const shortfalls = scoreShortfalls(complianceReport(result), minimums);
  for (const s of shortfalls) {
    const source = s.framework in flags ? '--min-score' : `minScore in ${config?.display ?? 'the config'}`;
    const score = s.score === null ? 'has no score (the input decides none of its automated controls)' : `scores ${formatScore(s.score)}`;
    io.stderr(`kubecomply: ${s.framework} ${score}, below the minimum ${s.minimum} (${source}).\n`);
  }
  return shortfalls.length > 0;
}
