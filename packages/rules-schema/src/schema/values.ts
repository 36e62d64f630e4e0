import type { JsonPath } from '@kubecomply/core';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** 'spec.containers[0].image', as the API server names a field. */
export function displayPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** 'the string "three"', 'the number 1.5', 'a list', for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `the timestamp ${value.toISOString()}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/**
 * Kubernetes' resource.Quantity syntax: a signed decimal number, then a
 * binary suffix (Ki..Ei), a decimal suffix (n, u, m, k, M..E) or a decimal
 * exponent (e3, E-2). JSON numbers are quantities too.
 */
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY.test(value);
}

/** RFC 3339, as metav1.Time parses it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function isDateTime(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === 'string' && DATE_TIME.test(value);
}

/** Go's base64.StdEncoding, which skips line breaks. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}
