import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CHUNKED_FORMATTERS,
  FORMATTERS,
  HeapGuard,
  formatCount,
  LATEST_KUBE_VERSION,
  OLDEST_KUBE_VERSION,
  YamlDocument,
  applyBaseline,
  compareKubeVersions,
  createBaseline,
  describeReadError,
  failsAt,
  findConfigFile,
  formatBaseline,
  formatKubeVersion,
  isFormatName,
  lint,
  loadBaselineFile,
  nearest,
  parseKubeVersion,
  readRegularTextFile,
  relocateResult,
  repositoryRoot,
  sarifOmittedMessage,
  type Baseline,
  type FailLevel,
  type Formatter,
  type HelmMapperOptions,
  type LintOutcome,
  type LintRequest,
  type LintResult,
  type LoadedConfig,
  type Plugin,
} from '@kubecomply/core';
import { BUILTIN_PLUGINS, loadPlugins } from '../command-line/plugins.js';
import { loadAjv } from '../command-line/ajv.js';
import { UsageError, didYouMean, type CliArgs } from '../command-line/args.js';
import { renderKustomizations } from '../command-line/kustomize.js';
import { checkWritable } from '../command-line/output-check.js';
import { withShardData } from '../command-line/shard.js';
import { lintChangedSince } from './diff.js';
import { printConfig } from './print-config.js';
import { minimumScores, reportFormatOptions, reportFormatter, scoresBelowMinimum, showsCompliance } from './report.js';
import type { Io } from '../command-line/io.js';
import { TOOL } from '../command-line/version.js';
import { writeOutput } from '../command-line/output.js';
import { progressLine } from '../command-line/progress.js';
import { collectReach, selectionOf } from './reach.js';
import { lintWorkerFor } from './worker.js';

/**
 * The config's `plugins`, read before the config is validated: the rule
 * packages it names may declare config keys of their own. A config that
 * cannot be read here is left for lint() to report.
 */
function configPlugins(args: CliArgs, cwd: string): { names: string[]; dir: string; display: string } | undefined {
  if (args.noConfig) return undefined;
  let file: string | undefined;
  try {
    file = args.config !== undefined ? path.resolve(cwd, args.config) : findConfigFile(cwd);
  } catch {
    return undefined;
  }
  if (file === undefined) return undefined;
  let value: unknown;
  try {
    // A regular file within the settings cap: --config /dev/zero or a FIFO is refused by the config loader, not read here forever.
    value = YamlDocument.parse(readRegularTextFile(file), { positions: false }).value;
  } catch {
    return undefined;
  }
  const names = (value as { plugins?: unknown } | null)?.plugins;
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) return undefined;
  return { names: names as string[], dir: path.dirname(file), display: path.relative(cwd, file).split(path.sep).join('/') || path.basename(file) };
}

/** The built-in packages, the config's `plugins` (resolved from its folder), then --plugin (from the working directory). */
export async function allPlugins(args: CliArgs, cwd: string): Promise<readonly Plugin[]> {
  const fromConfig = configPlugins(args, cwd);
  const specs = [
    ...(fromConfig?.names ?? []).map((name) => ({ name, from: fromConfig?.dir as string, where: `plugins in ${fromConfig?.display as string}` })),
    ...args.plugins.map((name) => ({ name, from: cwd, where: '--plugin' })),
  ];
  return specs.length > 0 ? [...BUILTIN_PLUGINS, ...(await loadPlugins(specs))] : BUILTIN_PLUGINS;
}

function checkKubeVersion(value: string | undefined): void {
  if (value === undefined) return;
  const kubeVersion = parseKubeVersion(value);
  if (!kubeVersion) throw new UsageError(`--kube-version must look like 1.30, not "${value}".`);
  if (compareKubeVersions(kubeVersion, OLDEST_KUBE_VERSION) < 0 || compareKubeVersions(kubeVersion, { major: 1, minor: 99 }) > 0) {
    throw new UsageError(
      `--kube-version ${value} is outside the supported range ${formatKubeVersion(OLDEST_KUBE_VERSION)} to ${formatKubeVersion(LATEST_KUBE_VERSION)}+.`,
    );
  }
}

/** --chart and --helm-values, checked: a chart folder holds a Chart.yaml, a values file can be read. */
function helmOptions(args: CliArgs, cwd: string): HelmMapperOptions {
  for (const c of args.charts) {
    if (!existsSync(path.join(path.resolve(cwd, c), 'Chart.yaml'))) throw new UsageError(`--chart ${c}: no Chart.yaml in that folder.`);
  }
  const values = args.helmValues.map((v) => {
    const eq = v.indexOf('=');
    const file = eq === -1 ? v : v.slice(eq + 1);
    if (file === '') throw new UsageError(`--helm-values needs a file, not "${v}".`);
    try {
      readRegularTextFile(path.resolve(cwd, file));
    } catch (err) {
      throw new UsageError(`--helm-values: cannot read ${file}: ${describeReadError(err)}.`);
    }
    return eq === -1 ? { file } : { file, rendered: [v.slice(0, eq)] };
  });
  return { charts: args.charts, values };
}

