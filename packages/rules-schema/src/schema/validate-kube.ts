import { nearest, type JsonPath, type KubeVersion } from '@kubecomply/core';
import { displayPath, describeValue, isPlainObject, isQuantity, isDateTime, isBase64 } from './values.js';
import type { Definition, FieldType, KindSchema } from './kube-schema.js';

export type SchemaRuleId = 'unknown-field' | 'invalid-field-value' | 'missing-required-field';

/** One thing the API server would reject, at the path of the offending key. */
export interface SchemaProblem {
  rule: SchemaRuleId;
  path: JsonPath;
  message: string;
}

/** Short type name of a definition key: 'core/v1.Container' -> 'Container'. */
const typeName = (key: string) => key.slice(key.lastIndexOf('.') + 1);

const TYPE_WORDS: Record<string, string> = {
  s: 'a string',
  i: 'an integer',
  n: 'a number',
  b: 'a boolean (true or false)',
  q: 'a quantity',
  x: 'an integer or a string',
  t: 'a date-time',
  B: 'base64 text',
};

/**
 * Checks an object against the schema of its kind the way the API server
 * decodes it with strict field validation: unknown and misspelt fields,
 * values of the wrong type, enum values, quantities, int-or-string, base64
 * and date-time formats, required fields; `null` is accepted anywhere as
 * "unset", as the server's decoder does. Fields that the schema data dates
 * after the target release are unknown there.
 */
export function validateKube(object: Record<string, unknown>, schema: KindSchema, target: KubeVersion): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const root = schema.defs[schema.root] as Definition;
  checkObject(object, root, schema.root, schema, [], target, out);
  return out;
}

function checkObject(
  value: Record<string, unknown>,
  def: Definition,
  key: string,
  schema: KindSchema,
  path: JsonPath,
  target: KubeVersion,
  out: SchemaProblem[],
): void {
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const child = value[name];
    // Own properties only: a manifest may use `__proto__` or `constructor` as a key.
    const type = Object.hasOwn(def.p, name) ? def.p[name] : undefined;
    if (type === undefined) {
      const childPath = [...path, name];
      const suggestion = nearest(name, Object.keys(def.p));
      out.push({
        rule: 'unknown-field',
        path: childPath,
        message: `Unknown field "${displayPath(childPath)}": ${typeName(key)} has no field "${name}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      });
      continue;
    }
    const dated = def.v && Object.hasOwn(def.v, name) ? def.v[name] : undefined;
    if (dated && target.major === 1 && target.minor <= dated[0]) {
      const childPath = [...path, name];
      out.push({
        rule: 'unknown-field',
        path: childPath,
        message: `Unknown field "${displayPath(childPath)}" in Kubernetes ${target.major}.${target.minor}: ${typeName(key)} has "${name}" only in later releases (added after 1.${dated[0]}, present in 1.${dated[1]}).`,
      });
      continue;
    }
    if (child === null || child === undefined || type === 'a') continue;
    // One path array for the whole walk, copied only into a problem.
    (path as (string | number)[]).push(name);
    checkValue(child, type, schema, path, target, out);
    (path as (string | number)[]).pop();
  }
  for (const name of def.r ?? []) {
    if (value[name] === undefined || value[name] === null) {
      const where = path.length === 0 ? 'the object' : `"${displayPath(path)}"`;
      out.push({ rule: 'missing-required-field', path: [...path, name], message: `Missing required field "${name}" in ${where} (${typeName(key)}).` });
    }
  }
}

function invalid(out: SchemaProblem[], at: JsonPath, expected: string, value: unknown): void {
  const path = [...at];
  let message = `"${displayPath(path)}" must be ${expected}, not ${describeValue(value)}`;
  if (expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean')) message += '; put it in quotes';
  out.push({ rule: 'invalid-field-value', path, message: `${message}.` });
}

function checkValue(value: unknown, type: FieldType, schema: KindSchema, path: JsonPath, target: KubeVersion, out: SchemaProblem[]): void {
  if (value === null || value === undefined) return;
  if (typeof type === 'string') {
    switch (type) {
      case 'a':
        return;
      case 's':
        if (typeof value !== 'string') invalid(out, path, 'a string', value);
        return;
      case 'i':
        if (typeof value !== 'number' || !Number.isInteger(value)) invalid(out, path, 'an integer', value);
        return;
      case 'n':
        if (typeof value !== 'number') invalid(out, path, 'a number', value);
        return;
      case 'b':
        if (typeof value !== 'boolean') invalid(out, path, TYPE_WORDS['b'] as string, value);
        return;
      case 'q':
        if (!isQuantity(value)) invalid(out, path, 'a quantity such as 500m, 1.5, 128Mi or 2G', value);
        return;
      case 'x':
        if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) invalid(out, path, 'an integer or a string', value);
        return;
      case 't':
        if (!isDateTime(value)) invalid(out, path, 'an RFC 3339 date-time such as 2024-05-01T12:00:00Z', value);
        return;
      case 'B':
        if (typeof value !== 'string' || !isBase64(value)) invalid(out, path, 'base64 text (standard alphabet, with = padding)', value);
        return;
      default: {
        const def = schema.defs[type];
        if (!def) return;
        if (!isPlainObject(value)) {
          invalid(out, path, `an object (${typeName(type)})`, value);
          return;
        }
        checkObject(value, def, type, schema, path, target, out);
        return;
      }
    }
  }
  if ('e' in type) {
    if (typeof value !== 'string' || !type.e.includes(value)) {
      const suggestion = typeof value === 'string' ? nearest(value, type.e) : undefined;
      out.push({
        rule: 'invalid-field-value',
        path: [...path],
        message: `"${displayPath(path)}" must be one of ${type.e.join(', ')}, not ${describeValue(value)}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      });
    }
    return;
  }
  if ('l' in type) {
    if (!Array.isArray(value)) {
      invalid(out, path, 'a list', value);
      return;
    }
    const stack = path as (string | number)[];
    for (let i = 0; i < value.length; i++) {
      stack.push(i);
      checkValue(value[i], type.l, schema, path, target, out);
      stack.pop();
    }
    return;
  }
  if (!isPlainObject(value)) {
    invalid(out, path, 'a map', value);
    return;
  }
  const stack = path as (string | number)[];
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    stack.push(k);
    checkValue(value[k], type.m, schema, path, target, out);
    stack.pop();
  }
}
