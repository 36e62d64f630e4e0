import { createRequire } from 'node:module';
import { nearest, type JsonPath, type Resource, type RuleContext } from '@kubecomply/core';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { crdsOf, type CrdVersion } from './crd-source.js';
import { describeValue, displayPath, isBase64, isDateTime, isPlainObject } from './values.js';
import type { SchemaProblem } from './validate-kube.js';

declare const require: NodeJS.Require | undefined;

/**
 * ajv is loaded the first time a CRD schema is compiled, not at start-up: its
 * compiler costs tens of milliseconds, and most runs have no custom resources.
 * A literal require() lets the CLI bundle inline it as a lazily run module.
 */
function loadAjv(): typeof AjvClass {
  const mod = (typeof require === 'function' ? require('ajv') : createRequire(import.meta.url)('ajv')) as { Ajv?: typeof AjvClass; default?: typeof AjvClass };
  return (mod.Ajv ?? mod.default) as typeof AjvClass;
}

let ajv: AjvClass | undefined;

/** Go's time.ParseDuration syntax, which the API server checks for `format: duration`. */
const DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^0$/;

function compiler(): AjvClass {
  if (ajv) return ajv;
  const Ajv = loadAjv();
  ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, logger: false, validateSchema: false, validateFormats: true });
  // The formats the API server validates in CRD schemas; others are annotations there and here.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', isBase64);
  ajv.addFormat('date-time', (s: string) => isDateTime(s));
  ajv.addFormat('datetime', (s: string) => isDateTime(s));
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('duration', DURATION);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i);
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    validate: (on: boolean, data: unknown) => !on || typeof data === 'string' || (typeof data === 'number' && Number.isInteger(data)),
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-type',
    type: 'array',
    validate: (listType: string, data: unknown[], parent?: Record<string, unknown>) => {
      if (listType === 'set') return new Set(data.map((d) => JSON.stringify(d))).size === data.length;
      if (listType === 'map') {
        const keys = (parent?.['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
        const seen = data.map((item) => JSON.stringify(keys.map((k) => (isPlainObject(item) ? item[k] : undefined))));
        return new Set(seen).size === seen.length;
      }
      return true;
    },
    errors: false,
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-embedded-resource',
    type: 'object',
    validate: (on: boolean, data: Record<string, unknown>) => !on || (typeof data['apiVersion'] === 'string' && typeof data['kind'] === 'string'),
    errors: false,
  });
  return ajv;
}

/**
 * An openAPIV3Schema as the API server applies it, for ajv: objects with
 * properties reject unknown fields unless `x-kubernetes-preserve-unknown-fields`;
 * `x-kubernetes-int-or-string` replaces `type`; an embedded resource also
 * allows apiVersion, kind and metadata.
 */
function forAjv(schema: unknown, root: boolean): unknown {
  if (!isPlainObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isPlainObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forAjv(v, false)]));
    else if (key === 'items' || key === 'additionalProperties' || key === 'not') out[key] = typeof value === 'boolean' ? value : forAjv(value, false);
    else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) out[key] = value.map((v) => forAjv(v, false));
    // Validation rules in CEL need a CEL interpreter; they are documented as not checked.
    else if (key === 'x-kubernetes-validations' || key === 'description' || key === 'example' || key === 'externalDocs') continue;
    else out[key] = value;
  }
  if (out['x-kubernetes-int-or-string'] === true) delete out['type'];
  const embedded = out['x-kubernetes-embedded-resource'] === true;
  if (root || embedded) {
    const props = { ...((out['properties'] as Record<string, unknown> | undefined) ?? {}) };
    props['apiVersion'] ??= { type: 'string' };
    props['kind'] ??= { type: 'string' };
    // The API server validates metadata as ObjectMeta, whatever the CRD says of it.
    props['metadata'] = { type: 'object' };
    out['properties'] = props;
  }
  const preserves = out['x-kubernetes-preserve-unknown-fields'] === true;
  if (isPlainObject(out['properties']) && out['additionalProperties'] === undefined && !preserves) out['additionalProperties'] = false;
  return out;
}

