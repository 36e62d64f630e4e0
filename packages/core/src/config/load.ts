import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../input/collect.js';
import { describeReadError, readRegularTextFile } from '../input/read.js';
import { ConfigurationError } from '../base/errors.js';
import { parsePositioned } from '../parse/positioned.js';
import type { JsonPath, SeveritySetting } from '../base/types.js';
import { excerpt } from '../base/excerpt.js';
import { formatConfigProblem, type ConfigProblem } from '../base/problem.js';
import type { KubecomplyConfig, LoadedConfig } from './types.js';
import { checkConfigValue } from './validate.js';
import { globProblem } from './glob.js';
import type { PluginSetting } from '../engine/plugin.js';

/** Names a config file may have, in the order they are looked for in each directory. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.kubecomply.yaml', '.kubecomply.yml', '.kubecomply.json'];

/** A config file that is not valid: every problem found, each with its file, line and column. */
export class ConfigError extends ConfigurationError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Refuses a config file found by discovery that someone else could have put
 * there: one owned by another user (root's files excepted), or writable by
 * its group or by others. Such a file could turn every check off.
 */
function checkOwnership(file: string): void {
  const uid = process.getuid?.();
  if (uid === undefined) return;
  const st = statSync(file);
  if (st.uid !== uid && st.uid !== 0) {
    throw new ConfigurationError(
      `Refusing config file ${file}: it belongs to user id ${st.uid}, not to you (${uid}); pass --config ${file} to use it anyway, or --no-config.`,
    );
  }
  if ((st.mode & 0o022) !== 0) {
    throw new ConfigurationError(
      `Refusing config file ${file}: others can write to it (mode ${(st.mode & 0o777).toString(8)}); run chmod go-w on it, or pass --config to use it anyway.`,
    );
  }
}

/**
 * The config file that applies to `startDir`: the first directory, walking
 * up from it, that holds one of CONFIG_FILE_NAMES. The walk stops at the
 * repository root (the first directory that holds `.git`): a config above
 * the repository is not the repository's. Two config files in one directory
 * are an error, since only one could be meant; a file found that another
 * user owns, or that others may write, is refused (ConfigurationError).
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const present = CONFIG_FILE_NAMES.filter((name) => isFile(path.join(dir, name)));
    if (present.length > 1) {
      throw new ConfigurationError(`${present.join(' and ')} both exist in ${dir}; keep one of them.`);
    }
    if (present.length === 1) {
      const file = path.join(dir, present[0] as string);
      checkOwnership(file);
      return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir || exists(path.join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

/** Where a config text came from, and the settings keys rule packages declare. */
export interface ParseConfigOptions {
  /** Absolute path of the file; relative `files` and `ignore` globs are relative to its directory. */
  file: string;
  /** Directory that messages show the file relative to. Default: process.cwd(). */
  cwd?: string;
  /** Top-level keys that rule packages declare (`Plugin.settings`), checked with their validators. */
  settings?: readonly PluginSetting[];
}

function normalize(value: Record<string, unknown>, settings: readonly PluginSetting[]): KubecomplyConfig {
  // YAML 1.1 reads a bare `off` as false; the schema accepts that spelling.
  const severities = (map: Record<string, SeveritySetting | false>): Record<string, SeveritySetting> =>
    Object.fromEntries(Object.entries(map).map(([id, s]) => [id, s === false ? 'off' : s]));
  const config = structuredClone(value) as KubecomplyConfig & { $schema?: string };
  delete config.$schema;
  if (config.rules) config.rules = severities(config.rules);
  for (const override of config.overrides ?? []) override.rules = severities(override.rules);
  for (const setting of settings) {
    if (!Object.hasOwn(config, setting.key)) continue;
    (config.packageSettings ??= {})[setting.key] = (config as Record<string, unknown>)[setting.key];
    delete (config as Record<string, unknown>)[setting.key];
  }
  return config;
}

/**
 * Every glob of a (schema-valid) config compiled once, so that a pattern past
 * the matcher's limits (config/glob.ts) is a config error at its own line,
 * not a slow run: `ignore`, the `files` and `resources` of overrides and
 * suppressions, and what checks match on.
 */
function checkPatterns(value: unknown, report: (path: JsonPath, message: string) => void): void {
  const config = value as Record<string, unknown>;
  const check = (pattern: unknown, at: JsonPath, strip = false) => {
    if (typeof pattern !== 'string') return;
    const body = strip ? pattern.replace(/^!/, '').replace(/\/$/, '').replace(/^\.\//, '') : pattern;
    const problem = globProblem(body);
    if (problem !== undefined) report(at, `cannot use the pattern "${excerpt(pattern, 60)}": ${problem}`);
  };
  const list = (items: unknown, at: JsonPath, strip = false) => {
    if (Array.isArray(items)) items.forEach((item, i) => check(item, [...at, i], strip));
  };
  const selectors = (items: unknown, at: JsonPath) => {
    if (!Array.isArray(items)) return;
    items.forEach((selector, i) => {
      for (const key of ['kind', 'namespace', 'name']) check((selector as Record<string, unknown> | null)?.[key], [...at, i, key]);
    });
  };
  list(config['ignore'], ['ignore'], true);
  for (const key of ['overrides', 'suppressions']) {
    const entries = config[key];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: Record<string, unknown>, i) => {
      list(entry?.['files'], [key, i, 'files'], true);
      selectors(entry?.['resources'], [key, i, 'resources']);
    });
  }
  const checks = config['checks'];
  if (Array.isArray(checks)) {
    checks.forEach((c: { match?: Record<string, unknown> } | null, i) => {
      const match = c?.match;
      if (!match) return;
      for (const key of ['kinds', 'apiVersions', 'namespaces', 'names']) list(match[key], ['checks', i, 'match', key]);
      list(match['files'], ['checks', i, 'match', 'files'], true);
      const labels = match['labels'];
      if (labels !== null && typeof labels === 'object') {
        for (const [k, v] of Object.entries(labels)) check(String(v), ['checks', i, 'match', 'labels', k]);
      }
    });
  }
}