/** What lint() is asked, as the flags say; diff mode, shards and --print-config vary it. */
export function lintRequest(args: CliArgs, io: Io, plugins: readonly Plugin[]): LintRequest {
  return {
    plugins,
    loadAjv,
    paths: args.paths,
    cwd: io.cwd,
    config: args.noConfig ? false : args.config,
    followSymlinks: args.followSymlinks,
    skipIgnored: args.skipIgnored,
    frameworks: args.frameworks,
    rules: args.rules,
    disable: args.disable,
    catalogs: args.catalogs,
    readStdin: io.stdin,
    ...(args.kubeVersion !== undefined ? { kubeVersion: args.kubeVersion } : {}),
    ...(args.level !== undefined ? { level: args.level } : {}),
    ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
    helm: helmOptions(args, io.cwd),
    // A compliance report counts failed resources: it keeps each render's finding.
    helmMerge: args.helmMerge && args.command !== 'report',
    ...lintWorkerFor(args),
  };
}

/**
 * `kubecomply reprot deploy/`: a first word that names nothing and is close
 * to a command was meant as one. Any other path that names nothing is a
 * finding of the run, as an unreadable file is.
 */
export function checkCommandTypo(args: CliArgs, io: Io): void {
  const first = args.paths[0];
  if (first === undefined || first === '-' || /[*?[{]/.test(first)) return;
  if (statSync(path.resolve(io.cwd, first), { throwIfNoEntry: false }) !== undefined) return;
  const command = nearest(first, ['lint', 'report', 'rules', 'init', 'merge']);
  if (command) throw new UsageError(`No such file, directory or matching files: ${first}; did you mean "kubecomply ${command}"?`);
}

/** The config that was found by walking up is named; globs that match nothing and an ignore list that leaves out every file are warnings. */
export function reportInputProblems(outcome: LintOutcome, args: CliArgs, io: Io): void {
  // Which config applied is never a guess: a file found by walking up is named (one given with --config is known).
  if (outcome.configFile !== undefined && args.config === undefined) io.stderr(`kubecomply: using config ${outcome.configFile}\n`);
  // A glob that matches nothing is said, not fatal: the other inputs' findings still count.
  for (const glob of outcome.missing) io.stderr(`kubecomply: warning: no files match ${JSON.stringify(glob)}.\n`);
  for (const warning of outcome.warnings) io.stderr(`kubecomply: warning: ${warning}.\n`);
  // What a walk left out is said, never silent: FIFOs and devices named like manifests, links out of the tree.
  const walkedPast = outcome.skipped.filter((s) => WALK_SKIPS[s.reason] !== undefined);
  for (const s of walkedPast.slice(0, 5)) io.stderr(`kubecomply: skipped ${JSON.stringify(s.file).slice(1, -1)}: ${WALK_SKIPS[s.reason]}.\n`);
  if (walkedPast.length > 5) io.stderr(`kubecomply: skipped ${walkedPast.length - 5} more entries (listed in the JSON report's "skipped").\n`);
}

/** Entries a directory walk left out, and why, as stderr says it. */
const WALK_SKIPS: Readonly<Record<string, string>> = {
  'not-a-regular-file': 'not a regular file',
  'outside-tree': 'a link out of the tree; --follow-symlinks follows it',
  'system-directory': 'a link into /proc, /sys or /dev',
};

function checkCombinations(args: CliArgs): void {
  const stdin = args.paths.includes('-');
  if (args.changedSince !== undefined) {
    if (args.command === 'report')
      throw new UsageError('--changed-since reports new findings only; a compliance report needs the whole input, so "kubecomply report" does not take it.');
    if (args.shard) throw new UsageError('--changed-since and --shard cannot be used together.');
    if (args.writeBaseline !== undefined)
      throw new UsageError('--changed-since and --write-baseline cannot be used together: a baseline records every finding.');
    if (args.kustomize.length > 0)
      throw new UsageError('--changed-since cannot be used with --kustomize yet: lint the rendered output of both versions instead.');
    if (stdin) throw new UsageError('--changed-since needs files in a git repository, not standard input.');
  }
  if (args.shard) {
    if (args.command === 'report')
      throw new UsageError(
        '"kubecomply report" does not take --shard; shard "kubecomply lint -f json" and run "kubecomply merge -f markdown" (or html) on the shards.',
      );
    if (args.format !== 'json') throw new UsageError(`--shard writes a JSON report for "kubecomply merge"; use -f json, not -f ${args.format}.`);
    if (args.baseline !== undefined || args.writeBaseline !== undefined) {
      throw new UsageError('With --shard, give --baseline or --write-baseline to "kubecomply merge": a baseline matches findings across the whole input.');
    }
    if (stdin) throw new UsageError('--shard cannot split standard input.');
  }
}

export async function lintCommand(args: CliArgs, io: Io): Promise<number> {
  const formatter = reportFormatter(args) ?? (isFormatName(args.format) ? FORMATTERS[args.format] : undefined);
  if (!formatter)
    throw new UsageError(`Unknown format "${args.format}"${didYouMean(args.format, Object.keys(FORMATTERS))} Formats: ${Object.keys(FORMATTERS).join(', ')}.`);
  checkCombinations(args);
  checkCommandTypo(args, io);
  checkKubeVersion(args.kubeVersion);
  // Before anything is read, let alone linted: where the report and baseline go.
  if (args.output !== undefined) checkWritable(args.output, io.cwd);
  if (args.writeBaseline !== undefined) checkWritable(args.writeBaseline, io.cwd, '--write-baseline');
  const plugins = await allPlugins(args, io.cwd);
  const request = lintRequest(args, io, plugins);
  if (args.printConfig !== undefined) return printConfig(request, args.printConfig, args, io);

  // Flags win over the config: --framework, --kube-version and --fail-on
  // replace its values, --rule runs a rule the config turns off, and
  // --disable turns off a rule whatever the config says.
  const baseline = args.baseline !== undefined ? loadBaselineFile(args.baseline, io.cwd) : undefined;
  if (baseline) Object.assign(request, { baseline, baselineName: `in baseline ${args.baseline as string}` });
  if (args.kustomize.length > 0) request.sources = renderKustomizations(args.kustomize, io.cwd);
  if (args.shard) request.shard = args.shard;
  // Erased before anything else is written, also when the run fails.
  const progress = io.progress ? progressLine(io.stderr) : undefined;
  if (progress) request.onProgress = progress.update;
  let outcome: LintOutcome;
  try {
    outcome = args.changedSince !== undefined ? lintChangedSince(request, args.changedSince, args, io) : lint(request);
  } finally {
    progress?.done();
  }
  reportInputProblems(outcome, args, io);
  let linted: LintResult = outcome;
  // The HTML report draws the CDE's reachability when the input has a CDE.
  if (args.format === 'html') {
    const cde = collectReach(args, (set, settings) => selectionOf({ cde: true, namespaces: [] }, set, settings), io, false);
    if (cde?.nodes.some((n) => n.selected)) linted = { ...linted, reachability: cde };
  }
  return finishRun(linted, { args, io, config: outcome.config, failOn: outcome.failOn, formatter });
}

/**
 * What lint and merge do with a result: write a baseline, print the report,
 * and decide the exit code from the fail level, --max-warnings and minimum
 * scores. A shard only writes its report: merge is the gate.
 */
/** Formats read by a repository host (code scanning, workflow annotations, links in a job summary): paths from the repository root. */
const REPOSITORY_FORMATS: ReadonlySet<string> = new Set(['sarif', 'github', 'markdown', 'html']);

/** The directory the report's paths are relative to: --path-base, else the repository root for REPOSITORY_FORMATS, else the working directory. */
export function reportPathBase(args: Pick<CliArgs, 'pathBase' | 'format'>, cwd: string): string {
  if (args.pathBase !== undefined) {
    const dir = path.resolve(cwd, args.pathBase);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) throw new UsageError(`--path-base ${args.pathBase} is not a directory.`);
    return dir;
  }
  return REPOSITORY_FORMATS.has(args.format) ? repositoryRoot(cwd) : cwd;
}

/** The input as a report's heap check names it: the one path given, or the first and how many more. */
function inputName(paths: readonly string[]): string {
  const first = paths[0] === '-' ? '<stdin>' : paths[0];
  if (first === undefined) return 'the working directory';
  return paths.length === 1 ? first : `${first} and ${formatCount(paths.length - 1)} more path${paths.length === 2 ? '' : 's'}`;
}

/**
 * Writing a report can need as much memory again as linting did (a line of
 * text per finding, then the whole text): the formatter calls this for each
 * finding, so a report that would not fit stops the run with one line,
 * naming the input and the flag that raises the limit (exit 2), instead of
 * V8 aborting it with a dump of its heap.
 */
function reportHeapCheck(args: CliArgs, findings: LintResult['findings']): { checkpoint: () => void; reserve: () => void } {
  const heap = new HeapGuard(500, `writing the ${args.format} report of`);
  const input = () => inputName(args.paths);
  const count = findings.length;
  const progress = () => `${formatCount(count)} finding${count === 1 ? '' : 's'} in the report`;
  return {
    checkpoint: () => heap.check(input, progress),
    // A report made whole holds its lines, then their join (two bytes a character once one is not Latin-1): room for both is reserved before it is made.
    reserve: () => {
      const perFinding = WHOLE_TEXT_FORMATS[args.format];
      if (!perFinding) return;
      let chars = 0;
      for (const f of findings) chars += perFinding(f);
      heap.reserve(chars * 3, input, progress);
    },
  };
}

/**
 * Formats made as one text with a line or more per finding (the others are
 * written in pieces, or summarise), and about how many characters each
 * gives a finding: stylish a line with its message, github an annotation
 * with the file, the message, the fix and the controls.
 */
const WHOLE_TEXT_FORMATS: Readonly<Record<string, (f: LintResult['findings'][number]) => number>> = {
  stylish: (f) => f.message.length + 60,
  github: (f) => f.file.length + f.message.length + (f.remediation?.length ?? 0) + 30 * f.controls.length + 100,
};

/** A chunked report's pieces, with the heap checked before each (a formatter written in pieces need not call the check itself). */
function* watchedChunks(chunks: Iterable<string>, checkpoint: () => void): Generator<string> {
  for (const chunk of chunks) {
    checkpoint();
    yield chunk;
  }
}

export function finishRun(
  linted: LintResult,
  run: { args: CliArgs; io: Io; config: LoadedConfig | undefined; failOn: FailLevel; formatter: Formatter; baseline?: Baseline },
): number {
  const { args, io, config, formatter } = run;
  let result = linted;
  if (run.baseline) result = applyBaseline(result, run.baseline, `in baseline ${args.baseline as string}`);
  if (args.writeBaseline !== undefined) {
    const written = createBaseline(result.findings);
    writeFileSync(path.resolve(io.cwd, args.writeBaseline), formatBaseline(written));
    io.stderr(`kubecomply: wrote ${written.findings.length} finding${written.findings.length === 1 ? '' : 's'} to baseline ${args.writeBaseline}.\n`);
    result = applyBaseline(result, written, `in baseline ${args.writeBaseline}`);
  }
  const minimums = args.shard ? {} : minimumScores(args, config, result.frameworks);

  const failing = (f: LintResult['findings'][number]) => failsAt(f, run.failOn);
  const pathBase = reportPathBase(args, io.cwd);
  const kept: LintResult = args.quiet && !showsCompliance(args) ? { ...result, findings: result.findings.filter(failing) } : result;
  const shown = relocateResult(kept, io.cwd, pathBase);
  const toFile = args.output !== undefined;
  const color = toFile ? false : (args.color ?? io.colorDefault);
  const { checkpoint, reserve } = reportHeapCheck(args, shown.findings);
  const formatOptions = { color, tool: TOOL, showSuppressed: args.showSuppressed, ...reportFormatOptions(pathBase), checkpoint };
  const omitted = args.format === 'sarif' ? sarifOmittedMessage(shown.findings.length) : undefined;
  if (omitted) io.stderr(`kubecomply: warning: ${omitted}\n`);
  // A large JSON report is written as it is made rather than held whole in memory.
  const chunked = isFormatName(args.format) && formatter === FORMATTERS[args.format] ? CHUNKED_FORMATTERS[args.format] : undefined;
  let chunks: Iterable<string>;
  if (chunked) chunks = watchedChunks(chunked(shown, formatOptions), checkpoint);
  else {
    reserve();
    chunks = [formatter(shown, formatOptions)];
  }
  if (args.shard) chunks = withShardData(chunks, args.shard, result);
  writeOutput(chunks, toFile ? (args.output as string) : undefined, io);
  if (args.shard) return 0;
  const belowMinimum = scoresBelowMinimum(result, minimums, args, config, io);
  // A report fails on findings only when asked to, with --fail-on.
  const failsOnFindings = args.command !== 'report' || args.failOn !== undefined;
  const warnings = result.findings.filter((f) => !f.suppression && f.severity === 'warning').length;
  const tooManyWarnings = args.maxWarnings !== undefined && warnings > args.maxWarnings;
  if (tooManyWarnings) io.stderr(`kubecomply: ${warnings} warnings, more than --max-warnings ${args.maxWarnings as number} allows.\n`);
  return (failsOnFindings && result.findings.some(failing)) || belowMinimum || tooManyWarnings ? 1 : 0;
}
