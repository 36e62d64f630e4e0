import { isJsonObject } from '../base/json.js';
import type { Resource } from './resource.js';

/** The compute resources a container's limits and requests name. */
export type ComputeResource = 'cpu' | 'memory';

const COMPUTE: readonly ComputeResource[] = ['cpu', 'memory'];

/** Whether a resource list (`limits`, `requests`, a LimitRange's `default`...) sets a value for the resource. */
export function setsQuantity(list: unknown, key: ComputeResource): boolean {
  if (!isJsonObject(list)) return false;
  const value = list[key];
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

/** What the LimitRanger admission plugin fills in for a container that leaves a limit or request out. */
export interface ContainerDefaults {
  limits: ReadonlySet<ComputeResource>;
  requests: ReadonlySet<ComputeResource>;
}

/**
 * The container limits and requests that the LimitRanges of a namespace fill
 * in at admission, after the API server's defaulting of each `Container`
 * item: a missing `default` takes `max`, a missing `defaultRequest` takes
 * `default`, then `min`.
 */
export function containerDefaults(limitRanges: Iterable<Resource>, namespace: string | undefined): ContainerDefaults {
  const limits = new Set<ComputeResource>();
  const requests = new Set<ComputeResource>();
  for (const range of limitRanges) {
    if (range.kind !== 'LimitRange' || range.group !== '' || (range.namespace ?? '') !== (namespace ?? '')) continue;
    const spec = range.object['spec'];
    const items: unknown = isJsonObject(spec) ? spec['limits'] : undefined;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isJsonObject(item) || item['type'] !== 'Container') continue;
      for (const key of COMPUTE) {
        const limit = setsQuantity(item['default'], key) || setsQuantity(item['max'], key);
        if (limit) limits.add(key);
        if (limit || setsQuantity(item['defaultRequest'], key) || setsQuantity(item['min'], key)) requests.add(key);
      }
    }
  }
  return { limits, requests };
}
