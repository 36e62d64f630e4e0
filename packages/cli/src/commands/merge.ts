import path from 'node:path';
import {
  ConfigurationError,
  describeReadError,
  FORMATTERS,
  isFormatName,
  lint,
  MAX_FILE_BYTES,
  MAX_SETTINGS_FILE_BYTES,
  parseBaseline,
  readRegularTextFile,
  unusedConfigSuppressions,
  type Baseline,
} from '@kubecomply/core';
import { UsageError, didYouMean, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';
import { checkWritable } from '../command-line/output-check.js';
import { mergeShards } from '../command-line/shard.js';
import { allPlugins, finishRun, lintRequest } from './lint.js';

/** A regular file within `maxBytes` (a baseline a few MB, a shard's report up to the manifest limit); never waits on a FIFO or device. */
function read(file: string, cwd: string, what: string, maxBytes = MAX_SETTINGS_FILE_BYTES): string {
  try {
    return readRegularTextFile(path.resolve(cwd, file), maxBytes);
  } catch (err) {
    throw new ConfigurationError(`Cannot read ${what} ${file}: ${describeReadError(err)}.`);
  }
}

/**
 * `kubecomply merge <reports...>`: the reports of every shard of one run
 * (`--shard i/n -f json`), combined into the report the unsharded run would
 * have written, in any lint format, and the exit code it would have had.
 * The config (failOn, minScore, and its suppressions, judged unused over
 * the whole input), --baseline and --write-baseline apply here; run it in
 * the shards' working directory, with the same --plugin and --config.
 */
export async function mergeCommand(args: CliArgs, io: Io): Promise<number> {
  const formatter = isFormatName(args.format) ? FORMATTERS[args.format] : undefined;
  if (!formatter)
    throw new UsageError(`Unknown format "${args.format}"${didYouMean(args.format, Object.keys(FORMATTERS))} Formats: ${Object.keys(FORMATTERS).join(', ')}.`);
  if (args.output !== undefined) checkWritable(args.output, io.cwd);
  if (args.writeBaseline !== undefined) checkWritable(args.writeBaseline, io.cwd, '--write-baseline');
  // The config, validated with the rule packages that may add keys to it; nothing is linted.
  const settings = lint({ ...lintRequest({ ...args, paths: [] }, io, await allPlugins(args, io.cwd)), paths: [] });
  const baseline: Baseline | undefined = args.baseline !== undefined ? parseBaseline(read(args.baseline, io.cwd, 'baseline'), args.baseline) : undefined;
  const merged = mergeShards(args.paths.map((name) => ({ name, text: read(name, io.cwd, 'shard report', MAX_FILE_BYTES) })));
  const judged = unusedConfigSuppressions(merged, settings.config, io.cwd);
  // The config that applied is the merge's own, named as a lint run names it.
  const result = settings.configFile !== undefined ? { ...judged, configFile: settings.configFile } : judged;
  if (settings.configFile !== undefined && args.config === undefined) io.stderr(`kubecomply: using config ${settings.configFile}\n`);
  return finishRun(result, {
    args: { ...args, command: 'lint' },
    io,
    config: settings.config,
    failOn: settings.failOn,
    formatter,
    ...(baseline ? { baseline } : {}),
  });
}