/** Parses and validates the text of a config file; throws ConfigError naming every problem with its line. */
export function parseConfig(text: string, options: ParseConfigOptions): LoadedConfig {
  const file = path.resolve(options.file);
  const display = displayPath(file, options.cwd ?? process.cwd());
  const parsed = parsePositioned(text, display);
  if ('syntax' in parsed) throw new ConfigError([parsed.syntax]);
  const { doc, atPath } = parsed;
  const problems: ConfigProblem[] = parsed.duplicates;
  const value = doc.value ?? {};
  checkConfigValue(value, (p, message) => problems.push(atPath(p, message)), options.settings);
  if (problems.length === 0) checkPatterns(value, (p, message) => problems.push(atPath(p, message)));
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
  return {
    file,
    display,
    dir: path.dirname(file),
    config: normalize(value as Record<string, unknown>, options.settings ?? []),
    problemAt: atPath,
  };
}

/** Reads, parses and validates a config file. */
export function loadConfigFile(file: string, options: { cwd?: string; settings?: readonly PluginSetting[] } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readRegularTextFile(absolute);
  } catch (err) {
    throw new ConfigurationError(`Cannot read config file ${displayPath(absolute, cwd)}: ${describeReadError(err)}.`);
  }
  return parseConfig(text, { file: absolute, cwd, ...(options.settings ? { settings: options.settings } : {}) });
}

/** Where config discovery starts, an explicit file, and the settings keys rule packages declare. */
export interface ResolveConfigOptions {
  /** Where discovery starts and what messages are relative to. Default: process.cwd(). */
  cwd?: string;
  /** An explicit file (--config); no discovery then. */
  file?: string;
  /** Top-level keys that rule packages declare (`Plugin.settings`). */
  settings?: readonly PluginSetting[];
}

/** The config for a run: the explicit file, else the nearest one found walking up from `cwd`, else undefined. */
export function resolveConfig(options: ResolveConfigOptions = {}): LoadedConfig | undefined {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file !== undefined ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  return file === undefined ? undefined : loadConfigFile(file, { cwd, ...(options.settings ? { settings: options.settings } : {}) });
}
