import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CHUNKED_FORMATTERS, FORMATTERS, LATEST_KUBE_VERSION, OLDEST_KUBE_VERSION, applyBaseline, compareKubeVersions, createBaseline, failsAt, formatBaseline,
  formatKubeVersion, isFormatName, lint, loadBaselineFile, parseKubeVersion, type LintResult,
} from '@kubecomply/core';
import { BUILTIN_PLUGINS } from '../command-line/plugins.js';
import { UsageError, type CliArgs } from '../command-line/args.js';
import { minimumScores, reportFormatOptions, reportFormatter, scoresBelowMinimum, showsCompliance } from './report.js';
import type { Io } from '../command-line/io.js';
import { TOOL } from '../command-line/version.js';
import { writeOutput } from '../command-line/output.js';
import { collectReach, selectionOf } from './reach.js';

export function lintCommand(args: CliArgs, io: Io): number {
  const formatter = reportFormatter(args) ?? (isFormatName(args.format) ? FORMATTERS[args.format] : undefined);
  if (!formatter) throw new UsageError(`Unknown format "${args.format}". Formats: ${Object.keys(FORMATTERS).join(', ')}.`);
  if (args.kubeVersion !== undefined) {
    const kubeVersion = parseKubeVersion(args.kubeVersion);
    if (!kubeVersion) throw new UsageError(`--kube-version must look like 1.30, not "${args.kubeVersion}".`);
    if (compareKubeVersions(kubeVersion, OLDEST_KUBE_VERSION) < 0 || compareKubeVersions(kubeVersion, { major: 1, minor: 99 }) > 0) {
      throw new UsageError(
        `--kube-version ${args.kubeVersion} is outside the supported range ${formatKubeVersion(OLDEST_KUBE_VERSION)} to ${formatKubeVersion(LATEST_KUBE_VERSION)}+.`,
      );
    }
  }

  // Flags win over the config: --framework, --kube-version and --fail-on
  // replace its values, --rule runs a rule the config turns off, and
  // --disable turns off a rule whatever the config says.
  const baseline = args.baseline !== undefined ? loadBaselineFile(args.baseline, io.cwd) : undefined;
  const outcome = lint({
    plugins: BUILTIN_PLUGINS,
    paths: args.paths,
    cwd: io.cwd,
    config: args.noConfig ? false : args.config,
    frameworks: args.frameworks,
    rules: args.rules,
    disable: args.disable,
    catalogs: args.catalogs,
    readStdin: io.stdin,
    ...(args.kubeVersion !== undefined ? { kubeVersion: args.kubeVersion } : {}),
    ...(args.level !== undefined ? { level: args.level } : {}),
    ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
    ...(baseline ? { baseline, baselineName: `in baseline ${args.baseline as string}` } : {}),
  });
  const config = outcome.config;
  if (outcome.missing.length > 0) {
    throw new UsageError(`No such file, directory or matching files: ${outcome.missing.join(', ')}`);
  }
  for (const u of outcome.unreadable) io.stderr(`kubecomply: warning: cannot read ${u.display}: ${u.reason}.\n`);
  const minimums = minimumScores(args, config, outcome.frameworks);

  let result: LintResult = outcome;
  // The HTML report draws the CDE's reachability when the input has a CDE.
  if (args.format === 'html') {
    const cde = collectReach(args, (set, settings) => selectionOf({ cde: true, namespaces: [] }, set, settings), io, false);
    if (cde?.nodes.some((n) => n.selected)) result = { ...result, reachability: cde };
  }
  if (args.writeBaseline !== undefined) {
    const written = createBaseline(result.findings);
    writeFileSync(path.resolve(io.cwd, args.writeBaseline), formatBaseline(written));
    io.stderr(`kubecomply: wrote ${written.findings.length} finding${written.findings.length === 1 ? '' : 's'} to baseline ${args.writeBaseline}.\n`);
    result = applyBaseline(result, written, `in baseline ${args.writeBaseline}`);
  }

  const failing = (f: LintResult['findings'][number]) => failsAt(f, outcome.failOn);
  const shown: LintResult = args.quiet && !showsCompliance(args) ? { ...result, findings: result.findings.filter(failing) } : result;
  const toFile = args.output !== undefined;
  const color = toFile ? false : (args.color ?? io.colorDefault);
  const formatOptions = { color, tool: TOOL, showSuppressed: args.showSuppressed, ...reportFormatOptions(io.cwd) };
  // A large JSON report is written as it is made rather than held whole in memory.
  const chunked = isFormatName(args.format) && formatter === FORMATTERS[args.format] ? CHUNKED_FORMATTERS[args.format] : undefined;
  writeOutput(chunked ? chunked(shown, formatOptions) : [formatter(shown, formatOptions)], toFile ? (args.output as string) : undefined, io);
  const belowMinimum = scoresBelowMinimum(result, minimums, args, config, io);
  // A report fails on findings only when asked to, with --fail-on.
  const failsOnFindings = args.command !== 'report' || args.failOn !== undefined;
  return (failsOnFindings && result.findings.some(failing)) || belowMinimum ? 1 : 0;
}
