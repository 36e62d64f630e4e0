/**
 * A manifest is only data: where the API expects an object, a file may hold
 * a scalar, a list or null. Rules read fields through these guards rather
 * than trusting the typed model.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string field as the API server decodes it: null and a missing field both read as "". */
export function stringField(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** A label map with every value as a string; anything but a map gives {}. */
export function labelMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && v !== undefined && typeof v !== 'object') out[key] = String(v);
  }
  return out;
}
