import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CHUNKED_FORMATTERS, FORMATTERS, GovernancePolicy, Linter, parseKubeVersion, severityRank, OLDEST_KUBE_VERSION, compareKubeVersions, formatKubeVersion, LATEST_KUBE_VERSION,
  ConfigurationError, applyBaseline, checkConfigReferences, createBaseline, formatBaseline, knownIds, lintOptionsFromConfig, parseBaseline,
  resolveConfig, selectInputs,
  type Baseline, type LintResult, type LoadedConfig,
} from '@kubecomply/core';
import { UsageError, type CliArgs } from '../args.js';
import { minimumScores, reportFormatOptions, reportFormatter, runPlugins, scoresBelowMinimum, showsCompliance } from './report.js';
import type { Io } from '../io.js';
import { TOOL } from '../version.js';
import { writeOutput } from '../output.js';

function readBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigurationError(`Cannot read baseline ${file}: ${code === 'ENOENT' ? 'no such file; write one with --write-baseline' : (err as Error).message}.`);
  }
  return parseBaseline(text, file);
}

function loadConfig(args: CliArgs, cwd: string): LoadedConfig | undefined {
  if (args.noConfig) return undefined;
  return resolveConfig({ cwd, ...(args.config !== undefined ? { file: args.config } : {}) });
}

export function lintCommand(args: CliArgs, io: Io): number {
  const formatter = reportFormatter(args) ?? FORMATTERS[args.format];
  if (!formatter) throw new UsageError(`Unknown format "${args.format}". Formats: ${Object.keys(FORMATTERS).join(', ')}.`);
  let kubeVersion;
  if (args.kubeVersion !== undefined) {
    kubeVersion = parseKubeVersion(args.kubeVersion);
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
  const config = loadConfig(args, io.cwd);
  const plugins = runPlugins(args, io.cwd);
  const known = knownIds(plugins);
  if (config) checkConfigReferences(config, known);
  const fromConfig = lintOptionsFromConfig(config, { forceOn: args.rules });
  const baseline = args.baseline !== undefined ? readBaseline(args.baseline, io.cwd) : undefined;
  const policy = new GovernancePolicy({
    ...(config ? { config } : {}),
    frameworks: plugins.flatMap((p) => p.frameworks),
    cwd: io.cwd,
    knownRules: known.rules,
    forceOn: args.rules,
  });
  const frameworks = args.frameworks.length > 0 ? args.frameworks : fromConfig.frameworks;
  kubeVersion ??= fromConfig.kubeVersion;
  const linter = new Linter({
    plugins,
    rules: args.rules,
    disable: args.disable,
    cwd: io.cwd,
    policy,
    ...(frameworks ? { frameworks } : {}),
    ...(kubeVersion ? { kubeVersion } : {}),
    ...(args.level !== undefined ? { level: args.level } : {}),
    ...(fromConfig.severities ? { severities: fromConfig.severities } : {}),
    ...(fromConfig.allowedRegistries ? { allowedRegistries: fromConfig.allowedRegistries } : {}),
    ...(fromConfig.pciScope ? { pciScope: fromConfig.pciScope } : {}),
  });
  const minimums = minimumScores(args, config, linter.frameworks);

  const selected = selectInputs(args.paths, io.cwd, config);
  let result: LintResult & { missing?: string[] } = linter.lintPaths(selected.inputs, io.stdin);
  // When the config ignores files, the kept ones are passed one by one, and
  // an unreadable entry met in a directory can no longer be named: say so here.
  const unreadable = new Set(selected.unreadable.map((u) => path.resolve(io.cwd, u.display)));
  const missing = [...selected.missing, ...(result.missing ?? []).filter((m) => !unreadable.has(path.resolve(io.cwd, m)))];
  if (missing.length > 0) {
    throw new UsageError(`No such file, directory or matching files: ${missing.join(', ')}`);
  }
  for (const u of selected.unreadable) io.stderr(`kubecomply: warning: cannot read ${u.display}: ${u.reason}.\n`);

  result = policy.finish(result);
  if (baseline) result = applyBaseline(result, baseline, `in baseline ${args.baseline as string}`);
  if (args.writeBaseline !== undefined) {
    const written = createBaseline(result.findings);
    writeFileSync(path.resolve(io.cwd, args.writeBaseline), formatBaseline(written));
    io.stderr(`kubecomply: wrote ${written.findings.length} finding${written.findings.length === 1 ? '' : 's'} to baseline ${args.writeBaseline}.\n`);
    result = applyBaseline(result, written, `in baseline ${args.writeBaseline}`);
  }

  const failOn = args.failOn ?? config?.config.failOn ?? 'error';
  const threshold = failOn === 'none' ? Infinity : severityRank(failOn);
  const failing = (f: LintResult['findings'][number]) => !f.suppression && severityRank(f.severity) >= threshold;
  const shown: LintResult = args.quiet && !showsCompliance(args) ? { ...result, findings: result.findings.filter(failing) } : result;
  const toFile = args.output !== undefined;
  const color = toFile ? false : (args.color ?? io.colorDefault);
  const formatOptions = { color, tool: TOOL, showSuppressed: args.showSuppressed, ...reportFormatOptions(io.cwd) };
  // A large JSON report is written as it is made rather than held whole in memory.
  const chunked = formatter === FORMATTERS[args.format] ? CHUNKED_FORMATTERS[args.format] : undefined;
  writeOutput(chunked ? chunked(shown, formatOptions) : [formatter(shown, formatOptions)], toFile ? (args.output as string) : undefined, io);
  const belowMinimum = scoresBelowMinimum(result, minimums, args, config, io);
  // A report fails on findings only when asked to, with --fail-on.
  const failsOnFindings = args.command !== 'report' || args.failOn !== undefined;
  return (failsOnFindings && result.findings.some(failing)) || belowMinimum ? 1 : 0;
}
