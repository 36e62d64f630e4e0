import { formatKubeVersion, nearest, type JsonPath, type KubeVersion, type Resource, type RuleContext } from '@kubecomply/core';
import { lifecycleStatus } from '../deprecations/lifecycle-status.js';
import { lifecycleOf } from '../deprecations/api-lifecycle.js';
import { isBuiltinGroup, kindSchema, kindsOf, schemaDataProblem, splitApiVersion, versionsOf } from './kube-schema.js';
import { customResourceSchema } from './crd-schema.js';
import type { CrdSet } from './crd-source.js';
import { validateKube, type SchemaProblem } from './validate-kube.js';
import { nowMs } from './clock.js';

/** Where the schema of a kind comes from, for the target release; 'none' when nothing gives one, 'removed' when the target does not serve it at all. */
export function schemaSource(apiVersion: string, kind: string, target: KubeVersion, crds: CrdSet): 'builtin' | 'crd' | 'none' | 'removed' | 'unknown' {
  if (lifecycleStatus(apiVersion, kind, target)?.state === 'removed') return 'removed';
  if (schemaDataProblem()) return 'none';
  if (kindSchema(apiVersion, kind)) return 'builtin';
  const { group, version } = splitApiVersion(apiVersion);
  if (isBuiltinGroup(group)) return PRERELEASE.test(version) || lifecycleOf(apiVersion, kind) ? 'none' : 'unknown';
  return crds.find(apiVersion, kind) ? 'crd' : 'none';
}

/** What schema validation found for one resource. */
export interface Validation {
  problems: SchemaProblem[];
  /** The kind is not one the target release serves. */
  unknownKind?: { path: JsonPath; message: string };
  /** Neither the built-in data nor a CRD gives a schema for it. */
  withoutSchema: boolean;
}

const PRERELEASE = /(?:alpha|beta)\d*$/;

/**
 * The rules unknown-field, invalid-field-value, missing-required-field,
 * unknown-kind and the without-schema count share one validation per
 * resource and run: the first of them to look computes it.
 */
const cache = new WeakMap<Resource, { target: KubeVersion; validation: Validation }>();

/** Resources validated in this process and the time it took, CRD-checked ones included (for the benchmark). */
export const validationStats = { resources: 0, ms: 0 };

export function validationOf(resource: Resource, ctx: RuleContext): Validation {
  const target = ctx.settings.kubeVersion;
  const hit = cache.get(resource);
  if (hit && hit.target === target) return hit.validation;
  const start = nowMs();
  const validation = validate(resource, ctx);
  validationStats.resources++;
  validationStats.ms += nowMs() - start;
  cache.set(resource, { target, validation });
  return validation;
}

function validate(resource: Resource, ctx: RuleContext): Validation {
  const { apiVersion, kind } = resource;
  const target = ctx.settings.kubeVersion;
  const { group, version } = splitApiVersion(apiVersion);
  // A version the target no longer serves gets one finding, from removed-api-version.
  if (lifecycleStatus(apiVersion, kind, target)?.state === 'removed') return { problems: [], withoutSchema: false };
  if (schemaDataProblem()) return { problems: [], withoutSchema: true };
  const builtin = kindSchema(apiVersion, kind);
  if (builtin) {
    const since = builtin.defs[builtin.root]?.s;
    if (since && target.major === 1 && target.minor <= since[0]) {
      return {
        problems: [],
        withoutSchema: false,
        unknownKind: {
          path: ['kind'],
          message: `Kubernetes ${formatKubeVersion(target)} does not serve ${kind} ${apiVersion}: it was added after 1.${since[0]} (present in 1.${since[1]}).`,
        },
      };
    }
    return { problems: validateKube(resource.object, builtin, target), withoutSchema: false };
  }
  if (isBuiltinGroup(group)) {
    const known = kindsOf(apiVersion);
    // Pre-release versions the data lacks (and those the lifecycle table names) may well be served: no schema, no verdict.
    if (PRERELEASE.test(version) || lifecycleOf(apiVersion, kind)) return { problems: [], withoutSchema: true };
    if (known.length > 0) {
      const suggestion = nearest(kind, known);
      return {
        problems: [],
        withoutSchema: false,
        unknownKind: {
          path: ['kind'],
          message: `${apiVersion} has no kind "${kind}"${suggestion ? `; did you mean "${suggestion}"?` : `; it serves ${[...known].sort().join(', ')}.`}`,
        },
      };
    }
    const versions = versionsOf(group);
    return {
      problems: [],
      withoutSchema: false,
      unknownKind: {
        path: ['apiVersion'],
        message: `"${apiVersion}" is not an API version Kubernetes serves; ${group || 'the core group'} serves ${versions.join(', ')}.`,
      },
    };
  }
  const custom = customResourceSchema(resource, ctx);
  if (!custom) return { problems: [], withoutSchema: true };
  return { problems: custom(resource.object), withoutSchema: false };
}
