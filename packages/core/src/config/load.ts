import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../input/collect.js';
import { ConfigurationError } from '../engine/lint.js';
import { parsePositioned } from './positioned.js';
import type { SeveritySetting } from '../types.js';
import type { ConfigProblem, KubecomplyConfig, LoadedConfig } from './types.js';
import { checkConfigValue } from './validate.js';

/** Names a config file may have, in the order they are looked for in each directory. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.kubecomply.yaml', '.kubecomply.yml', '.kubecomply.json'];

/** A config file that is not valid: every problem found, each with its file, line and column. */
export class ConfigError extends ConfigurationError {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

/** `.kubecomply.yaml:4:3: unknown key "rulez"; did you mean "rules"?` */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/**
 * The config file that applies to `startDir`: the first directory, walking
 * up from it to the root, that holds one of CONFIG_FILE_NAMES. Two config
 * files in one directory are an error, since only one could be meant.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const present = CONFIG_FILE_NAMES.filter((name) => isFile(path.join(dir, name)));
    if (present.length > 1) {
      throw new ConfigurationError(`${present.join(' and ')} both exist in ${dir}; keep one of them.`);
    }
    if (present.length === 1) return path.join(dir, present[0] as string);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface ParseConfigOptions {
  /** Absolute path of the file; relative `files` and `ignore` globs are relative to its directory. */
  file: string;
  /** Directory that messages show the file relative to. Default: process.cwd(). */
  cwd?: string;
}

function normalize(value: Record<string, unknown>): KubecomplyConfig {
  // YAML 1.1 reads a bare `off` as false; the schema accepts that spelling.
  const severities = (map: Record<string, SeveritySetting | false>): Record<string, SeveritySetting> =>
    Object.fromEntries(Object.entries(map).map(([id, s]) => [id, s === false ? 'off' : s]));
  const labels = (map: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)]));
  const config = structuredClone(value) as KubecomplyConfig & { $schema?: string };
  delete config.$schema;
  if (config.rules) config.rules = severities(config.rules);
  for (const override of config.overrides ?? []) override.rules = severities(override.rules);
  const scope = config.pci?.scope;
  if (scope?.namespaceLabels) scope.namespaceLabels = labels(scope.namespaceLabels);
  if (scope?.workloadLabels) scope.workloadLabels = labels(scope.workloadLabels);
  return config;
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
  checkConfigValue(value, (p, message) => problems.push(atPath(p, message)));
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
  return {
    file,
    display,
    dir: path.dirname(file),
    config: normalize(value as Record<string, unknown>),
    problemAt: atPath,
  };
}

/** Reads, parses and validates a config file. */
export function loadConfigFile(file: string, options: { cwd?: string } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new ConfigurationError(`Cannot read config file ${displayPath(absolute, cwd)}: ${reason}.`);
  }
  return parseConfig(text, { file: absolute, cwd });
}

export interface ResolveConfigOptions {
  /** Where discovery starts and what messages are relative to. Default: process.cwd(). */
  cwd?: string;
  /** An explicit file (--config); no discovery then. */
  file?: string;
}

/** The config for a run: the explicit file, else the nearest one found walking up from `cwd`, else undefined. */
export function resolveConfig(options: ResolveConfigOptions = {}): LoadedConfig | undefined {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file !== undefined ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  return file === undefined ? undefined : loadConfigFile(file, { cwd });
}
