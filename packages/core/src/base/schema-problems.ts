import { excerpt } from './excerpt.js';
import type { JsonPath, PathSegment } from './types.js';
import { formatJsonPath } from './json-path.js';
import { nearest } from './nearest.js';
import type { SchemaErrorObject, SchemaObjectKeys, SchemaValidator } from './schema-validator.js';

/** A message for a `pattern` error the generic wording cannot give ("must look like 1.30"), or undefined. */
export type PatternHints = (error: SchemaErrorObject, value: unknown) => string | undefined;

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
export const formatConfigPath: (path: JsonPath) => string = formatJsonPath;

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

export function show(value: unknown): string {
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

function patternMessage(error: SchemaErrorObject, value: unknown, hints: PatternHints): string {
  const hinted = hints(error, value);
  if (hinted !== undefined) return hinted;
  if (error.params['pattern'] === '\\S') return 'must not be empty';
  return `must match ${String(error.params['pattern'])}`;
}

function schemaMessage(
  error: SchemaErrorObject,
  path: JsonPath,
  value: unknown,
  objectKeys: SchemaObjectKeys,
  hints: PatternHints,
): { path: JsonPath; message: string } | undefined {
  const where = formatConfigPath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const known = objectKeys[error.schemaPath.replace(/\/additionalProperties$/, '')] ?? [];
      const suggestion = nearest(key, known);
      let message = `unknown key "${excerpt(key)}"`;
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
      return { path, message: `${where} ${patternMessage(error, value, hints)}` };
    case 'propertyNames': {
      const key = String(error.params['propertyName']);
      return { path: [...path, key], message: `${JSON.stringify(key)} in ${where} is not an id: ids are lower case with dashes (e.g. host-pid)` };
    }
    case 'minimum':
    case 'maximum':
      return { path, message: `${where} must be a number from 0 to 100, not ${show(value)}` };
    case 'minItems':
      return { path, message: `${where} must list at least ${String(error.params['limit'])}` };
    case 'minProperties':
      return { path, message: `${where} must name at least one of kind, namespace, name` };
    default:
      return { path, message: `${where || 'the file'} ${error.message ?? 'is invalid'}` };
  }
}

/** Reports a validator's errors for `value`, which sits at `base` in the config; false when there were any. */
/**
 * Checks `value` (found at `base` in the file) with a compiled schema and
 * reports each error as a message a person can act on: the place in the
 * file, what was expected, a "did you mean" for unknown keys and enum
 * values, and a hint to quote scalars YAML read as numbers or booleans.
 * False when there was any error.
 */
export function checkSchema(
  validator: SchemaValidator,
  objectKeys: SchemaObjectKeys,
  value: unknown,
  base: JsonPath,
  report: Reporter,
  hints: PatternHints = () => undefined,
): boolean {
  if (validator(value)) return true;
  for (const error of validator.errors ?? []) {
    const path = pointerToPath(error.instancePath, value);
    const problem = schemaMessage(error, [...base, ...path], valueAt(value, path), objectKeys, hints);
    if (problem) report(problem.path, problem.message);
  }
  return false;
}
