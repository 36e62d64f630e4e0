import type { JsonPath, PathSegment } from '../base/types.js';
import { compareKubeVersions, formatKubeVersion, LATEST_KUBE_VERSION, OLDEST_KUBE_VERSION, parseKubeVersion } from '../base/kube-version.js';
import { isCalendarDate } from '../base/dates.js';
import { nearest } from '../base/nearest.js';
import type { SchemaErrorObject, SchemaObjectKeys, SchemaValidator } from '../base/schema-validator.js';
import type { PluginSetting } from '../engine/plugin.js';
import { OBJECT_KEYS, validate } from './validate.generated.js';

/** Receives each problem: the path of the config it is about and what is wrong there. */
export type Reporter = (path: JsonPath, message: string) => void;

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

/** `overrides[0].rules.host-pid`: how messages name a place in the config. */
export function formatConfigPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** JSON pointer of a value (ajv's instancePath) to path segments, numbers where the parent is a list. */
function pointerToPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path.push(index);
      node = node[index];
    } else {
      path.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function describeType(expected: unknown, value: unknown): string {
  const types = (Array.isArray(expected) ? expected : [expected]).map((t) => TYPE_NAMES[String(t)] ?? String(t));
  const wanted = types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
  let message = `must be ${wanted}`;
  const expectsString = Array.isArray(expected) ? expected.includes('string') : expected === 'string';
  if (expectsString && (typeof value === 'number' || typeof value === 'boolean')) {
    // YAML reads 1.30 as the number 1.3 and on/yes as true.
    message += `; put it in quotes (YAML read it as the ${typeof value} ${String(value)})`;
  } else if (value === null) {
    message += ', not empty';
  }
  return message;
}

function patternMessage(error: SchemaErrorObject, value: unknown): string {
  if (error.schemaPath.endsWith('/kubernetesVersion/pattern')) return `must look like "1.30", not ${show(value)}`;
  if (error.schemaPath.endsWith('/expires/pattern')) return `must be a date written YYYY-MM-DD, not ${show(value)}`;
  if (error.schemaPath === '#/definitions/id/pattern') return `must be an id in lower case with dashes (e.g. host-pid), not ${show(value)}`;
  if (error.params['pattern'] === '\\S') return 'must not be empty';
  return `must match ${String(error.params['pattern'])}`;
}

function schemaMessage(error: SchemaErrorObject, path: JsonPath, value: unknown, objectKeys: SchemaObjectKeys): { path: JsonPath; message: string } | undefined {
  const where = formatConfigPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const known = objectKeys[error.schemaPath.replace(/\/additionalProperties$/, '')] ?? [];
      const suggestion = nearest(key, known);
      let message = `unknown key "${key}"`;
      if (suggestion) message += `; did you mean "${suggestion}"?`;
      else if (known.length > 0) message += `; expected one of: ${known.filter((k) => k !== '$schema').join(', ')}`;
      return { path: [...path, key], message };
    }
    case 'required':
      return { path, message: `${where || 'the file'} is missing the required key "${String(error.params['missingProperty'])}"` };
    case 'type':
      return { path, message: `${where || 'the file'} ${describeType(error.params['type'], value)}` };
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).filter((v): v is string => typeof v === 'string');
      let message = `${where} must be one of ${allowed.join(', ')}, not ${show(value)}`;
      const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
      if (suggestion) message += `; did you mean "${suggestion}"?`;
      return { path, message };
    }
    case 'pattern':
      // A key that fails `propertyNames` is reported once, by that keyword.
      if ((error as SchemaErrorObject & { propertyName?: string }).propertyName !== undefined) return undefined;
      return { path, message: `${where} ${patternMessage(error, value)}` };
    case 'propertyNames': {
      const key = String(error.params['propertyName']);
      return { path: [...path, key], message: `${JSON.stringify(key)} in ${where} is not an id: ids are lower case with dashes (e.g. host-pid)` };
    }
    case 'minimum':
    case 'maximum':
      return { path, message: `${where} must be a number from 0 to 100, not ${show(value)}` };
    case 'minProperties':
      return { path, message: `${where} must name at least one of kind, namespace, name` };
    default:
      return { path, message: `${where || 'the file'} ${error.message ?? 'is invalid'}` };
  }
}

/** Reports a validator's errors for `value`, which sits at `base` in the config; false when there were any. */
function checkSchema(validator: SchemaValidator, objectKeys: SchemaObjectKeys, value: unknown, base: JsonPath, report: Reporter): boolean {
  if (validator(value)) return true;
  for (const error of validator.errors ?? []) {
    const path = pointerToPath(error.instancePath, value);
    const problem = schemaMessage(error, [...base, ...path], valueAt(value, path), objectKeys);
    if (problem) report(problem.path, problem.message);
  }
  return false;
}

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
      report(['kubernetesVersion'], `kubernetesVersion ${version} is outside the supported range ${formatKubeVersion(OLDEST_KUBE_VERSION)} to ${formatKubeVersion(LATEST_KUBE_VERSION)}+`);
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
