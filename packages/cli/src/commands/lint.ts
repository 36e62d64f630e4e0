import { writeFileSync } from 'node:fs';
import {
  FORMATTERS, Linter, parseKubeVersion, severityRank, OLDEST_KUBE_VERSION, compareKubeVersions, formatKubeVersion, LATEST_KUBE_VERSION,
  type LintResult,
} from '@kubecomply/core';
import { UsageError, type CliArgs } from '../args.js';
import { BUILTIN_PLUGINS } from '../plugins.js';
import type { Io } from '../io.js';
import { TOOL } from '../version.js';

export function lintCommand(args: CliArgs, io: Io): number {
  const formatter = FORMATTERS[args.format];
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
  const linter = new Linter({
    plugins: BUILTIN_PLUGINS,
    frameworks: args.frameworks,
    rules: args.rules,
    disable: args.disable,
    cwd: io.cwd,
    ...(kubeVersion ? { kubeVersion } : {}),
  });
  const result = linter.lintPaths(args.paths, io.stdin);
  if (result.missing.length > 0) {
    throw new UsageError(`No such file, directory or matching files: ${result.missing.join(', ')}`);
  }
  const threshold = args.failOn === 'none' ? Infinity : severityRank(args.failOn);
  const shown: LintResult = args.quiet
    ? { ...result, findings: result.findings.filter((f) => severityRank(f.severity) >= threshold) }
    : result;
  const toFile = args.output !== undefined;
  const color = toFile ? false : (args.color ?? io.colorDefault);
  const text = formatter(shown, { color, tool: TOOL });
  if (toFile) writeFileSync(args.output as string, text);
  else io.stdout(text);
  return result.findings.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0;
}
