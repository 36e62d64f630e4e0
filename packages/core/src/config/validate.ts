import { compareKubeVersions, formatKubeVersion, LATEST_KUBE_VERSION, OLDEST_KUBE_VERSION, parseKubeVersion } from '../base/kube-version.js';
import { isCalendarDate } from '../base/dates.js';
import { checkSchema as checkWith, show, type Reporter } from '../base/schema-problems.js';
import type { SchemaErrorObject } from '../base/schema-validator.js';
import type { PluginSetting } from '../engine/plugin.js';
import { OBJECT_KEYS, validate } from './validate.generated.js';

export { formatConfigPath, type Reporter } from '../base/schema-problems.js';

/** The config schema's patterns, in words. */
function configPatterns(error: SchemaErrorObject, value: unknown): string | undefined {
  if (error.schemaPath.endsWith('/kubernetesVersion/pattern')) return `must look like "1.30", not ${show(value)}`;
  if (error.schemaPath.endsWith('/expires/pattern')) return `must be a date written YYYY-MM-DD, not ${show(value)}`;
  if (error.schemaPath === '#/definitions/id/pattern') return `must be an id in lower case with dashes (e.g. host-pid), not ${show(value)}`;
  return undefined;
}

const checkSchema: typeof checkWith = (validator, objectKeys, value, base, report) => checkWith(validator, objectKeys, value, base, report, configPatterns);

/**
 * Checks a parsed config against the published schema, the keys that rule
 * packages declare (`settings`) against theirs, then what a schema cannot
 * say (real dates, known versions).
 */
export function checkConfigValue(value: unknown, report: Reporter, settings: readonly PluginSetting[] = []): void {
  let own = value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && settings.length > 0) {
    const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const setting of settings) delete rest[setting.key];
    own = rest;
  }
  // Unknown top-level keys are matched against the packages' keys too.
  const keys = settings.length === 0 ? OBJECT_KEYS : { ...OBJECT_KEYS, '#': [...(OBJECT_KEYS['#'] ?? []), ...settings.map((s) => s.key)] };
  let valid = true;
  for (const setting of settings) {
    if (own === value || !Object.hasOwn(value as object, setting.key)) continue;
    valid = checkSchema(setting.validate, setting.objectKeys, (value as Record<string, unknown>)[setting.key], [setting.key], report) && valid;
  }
  if (!checkSchema(validate, keys, own, [], report) || !valid) return;
  const config = value as Record<string, unknown>;
  const version = config['kubernetesVersion'];
  if (typeof version === 'string') {
    const parsed = parseKubeVersion(version);
    if (parsed && (compareKubeVersions(parsed, OLDEST_KUBE_VERSION) < 0 || compareKubeVersions(parsed, { major: 1, minor: 99 }) > 0)) {
      report(
        ['kubernetesVersion'],
        `kubernetesVersion ${version} is outside the supported range ${formatKubeVersion(OLDEST_KUBE_VERSION)} to ${formatKubeVersion(LATEST_KUBE_VERSION)}+`,
      );
    }
  }
  const suppressions = config['suppressions'];
  if (Array.isArray(suppressions)) {
    suppressions.forEach((entry: { expires?: string }, i) => {
      if (entry.expires !== undefined && !isCalendarDate(entry.expires)) {
        report(['suppressions', i, 'expires'], `suppressions[${i}].expires is not a real date: ${JSON.stringify(entry.expires)}`);
      }
    });
  }
}
