import { parseArgs } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `Usage: kubecomply [lint] [options] <paths...>
       kubecomply rules [--format stylish|json] [--framework <id>]

Lints Kubernetes manifests (YAML or JSON files, directories, globs, or - for
standard input) against compliance frameworks, offline.

Options:
  -f, --format <name>        Output format: stylish (default) or json
  -o, --output <file>        Write the report to a file instead of standard output
      --framework <id>       Only rules and controls of this framework (repeatable)
      --kube-version <x.y>   Kubernetes version the manifests target (default: latest known)
      --rule <id>            Run only this rule (repeatable)
      --disable <id>         Turn a rule off (repeatable)
      --fail-on <level>      Exit 1 on findings at or above: error (default), warning, info, none
  -q, --quiet                Print only findings at or above the --fail-on level
      --color, --no-color    Force colours on or off (default: on a terminal, unless NO_COLOR is set)
      --debug                Print stack traces for internal errors
  -v, --version              Print the version
  -h, --help                 Print this help

Exit codes: 0 no findings at the fail level, 1 findings at or above it,
2 usage, configuration or internal error.
`;

export interface CliArgs {
  command: 'lint' | 'rules' | 'help' | 'version';
  paths: string[];
  format: string;
  output: string | undefined;
  frameworks: string[];
  kubeVersion: string | undefined;
  rules: string[];
  disable: string[];
  failOn: 'error' | 'warning' | 'info' | 'none';
  quiet: boolean;
  color: boolean | undefined;
  debug: boolean;
}

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
        rule: { type: 'string', multiple: true },
        disable: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        debug: { type: 'boolean' },
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
  if (paths[0] === 'lint' || paths[0] === 'rules') command = paths.shift() as 'lint' | 'rules';
  if (values.help) command = 'help';
  else if (values.version) command = 'version';

  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_LEVELS as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_LEVELS.join(', ')}, not "${failOn}".`);
  }
  if (command === 'lint' && paths.length === 0) {
    throw new UsageError('No paths given. Name files, directories or globs to lint, or - for standard input.');
  }
  if (command === 'rules' && paths.length > 0) {
    throw new UsageError(`"kubecomply rules" takes no paths (got "${paths[0]}").`);
  }
  return {
    command,
    paths,
    format: values.format ?? 'stylish',
    output: values.output,
    frameworks: values.framework ?? [],
    kubeVersion: values['kube-version'],
    rules: values.rule ?? [],
    disable: values.disable ?? [],
    failOn: failOn as CliArgs['failOn'],
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color,
    debug: values.debug ?? false,
  };
}
