import path from 'node:path';
import { ConfigurationError } from '../base/errors.js';
import { compareKubeVersions, formatKubeVersion, LATEST_KUBE_VERSION, OLDEST_KUBE_VERSION, parseKubeVersion, type KubeVersion } from '../base/kube-version.js';
import { severityRank, type Finding, type Severity } from '../base/types.js';
import { loadCatalogPlugins } from '../engine/catalog-file.js';
import { Linter, type LintProgress } from '../engine/lint.js';
import type { Plugin } from '../engine/plugin.js';
import type { LintResult } from '../engine/result.js';
import { selectInputs } from '../config/ignore.js';
import { parseConfig, resolveConfig } from '../config/load.js';
import { lintOptionsFromConfig } from '../config/options.js';
import { configChecks, withChecks, type AjvLoader } from '../config/checks.js';
import { checkConfigReferences, knownIds } from '../config/references.js';
import type { FailLevel, LoadedConfig } from '../config/types.js';
import { UNSILENCEABLE_RULE_IDS } from '../engine/builtin.js';
import { displayPath } from '../input/collect.js';
import { applyBaseline, type Baseline } from '../policy/baseline.js';
import { GovernancePolicy } from '../policy/governance.js';
import { UnusedSuppressionPolicy, unusedConfigSuppressions } from '../policy/unused.js';
import { shardOwner, type Shard } from '../input/shard.js';
import { resolveToday } from '../policy/today.js';
import { HelmMapper, type HelmMapperOptions } from '../helm/map.js';
import { parallelRunOptions, type LintWorkerScript } from './parallel.js';

/** A text to lint as if read from a file: for tests, editors and generated manifests. */
export interface SourceText {
  /** Shown in findings; relative paths are kept as given. */
  file: string;
  text: string;
}

/** What `lint()` lints and how, as the command-line options say it. */
export interface LintRequest {
  /** Rule packages (and catalog plugins) to run. */
  plugins: readonly Plugin[];
  /** Files, directories, globs, or '-' for standard input. */
  paths?: readonly string[];
  /** Follow symbolic links out of the directories walked (never into /proc, /sys or /dev). Default false: such links are skipped and listed in `skipped`. */
  followSymlinks?: boolean;
  /**
   * Leave out files named in `paths` that the config's `ignore` matches, as
   * files found in directories are. Default false: a file named is always
   * linted. A pre-commit hook, which names every staged file, sets it.
   */
  skipIgnored?: boolean;
  /** Texts to lint as files, after `paths`. */
  sources?: readonly SourceText[];
  /** What relative paths, the config search and display paths start from. Default: process.cwd(). */
  cwd?: string;
  /**
   * The config: a file to read, `false` for none, or undefined to find the
   * nearest `.kubecomply.yaml` from `cwd` (as the command does); or the text
   * of one with the file name it is reported under.
   */
  config?: string | false | SourceText | undefined;
  /** Only rules and controls of these frameworks. Replaces the config's `frameworks`. */
  frameworks?: readonly string[];
  /** Narrows frameworks with profile levels (CIS Level 1) to this level. */
  level?: number;
  /** The Kubernetes version the manifests target, "1.30" or parsed. Replaces the config's `kubernetesVersion`. */
  kubeVersion?: string | KubeVersion;
  /** Only these rules (a rule the config turns off still runs). */
  rules?: readonly string[];
  /** Rules turned off, whatever the config says. */
  disable?: readonly string[];
  /** Catalog files (YAML or JSON) of frameworks of your own that point at the plugins' rules. */
  catalogs?: readonly string[];
  /** A baseline (`parseBaseline`) whose findings are reported as suppressed. */
  baseline?: Baseline;
  /** How the baseline is named in suppression reasons. Default: "in baseline". */
  baselineName?: string;
  /** Fail level; replaces the config's `failOn`. Default 'error'. */
  failOn?: FailLevel;
  /** Today's date for suppression expiries (tests, reproducible runs). Default: KUBECOMPLY_NOW, else the clock. */
  now?: Date | string;
  /** Reads standard input for '-'. Default: file descriptor 0, within the size limit. */
  readStdin?: (() => Uint8Array) | undefined;
  /** Called after each file is linted (files done of the total, resources so far), for a progress display. */
  onProgress?: ((progress: LintProgress) => void) | undefined;
  /**
   * Lint as one shard of several (`{ index: 2, count: 4 }`): every file is
   * read, so rules that relate resources see them all, but only this
   * shard's share of the files is reported on (see `shardOwner`). Config
   * suppressions are not judged unused here, since only the whole run can
   * tell; the command's `merge` does it.
   */
  shard?: Shard;
  /**
   * Helm charts and values files for mapping findings of rendered output to
   * template lines (docs/helm.md). Charts are also looked for under `paths`
   * and `cwd`; relative paths are from `cwd`. `false`: findings stay on the
   * rendered files.
   */
  helm?: HelmMapperOptions | false;
  /** Several renders of one chart: one finding per template line (default), or one per render (`false`). */
  helmMerge?: boolean;
  /** Loads ajv for the config's declarative checks; a bundle that inlines ajv passes one. Default: resolve the package. */
  loadAjv?: AjvLoader;
  /**
   * Threads to lint with (docs/performance.md): a number, or 'auto' for one
   * per two idle cores (at most 4), but one thread for inputs too small to
   * pay for a worker. Needs `worker`; the output is the same as with 1. Default 1.
   */
  jobs?: number | 'auto';
  /** The script worker threads run (see `serveLintWorker`), which loads the same `plugins`. */
  worker?: LintWorkerScript;
}

