/**
 * A manifest is only data: where the API expects an object, a file may hold
 * a scalar, a list or null. Rules read fields through these guards rather
 * than trusting the typed model.
 */

/** A JSON object as a manifest holds it. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string field as the API server decodes it: null and a missing field both read as "". */
export function stringField(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** A label or annotation map with every scalar value as a string; anything but a map gives {}. */
export function labelMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && v !== undefined && typeof v !== 'object') out[key] = String(v);
  }
  return out;
}

/** A JSON object's field that should be an object, or {} when it is missing or not one. */
export function objectField(object: JsonObject, key: string): JsonObject {
  const value = object[key];
  return isJsonObject(value) ? value : {};
}
