import { parseArgs } from 'node:util';

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
      --baseline <file>      Findings recorded in this baseline are suppressed; only new ones fail
      --write-baseline <file>  Record the current findings as the baseline in this file
      --catalog <file>       Add a framework catalog (YAML or JSON) that maps controls to rule ids (repeatable)
      --min-score <id>=<n>   Exit 1 when framework <id> scores below n, 0-100 (repeatable)
      --show-suppressed      List suppressed findings, not only their count (stylish)
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

Exit codes: 0 no findings at the fail level, 1 findings at or above it or a
score below its minimum, 2 usage, configuration or internal error.
`;

export interface CliArgs {
  command: 'lint' | 'report' | 'rules' | 'init' | 'reach' | 'help' | 'version';
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
  baseline: string | undefined;
  writeBaseline: string | undefined;
  showSuppressed: boolean;
  force: boolean;
  /** --catalog files. */
  catalogs: string[];
  /** --min-score values as given, `<framework>=<score>`; commands/report.ts reads them. */
  minScores: string[];
  /** reach: --cde, --namespace, --selector. */
  cde: boolean;
  namespaces: string[];
  selector: string | undefined;
}

export type FailLevel = 'error' | 'warning' | 'info' | 'none';

const FAIL_LEVELS = ['error', 'warning', 'info', 'none'] as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
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
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'show-suppressed': { type: 'boolean' },
        force: { type: 'boolean' },
        catalog: { type: 'string', multiple: true },
        'min-score': { type: 'string', multiple: true },
        cde: { type: 'boolean' },
        namespace: { type: 'string', multiple: true },
        selector: { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const { values, positionals } = parsed;
  let command: CliArgs['command'] = 'lint';
  const paths = [...positionals];
  if (paths[0] === 'lint' || paths[0] === 'report' || paths[0] === 'rules' || paths[0] === 'init' || paths[0] === 'reach') {
    command = paths.shift() as 'lint' | 'report' | 'rules' | 'init' | 'reach';
  }
  if (values.help) command = 'help';
  else if (values.version) command = 'version';

  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_LEVELS as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')}, not "${failOn}".`);
  }
  if (command !== 'reach' && (values.cde || values.namespace !== undefined || values.selector !== undefined)) {
    throw new UsageError('--cde, --namespace and --selector go with "kubecomply reach".');
  }
  if ((command === 'lint' || command === 'report' || command === 'reach') && paths.length === 0) {
    throw new UsageError('No paths given. Name files, directories or globs to lint, or - for standard input.');
  }
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
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    showSuppressed: values['show-suppressed'] ?? false,
    force: values.force ?? false,
    catalogs: values.catalog ?? [],
    minScores: values['min-score'] ?? [],
    cde: values.cde ?? false,
    namespaces: values.namespace ?? [],
    selector: values.selector,
  };
}

function parseLevel(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[12]$/.test(value)) throw new UsageError(`--level must be 1 or 2, not "${value}".`);
  return Number(value);
}
