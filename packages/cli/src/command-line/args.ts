import { parseArgs } from 'node:util';
import { nearest } from '@kubecomply/core';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: kubecomply [lint] [options] <paths...>
       kubecomply report [--framework <id>] [--format stylish|json|markdown|html] <paths...>
       kubecomply rules [--format stylish|json] [--framework <id>]
       kubecomply reach [--cde] [--namespace <ns>] [--selector <labels>] [--format stylish|markdown|json|svg] <paths...>
       kubecomply init [--force]
       kubecomply merge [--format <name>] <shard-reports...>

Lints Kubernetes manifests (YAML or JSON files, directories, globs, or - for
standard input) against compliance frameworks, offline.

Options:
  -f, --format <name>        Output format: stylish (default), json, sarif, junit or github,
                             or a compliance report: markdown or html
  -o, --output <file>        Write the report to a file instead of standard output
      --framework <id>       Only rules and controls of this framework (repeatable)
      --kube-version <x.y>   Kubernetes version the manifests target (default: latest known)
      --level <n>            Only controls up to this profile level (CIS Level 1 or 2)
      --rule <id>            Run only this rule (repeatable)
      --disable <id>         Turn a rule off (repeatable)
      --fail-on <level>      Exit 1 on findings at or above: error (default), warning, info, none
      --config <file>        Use this config file instead of looking for one
      --no-config            Use no config file
      --follow-symlinks      Follow symbolic links out of the directories given (never into /proc, /sys, /dev)
      --skip-ignored         Leave out named files the config's ignore matches (the pre-commit hook passes it)
      --baseline <file>      Findings recorded in this baseline are suppressed; only new ones fail
      --write-baseline <file>  Record the current findings as the baseline in this file
      --catalog <file>       Add a framework catalog (YAML or JSON) that maps controls to rule ids (repeatable)
      --min-score <id>=<n>   Exit 1 when framework <id> scores below n, 0-100 (repeatable)
      --max-warnings <n>     Exit 1 when there are more than n warnings (unsuppressed)
      --plugin <name|path>   Load a rule package (an npm package name or a file), as config "plugins" does (repeatable)
      --changed-since <ref>  Report only the findings the files changed since this git ref bring
      --shard <i>/<n>        Lint only the i-th of n shares of the files; combine with "kubecomply merge"
      --kustomize <dir>      Lint the output of "kubectl kustomize <dir>" (repeatable)
      --jobs <n>             Lint with n threads, or "auto" (default: one thread per two idle cores,
                             up to 4, and one thread for inputs under 16 MB per thread); the output is the same
      --print-config <file>  Print the configuration that applies to this file, and exit
      --chart <dir>          Chart source of Helm-rendered input (repeatable; default: charts found
                             under the linted paths and the working directory)
      --helm-values <file>   Values file the Helm output was rendered with (repeatable, in helm's
                             order); <rendered>=<values> ties it to one rendered file
      --no-helm-merge        Keep one finding per render when several renders of a chart share a
                             template line (default: merged)
      --show-suppressed      List suppressed findings, not only their count (stylish)
      --path-base <dir>      Report file paths relative to this directory (default: the
                             repository root for sarif, github, markdown and html, so they
                             name files of the repository; the working directory otherwise)
  -q, --quiet                Print only findings at or above the --fail-on level
      --color, --no-color    Force colours on or off (default: on a terminal, unless NO_COLOR is set)
      --debug                Print stack traces for internal errors
      --force                With init: overwrite an existing .kubecomply.yaml
      --cde                  With reach: only workloads of the PCI DSS cardholder data environment
      --namespace <ns>       With reach: only workloads of this namespace (repeatable)
      --selector <labels>    With reach: only pods with these labels (app=web,tier!=db,key,!key)
  -v, --version              Print the version
  -h, --help                 Print this help

Configuration: .kubecomply.yaml (or .yml, .json) in the working directory or
the nearest parent that has one; "kubecomply init" writes a commented one.
Flags override it. Suppressed findings (by an ignore.kubecomply.io/<rule-id>
annotation, the config, or --baseline) never fail a run. KUBECOMPLY_NOW=YYYY-MM-DD
sets the date suppression expiries are compared with.

"kubecomply report" prints the compliance report: per framework its score
(passed / (passed + failed) automated controls x 100) and every control's
status; it exits 1 only for a --min-score (or minScore) not met, or with an
explicit --fail-on. SOURCE_DATE_EPOCH puts a generation time in reports.

