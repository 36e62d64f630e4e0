import type { Resource, RuleContext } from '@kubecomply/core';
import { crdsOf } from './crd-source.js';
import { validateStructural } from './structural.js';
import { isPlainObject } from './values.js';
import type { SchemaProblem } from './validate-kube.js';
import { nowMs } from './clock.js';

/** Custom resources validated against CRD schemas in this process, and the time it took (for the benchmark). */
export const crdValidationStats = { resources: 0, ms: 0 };

/** The API server prunes nulls of fields that are not nullable before it validates; a copy also takes the defaults. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}

/** A validator for a custom resource from the CRD that defines its group, version and kind; undefined when there is none. */
export function customResourceSchema(resource: Resource, ctx: RuleContext): ((object: Record<string, unknown>) => SchemaProblem[]) | undefined {
  const version = crdsOf(ctx).find(resource.apiVersion, resource.kind);
  if (!version) return undefined;
  return (object) => {
    const start = nowMs();
    const problems = validateStructural(withoutNulls(object), version.schema, resource.kind);
    crdValidationStats.resources++;
    crdValidationStats.ms += nowMs() - start;
    return problems;
  };
}
