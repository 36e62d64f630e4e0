import type { JsonPath } from '../../base/types.js';

/** `spec.ingress[0].from[1]`. */
export function pathText(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