"kubecomply merge" combines the JSON reports of every --shard of one run
into the report (in any format) and exit code the unsharded run would give;
--baseline, --write-baseline and the config's failOn and minScore apply there.

Exit codes: 0 no findings at the fail level, 1 findings at or above it or a
score below its minimum, 2 usage, configuration or internal error.
`;

export interface CliArgs {
  command: 'lint' | 'report' | 'rules' | 'init' | 'merge' | 'reach' | 'help' | 'version';
  paths: string[];
  format: string;
  output: string | undefined;
  frameworks: string[];
  kubeVersion: string | undefined;
  level: number | undefined;
  rules: string[];
  disable: string[];
  /** Absent when not given, so the config's failOn applies. */
  failOn: FailLevel | undefined;
  quiet: boolean;
  color: boolean | undefined;
  debug: boolean;
  config: string | undefined;
  noConfig: boolean;
  followSymlinks: boolean;
  /** Files named on the command line that the config ignores are left out too (pre-commit names every staged file). */
  skipIgnored: boolean;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  showSuppressed: boolean;
  force: boolean;
  /** --catalog files. */
  catalogs: string[];
  /** --min-score values as given, `<framework>=<score>`; commands/report.ts reads them. */
  minScores: string[];
  /** --plugin values as given. */
  plugins: string[];
  changedSince: string | undefined;
  shard: Shard | undefined;
  /** --kustomize directories. */
  kustomize: string[];
  maxWarnings: number | undefined;
  /** --jobs: threads, or 'auto'. */
  jobs: number | 'auto';
  printConfig: string | undefined;
  /** --path-base: the directory report paths are relative to. */
  pathBase: string | undefined;
  /** --chart folders: where the charts of Helm-rendered input are. */
  charts: string[];
  /** --helm-values as given: `<values>` or `<rendered>=<values>`. */
  helmValues: string[];
  /** false with --no-helm-merge. */
  helmMerge: boolean;
  /** reach: --cde, --namespace, --selector. */
  cde: boolean;
  namespaces: string[];
  selector: string | undefined;
}

/** `--shard 2/4`: the second of four shares (index is 1-based). */
export interface Shard {
  index: number;
  count: number;
}

const COMMANDS = ['lint', 'report', 'rules', 'init', 'merge', 'reach'] as const;

export type FailLevel = 'error' | 'warning' | 'info' | 'none';

const FAIL_LEVELS = ['error', 'warning', 'info', 'none'] as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  // ESLint's `--max-warnings -1` (no limit): node's parser would read -1 as a flag.
  const args = argv.flatMap((arg, i) =>
    arg === '--max-warnings' && argv[i + 1] === '-1' ? [] : argv[i - 1] === '--max-warnings' && arg === '-1' ? ['--max-warnings=-1'] : [arg],
  );
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        framework: { type: 'string', multiple: true },
        'kube-version': { type: 'string' },
        level: { type: 'string' },
        rule: { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        debug: { type: 'boolean' },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        'follow-symlinks': { type: 'boolean' },
        'skip-ignored': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'show-suppressed': { type: 'boolean' },
        force: { type: 'boolean' },
        catalog: { type: 'string', multiple: true },
        'min-score': { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string' },
        plugin: { type: 'string', multiple: true },
        'changed-since': { type: 'string' },
        shard: { type: 'string' },
        kustomize: { type: 'string', multiple: true },
        'print-config': { type: 'string' },
        'path-base': { type: 'string' },
        chart: { type: 'string', multiple: true },
        'helm-values': { type: 'string', multiple: true },
        'no-helm-merge': { type: 'boolean' },
        cde: { type: 'boolean' },
        namespace: { type: 'string', multiple: true },
        selector: { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(withSuggestion((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.').split('\n')[0] as string));
  }
  const { values, positionals } = parsed;
  let command: CliArgs['command'] = 'lint';
  const paths = [...positionals];
  if ((COMMANDS as readonly string[]).includes(paths[0] as string)) command = paths.shift() as (typeof COMMANDS)[number];
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  const printConfig = values['print-config'];
  const kustomize = values.kustomize ?? [];

  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')}, not "${failOn}".`);
  }
  if (command !== 'reach' && (values.cde || values.namespace !== undefined || values.selector !== undefined)) {
    throw new UsageError('--cde, --namespace and --selector go with "kubecomply reach".');
  }
  if ((command === 'lint' || command === 'report' || command === 'reach') && paths.length === 0 && kustomize.length === 0 && printConfig === undefined) {
    throw new UsageError('No paths given. Name files, directories or globs to lint, or - for standard input.');
  }
  if (command === 'merge' && paths.length === 0)
    throw new UsageError('"kubecomply merge" needs the JSON reports of the shards (written with --shard i/n -f json).');
  if (command === 'rules' && paths.length > 0) {
    throw new UsageError(`"kubecomply rules" takes no paths (got "${paths[0]}").`);
  }
  if (command === 'init' && paths.length > 0) {
    throw new UsageError(`"kubecomply init" takes no paths (got "${paths[0]}"); run it in the directory the config is for.`);
  }
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  return {
    command,
    paths,
    format: values.format ?? 'stylish',
    output: values.output,
    frameworks: values.framework ?? [],
    kubeVersion: values['kube-version'],
    level: parseLevel(values.level),
    rules: values.rule ?? [],
    disable: values.disable ?? [],
    failOn: failOn as FailLevel | undefined,
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color,
    debug: values.debug ?? false,
    config: values.config,
    noConfig: values['no-config'] ?? false,
    followSymlinks: values['follow-symlinks'] ?? false,
    skipIgnored: values['skip-ignored'] ?? false,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    showSuppressed: values['show-suppressed'] ?? false,
    force: values.force ?? false,
    catalogs: values.catalog ?? [],
    minScores: values['min-score'] ?? [],
    plugins: values.plugin ?? [],
    changedSince: values['changed-since'],
    shard: parseShard(values.shard),
    kustomize,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    jobs: parseJobs(values.jobs),
    printConfig,
    pathBase: values['path-base'],
    charts: values.chart ?? [],
    helmValues: values['helm-values'] ?? [],
    helmMerge: !(values['no-helm-merge'] ?? false),
    cde: values.cde ?? false,
    namespaces: values.namespace ?? [],
    selector: values.selector,
  };
}

