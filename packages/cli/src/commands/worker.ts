import type { LintRequest, LintWorkerSetup } from '@kubecomply/core';
import { loadAjv } from '../command-line/ajv.js';
import type { CliArgs } from '../command-line/args.js';
import { allPlugins } from './lint.js';

/** What a worker thread needs to load the rule packages the main thread loaded: the parsed command line. */
interface WorkerData {
  args: CliArgs;
}

/**
 * The worker script of a parallel run (`--jobs`): this command's own file,
 * started again as a worker thread (`cli.ts`), which works from the bundle
 * too. The worker loads the same packages from the same command line and
 * working directory.
 */
export function lintWorkerFor(args: CliArgs): Pick<LintRequest, 'jobs' | 'worker'> {
  return { jobs: args.jobs, worker: { entry: __filename, data: { args } satisfies WorkerData } };
}

/** In a worker thread: the rule packages and ajv, as the main thread has them. */
export async function lintWorkerSetup(data: unknown): Promise<LintWorkerSetup> {
  const { args } = data as WorkerData;
  return { plugins: await allPlugins(args, process.cwd()), loadAjv };
}
