import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../base/errors.js';
import { formatKubeVersion } from '../base/kube-version.js';
import type { SeveritySetting } from '../base/types.js';
import { displayPath } from '../input/collect.js';
import { ignoreMatcher } from '../config/ignore.js';
import { fileMatcher } from '../config/match.js';
import type { ConfigSuppression, FailLevel, ResourceSelector } from '../config/types.js';
import { lint, type LintRequest } from './lint.js';

/** The settings a run applies to one file, as `--print-config` prints them. */
export interface FileConfig {
  /** The file, relative to the working directory. */
  file: string;
  /** The config file that applies, relative to the working directory, or null. */
  configFile: string | null;
  /** Whether the config's `ignore` leaves the file out. */
  ignored: boolean;
  frameworks: string[];
  kubernetesVersion: string;
  failOn: FailLevel;
  plugins: string[];
  /** Every rule that runs on the file, with its severity after `rules` and the `overrides` whose `files` match it. */
  rules: Record<string, SeveritySetting>;
  /** Overrides that match the file but also name resources: they apply per resource. */
  overridesByResource?: { resources: ResourceSelector[]; rules: Record<string, SeveritySetting> }[];
  /** Config suppressions whose `files` match the file (or that name none). */
  suppressions: Omit<ConfigSuppression, 'files'>[];
  allowedRegistries?: string[];
  /** Settings of rule packages, by key. */
  packageSettings?: Record<string, unknown>;
  minScore?: Record<string, number>;
}

/**
 * The settings that a lint with `request` applies to `file` (as ESLint's
 * calculateConfigForFile tells them): config file, ignore, frameworks,
 * Kubernetes version, fail level, and each rule's severity for that file.
 * Nothing is linted.
 */
export function configForFile(request: LintRequest, file: string): FileConfig {
  const cwd = path.resolve(request.cwd ?? process.cwd());
  const absolute = path.resolve(cwd, file);
  if (!existsSync(absolute)) throw new ConfigurationError(`No such file ${file}.`);
  const display = displayPath(absolute, cwd);
  const { paths: _paths, sources: _sources, shard: _shard, ...rest } = request;
  const outcome = lint({ ...rest, paths: [], sources: [], cwd });
  const loaded = outcome.config;
  const config = loaded?.config;
  const forced = new Set(request.rules ?? []);
  const severities: Record<string, SeveritySetting> = {};
  // The Linter runs a rule that `rules` turns off when an override turns it on somewhere; here only this file counts.
  for (const rule of outcome.rules) {
    const set = config?.rules?.[rule.id];
    severities[rule.id] = set !== undefined && !(set === 'off' && forced.has(rule.id)) ? set : rule.severity;
  }
  const inFiles = (globs: readonly string[] | undefined) =>
    !globs || globs.length === 0 || (loaded !== undefined && fileMatcher(globs, loaded.dir, cwd)(display));
  const byResource: NonNullable<FileConfig['overridesByResource']> = [];
  for (const override of config?.overrides ?? []) {
    if (!inFiles(override.files)) continue;
    if (override.resources && override.resources.length > 0) {
      byResource.push({ resources: override.resources, rules: override.rules });
      continue;
    }
    for (const [id, setting] of Object.entries(override.rules)) if (id in severities) severities[id] = setting;
  }
  for (const [id, setting] of Object.entries(severities)) if (setting === 'off') delete severities[id];
  const out: FileConfig = {
    file: display,
    configFile: loaded?.display ?? null,
    ignored: ignoreMatcher(loaded, cwd)?.(display) ?? false,
    frameworks: outcome.frameworks.map((f) => f.id),
    kubernetesVersion: formatKubeVersion(outcome.kubeVersion),
    failOn: outcome.failOn,
    plugins: request.plugins.map((p) => p.name),
    rules: Object.fromEntries(Object.entries(severities).sort(([a], [b]) => (a < b ? -1 : 1))),
    suppressions: (config?.suppressions ?? []).filter((s) => inFiles(s.files)).map(({ files: _files, ...kept }) => kept),
  };
  if (byResource.length > 0) out.overridesByResource = byResource;
  if (config?.allowedRegistries) out.allowedRegistries = config.allowedRegistries;
  if (config?.packageSettings) out.packageSettings = config.packageSettings;
  if (config?.minScore) out.minScore = config.minScore;
  return out;
}