function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must look like <i>/<n> with 1 <= i <= n, e.g. 2/4, not "${value}".`);
  }
  return { index, count };
}

function parseJobs(value: string | undefined): number | 'auto' {
  if (value === undefined || value.trim() === 'auto') return 'auto';
  if (!/^\d{1,3}$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--jobs must be a whole number of threads from 1, or auto, not "${value}".`);
  return Number(value.trim());
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // ESLint's convention: -1 means no limit.
  if (!/^(-1|\d{1,9})$/.test(value.trim())) throw new UsageError(`--max-warnings must be a whole number (or -1 for no limit), not "${value}".`);
  const n = Number(value.trim());
  return n < 0 ? undefined : n;
}

/** Every long option, for "did you mean" on a mistyped one. */
const LONG_OPTIONS = [
  'format',
  'output',
  'framework',
  'kube-version',
  'level',
  'rule',
  'disable',
  'fail-on',
  'quiet',
  'color',
  'no-color',
  'debug',
  'config',
  'no-config',
  'baseline',
  'write-baseline',
  'show-suppressed',
  'force',
  'catalog',
  'min-score',
  'max-warnings',
  'jobs',
  'plugin',
  'changed-since',
  'shard',
  'kustomize',
  'print-config',
  'path-base',
  'chart',
  'helm-values',
  'no-helm-merge',
  'cde',
  'namespace',
  'selector',
  'follow-symlinks',
  'skip-ignored',
  'version',
  'help',
];

/** Adds the nearest known option to node's "Unknown option '--x'" message. */
function withSuggestion(message: string): string {
  const m = /^Unknown option '--([^']*)'/.exec(message);
  if (!m) return message;
  const suggestion = nearest(m[1] as string, LONG_OPTIONS);
  return suggestion ? `${message.replace(/\.$/, '')}; did you mean --${suggestion}?` : message;
}

/** "; did you mean "x"?" for an id that is not among the known ones, or "". */
export function didYouMean(id: string, known: Iterable<string>): string {
  const suggestion = nearest(id, known);
  return suggestion ? `; did you mean "${suggestion}"?` : '';
}

function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[12]$/.test(value)) throw new UsageError(`--level must be 1 or 2, not "${value}".`);
  return Number(value);
}