/** The result of `lint()`: the findings and what was read, plus the config that applied, paths that matched nothing and the fail level. */
export interface LintOutcome extends LintResult {
  /** The config that applied, if any. */
  config?: LoadedConfig;
  /** Globs given that matched nothing (a path that names nothing, or cannot be read, is a parse-error finding). */
  missing: string[];
  /** Warnings about the run that are not findings: an ignore list that leaves out every file. */
  warnings: string[];
  /** The fail level in force. */
  failOn: FailLevel;
  /** Findings that are not suppressed and reach the fail level. */
  failing: number;
}

function kubeVersionOf(value: string | KubeVersion | undefined): KubeVersion | undefined {
  if (value === undefined || typeof value === 'object') return value;
  const parsed = parseKubeVersion(value);
  if (!parsed) throw new ConfigurationError(`The Kubernetes version must look like 1.30, not "${value}".`);
  if (compareKubeVersions(parsed, OLDEST_KUBE_VERSION) < 0 || compareKubeVersions(parsed, { major: 1, minor: 99 }) > 0) {
    throw new ConfigurationError(
      `Kubernetes version ${value} is outside the supported range ${formatKubeVersion(OLDEST_KUBE_VERSION)} to ${formatKubeVersion(LATEST_KUBE_VERSION)}+.`,
    );
  }
  return parsed;
}

function loadConfig(request: LintRequest, cwd: string, plugins: readonly Plugin[]): LoadedConfig | undefined {
  const settings = plugins.flatMap((p) => p.settings ?? []);
  const given = request.config;
  if (given === false) return undefined;
  if (typeof given === 'object') return parseConfig(given.text, { file: path.resolve(cwd, given.file), cwd, settings });
  return resolveConfig({ cwd, settings, ...(given !== undefined ? { file: given } : {}) });
}

