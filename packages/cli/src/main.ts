import { ConfigurationError, LintWorkerError } from '@kubecomply/core';
import { HELP, UsageError, parseCliArgs } from './command-line/args.js';
import { initCommand } from './commands/init.js';
import { lintCommand } from './commands/lint.js';
import { mergeCommand } from './commands/merge.js';
import { reachCommand } from './commands/reach.js';
import { rulesCommand } from './commands/rules.js';
import type { Io } from './command-line/io.js';
import { TOOL } from './command-line/version.js';

/** Runs the command and returns its exit code; never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'version':
        io.stdout(`${TOOL.version}\n`);
        return 0;
      case 'rules':
        return await rulesCommand(args, io);
      case 'init':
        return initCommand(args, io);
      case 'merge':
        return await mergeCommand(args, io);
      case 'reach':
        return reachCommand(args, io);
      case 'lint':
      case 'report': // the lint pipeline with the compliance formats (commands/report.ts)
        return await lintCommand(args, io);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigurationError || err instanceof LintWorkerError) {
      io.stderr(`kubecomply: ${err.message}\n`);
      if (err instanceof UsageError) io.stderr('Run "kubecomply --help" for usage.\n');
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    io.stderr(`kubecomply: internal error: ${e?.message ?? String(err)}\n`);
    if (debug && e?.stack) io.stderr(`${e.stack}\n`);
    else io.stderr('Run again with --debug for details, and report it if it persists.\n');
    return 2;
  }
}