/** The API server prunes nulls of fields that are not nullable before it validates; so do we, on a copy that also takes the defaults. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}

function pointerToPath(pointer: string, data: unknown): JsonPath {
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = isPlainObject(node) ? node[segment] : undefined;
    }
  }
  return path;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const segment of path) node = Array.isArray(node) || isPlainObject(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

function problemOf(error: ErrorObject, data: unknown, kind: string): SchemaProblem | undefined {
  const path = pointerToPath(error.instancePath, data);
  const where = displayPath(path);
  const value = valueAt(data, path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params['additionalProperty']);
      const known = Object.keys((error.parentSchema?.['properties'] as Record<string, unknown> | undefined) ?? {});
      const suggestion = nearest(name, known);
      const full = [...path, name];
      return { rule: 'unknown-field', path: full, message: `Unknown field "${displayPath(full)}": the ${kind} CRD schema has no field "${name}" there${suggestion ? `; did you mean "${suggestion}"?` : '.'}` };
    }
    case 'required': {
      const name = String(error.params['missingProperty']);
      return { rule: 'missing-required-field', path: [...path, name], message: `Missing required field "${name}" in ${where ? `"${where}"` : 'the object'} (${kind} CRD schema).` };
    }
    case 'type':
      return { rule: 'invalid-field-value', path, message: `"${where}" must be of type ${String(error.params['type'])}, not ${describeValue(value)}.` };
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).map((v) => String(v));
      const suggestion = typeof value === 'string' ? nearest(value, allowed) : undefined;
      return { rule: 'invalid-field-value', path, message: `"${where}" must be one of ${allowed.join(', ')}, not ${describeValue(value)}${suggestion ? `; did you mean "${suggestion}"?` : '.'}` };
    }
    case 'x-kubernetes-int-or-string':
      return { rule: 'invalid-field-value', path, message: `"${where}" must be an integer or a string, not ${describeValue(value)}.` };
    case 'x-kubernetes-list-type':
      return { rule: 'invalid-field-value', path, message: `"${where}" has duplicate entries, which its x-kubernetes-list-type (set, or map by its keys) forbids.` };
    case 'x-kubernetes-embedded-resource':
      return { rule: 'invalid-field-value', path, message: `"${where}" is an embedded resource and needs apiVersion and kind.` };
    case 'if':
    case 'anyOf':
    case 'oneOf':
      return undefined;
    default:
      return { rule: 'invalid-field-value', path, message: `"${where}" ${error.message ?? 'is invalid'} (${kind} CRD schema).` };
  }
}

/** Compiled once per CRD version per run: the CRD resources are new objects in every run. */
const compiled = new WeakMap<CrdVersion, ValidateFunction | Error>();

function compile(version: CrdVersion): ValidateFunction | Error {
  let fn = compiled.get(version);
  if (fn) return fn;
  try {
    fn = compiler().compile(forAjv(version.schema, true) as object);
  } catch (err) {
    fn = err instanceof Error ? err : new Error(String(err));
  }
  compiled.set(version, fn);
  return fn;
}

/** A validator for a custom resource from the CRD that defines its group, version and kind; undefined when there is none. */
export function customResourceSchema(resource: Resource, ctx: RuleContext): ((object: Record<string, unknown>) => SchemaProblem[]) | undefined {
  const version = crdsOf(ctx).find(resource.apiVersion, resource.kind);
  if (!version) return undefined;
  return (object) => {
    const fn = compile(version);
    if (fn instanceof Error) {
      return [{ rule: 'invalid-field-value', path: ['apiVersion'], message: `The schema of CRD ${version.crdName} does not compile, so ${resource.kind} cannot be checked: ${fn.message}` }];
    }
    const data = withoutNulls(object);
    if (fn(data)) return [];
    const seen = new Set<string>();
    const out: SchemaProblem[] = [];
    for (const error of fn.errors ?? []) {
      const problem = problemOf(error, data, resource.kind);
      if (!problem) continue;
      const key = `${problem.rule} ${JSON.stringify(problem.path)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problem);
    }
    return out;
  };
}
