import path from 'node:path';
import type { LintOptions } from '../engine/lint.js';
import { parseKubeVersion } from '../base/kube-version.js';
import type { SeveritySetting } from '../base/types.js';
import type { LoadedConfig } from './types.js';

/**
 * The Linter options a config sets: frameworks, Kubernetes version, rule
 * severities, and the settings rules read (allowed registries, the rule packages' own). A rule that `rules` turns off but an `overrides` entry turns
 * back on must still run; GovernancePolicy then drops its findings outside
 * that entry. `forceOn` are rules asked for on the command line, which a
 * config `off` does not stop. Command-line values replace these.
 */
export function lintOptionsFromConfig(
  loaded: LoadedConfig | undefined,
  options: { forceOn?: readonly string[] } = {},
): Pick<LintOptions, 'frameworks' | 'kubeVersion' | 'severities' | 'allowedRegistries' | 'settings' | 'lookupPaths'> {
  const out: Pick<LintOptions, 'frameworks' | 'kubeVersion' | 'severities' | 'allowedRegistries' | 'settings' | 'lookupPaths'> = {};
  if (!loaded) return out;
  const { config } = loaded;
  if (config.frameworks && config.frameworks.length > 0) out.frameworks = config.frameworks;
  const version = config.kubernetesVersion === undefined ? undefined : parseKubeVersion(config.kubernetesVersion);
  if (version) out.kubeVersion = version;
  if (config.allowedRegistries) out.allowedRegistries = config.allowedRegistries;
  if (config.packageSettings) out.settings = config.packageSettings;
  if (config.crds && config.crds.length > 0) out.lookupPaths = config.crds.map((p) => path.resolve(loaded.dir, p));
  const forceOn = new Set(options.forceOn ?? []);
  const severities: Record<string, SeveritySetting> = {};
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (setting === 'off' && forceOn.has(id)) continue;
    severities[id] = setting;
  }
  for (const override of config.overrides ?? []) {
    for (const [id, setting] of Object.entries(override.rules)) {
      if (severities[id] === 'off' && setting !== 'off') severities[id] = setting;
    }
  }
  if (Object.keys(severities).length > 0) out.severities = severities;
  return out;
}