/** The mapper for a run: the given charts and values, and charts under the linted paths and `cwd`. */
function helmMapper(options: HelmMapperOptions, paths: readonly string[], cwd: string): HelmMapper {
  const here = (p: string) => path.resolve(cwd, p);
  const roots = paths.filter((p) => p !== '-' && !/[*?[{]/.test(p)).map(here);
  return new HelmMapper({
    charts: (options.charts ?? []).map(here),
    roots: [...(options.roots ?? []).map(here), ...roots, cwd],
    values: (options.values ?? []).map((v) => ({ file: here(v.file), ...(v.rendered ? { rendered: v.rendered.map(here) } : {}) })),
  });
}

/** Whether a finding makes a run fail at `failOn`. */
export function failsAt(finding: Pick<Finding, 'severity' | 'suppression'> & { ruleId?: string }, failOn: FailLevel): boolean {
  // A rule that failed leaves its resource unchecked: the run cannot pass, whatever the level.
  if (finding.ruleId !== undefined && UNSILENCEABLE_RULE_IDS.has(finding.ruleId) && !finding.suppression) return true;
  return failOn !== 'none' && !finding.suppression && severityRank(finding.severity) >= severityRank(failOn as Severity);
}

const STRING_LISTS = ['paths', 'frameworks', 'rules', 'disable', 'catalogs'] as const;
const FAIL_LEVELS: ReadonlySet<unknown> = new Set(['error', 'warning', 'info', 'none']);

/** Wrong types are a caller's mistake, named in a TypeError before anything is read: lint({ paths: 'a.yaml' }) must not walk 'a', '.', 'y'... */
function checkRequest(request: LintRequest): void {
  for (const key of STRING_LISTS) {
    const value: unknown = request[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((p) => typeof p !== 'string'))) {
      const hint = typeof value === 'string' ? ` (["${value.slice(0, 40)}"], not "${value.slice(0, 40)}")` : '';
      throw new TypeError(`lint(): \`${key}\` must be an array of strings${hint}.`);
    }
  }
  if (request.cwd !== undefined && typeof request.cwd !== 'string') throw new TypeError('lint(): `cwd` must be a string (a directory).');
  const sources: unknown = request.sources;
  if (sources !== undefined && (!Array.isArray(sources) || sources.some((t) => typeof t?.file !== 'string' || typeof t?.text !== 'string'))) {
    throw new TypeError('lint(): `sources` must be an array of { file: string, text: string }.');
  }
  if (request.failOn !== undefined && !FAIL_LEVELS.has(request.failOn)) throw new TypeError('lint(): `failOn` must be one of error, warning, info, none.');
  if (
    request.kubeVersion !== undefined &&
    typeof request.kubeVersion !== 'string' &&
    (request.kubeVersion === null || typeof request.kubeVersion !== 'object')
  ) {
    throw new TypeError('lint(): `kubeVersion` must be a string such as "1.30".');
  }
}

/**
 * Lints as the command does: finds and applies the config (severities,
 * ignores, overrides, suppressions with their governance), honours
 * `ignore.kubecomply.io/<rule>` annotations, adds catalogs, applies a
 * baseline, and says how many findings reach the fail level. Throws
 * ConfigurationError (or ConfigError, with file and line) for a request or
 * config that cannot be used; problems in the manifests are findings.
 */
export function lint(request: LintRequest): LintOutcome {
  if (request === null || typeof request !== 'object') throw new TypeError('lint() takes an options object: lint({ plugins, paths }).');
  if (!Array.isArray(request.plugins)) throw new TypeError('lint(): `plugins` must be an array of rule packages.');
  checkRequest(request);
  const cwd = path.resolve(request.cwd ?? process.cwd());
  const packages =
    request.catalogs && request.catalogs.length > 0 ? [...request.plugins, ...loadCatalogPlugins(request.catalogs, request.plugins, { cwd })] : request.plugins;
  const config = loadConfig(request, cwd, packages);
  // The config's declarative checks become rules of their own, and their controls join the catalogs.
  const plugins = withChecks(packages, configChecks(config, cwd), cwd, request.loadAjv);
  const known = knownIds(plugins);
  if (config) checkConfigReferences(config, known);
  const rules = request.rules ?? [];
  const fromConfig = lintOptionsFromConfig(config, { forceOn: rules });
  // Suppressions that suppress nothing are reported (unused-suppression), as ESLint reports unused disable directives.
  const governance = new GovernancePolicy({
    ...(config ? { config } : {}),
    frameworks: plugins.flatMap((p) => p.frameworks),
    cwd,
    knownRules: known.rules,
    forceOn: rules,
    ...(request.now !== undefined ? { today: resolveToday(request.now) } : {}),
  });
  const policy = new UnusedSuppressionPolicy(governance);
  const frameworks = request.frameworks && request.frameworks.length > 0 ? request.frameworks : fromConfig.frameworks;
  const kubeVersion = kubeVersionOf(request.kubeVersion) ?? fromConfig.kubeVersion;
  const linter = new Linter({
    plugins,
    rules,
    disable: request.disable ?? [],
    cwd,
    followSymlinks: request.followSymlinks === true,
    policy,
    ...(frameworks ? { frameworks } : {}),
    ...(kubeVersion ? { kubeVersion } : {}),
    ...(request.level !== undefined ? { level: request.level } : {}),
    ...(fromConfig.severities ? { severities: fromConfig.severities } : {}),
    ...(fromConfig.allowedRegistries ? { allowedRegistries: fromConfig.allowedRegistries } : {}),
    ...(fromConfig.settings ? { settings: fromConfig.settings } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.helm === false ? {} : { helm: helmMapper(request.helm ?? {}, request.paths ?? [], cwd) }),
    ...(request.helmMerge !== undefined ? { helmMerge: request.helmMerge } : {}),
    ...(fromConfig.lookupPaths ? { lookupPaths: fromConfig.lookupPaths } : {}),
  });

  const selected = selectInputs(request.paths ?? [], cwd, config, { followSymlinks: request.followSymlinks === true, lintNamed: request.skipIgnored !== true });
  const sources = request.sources ?? [];
  const inputs = sources.length > 0 && (request.paths ?? []).length === 0 ? [] : selected.inputs;
  const owns = request.shard ? shardOwner(request.shard, inputs, cwd, sources) : undefined;
  const result = linter.lintInputs(inputs, sources, request.readStdin, { ...(owns ? { owns } : {}), ...parallelRunOptions(request) });
  const missing = [...new Set([...selected.missing, ...(result.missing ?? [])])];
  if (selected.skipped) result.skipped = [...selected.skipped.map((e) => ({ file: e.display, reason: e.reason })), ...result.skipped];
  let finished = policy.finish(result);
  if (!request.shard) finished = unusedConfigSuppressions(finished, config, cwd, governance);
  if (request.baseline) finished = applyBaseline(finished, request.baseline, request.baselineName ?? 'in baseline', (f) => governance.allowsBaseline(f));
  const failOn = request.failOn ?? config?.config.failOn ?? 'error';
  const { missing: _ignored, ...rest } = finished as LintResult & { missing?: string[] };
  void _ignored;
  return {
    ...rest,
    ...(config ? { config, configFile: displayPath(config.file, cwd) } : {}),
    missing,
    warnings: selected.warnings,
    failOn,
    failing: finished.findings.filter((f) => failsAt(f, failOn)).length,
  };
}
