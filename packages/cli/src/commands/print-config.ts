import { ConfigurationError, configForFile, type LintRequest } from '@kubecomply/core';
import { UsageError, type CliArgs } from '../command-line/args.js';
import type { Io } from '../command-line/io.js';
import { writeOutput } from '../command-line/output.js';

/**
 * `--print-config <file>`: the settings a run with these flags applies to
 * that file (core's configForFile), as JSON, which YAML readers read too;
 * like ESLint's --print-config, it lints nothing.
 */
export function printConfig(request: LintRequest, file: string, args: CliArgs, io: Io): number {
  let config;
  try {
    config = configForFile(request, file);
  } catch (err) {
    if (err instanceof ConfigurationError && /^No such file /.test(err.message)) throw new UsageError(`--print-config: no such file ${file}.`);
    throw err;
  }
  writeOutput([JSON.stringify(config, null, 2) + '\n'], args.output, io);
  return 0;
}
