import type { JsonPath } from './types.js';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * A JSON path as people write it: `spec.containers[0].securityContext`, with
 * keys that are not plain names quoted, e.g. `metadata.annotations["app.kubernetes.io/name"]`.
 * Reports, config messages and the reachability model all name places this way.
 */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
