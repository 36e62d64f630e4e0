import type { Resource, RuleContext } from '@kubecomply/core';
import { isPlainObject } from './values.js';

/** One served version of a CRD, with its schema. */
export interface CrdVersion {
  crdName: string;
  group: string;
  version: string;
  kind: string;
  schema: Record<string, unknown>;
}

export const CRD_KIND = 'CustomResourceDefinition';

/** The served versions with a schema of a CustomResourceDefinition (apiextensions.k8s.io v1, or v1beta1's shared `validation`). */
export function crdVersions(crd: Resource): CrdVersion[] {
  if (!crd.apiVersion.startsWith('apiextensions.k8s.io/')) return [];
  const spec = crd.object['spec'];
  if (!isPlainObject(spec)) return [];
  const group = spec['group'];
  const names = spec['names'];
  const kind = isPlainObject(names) ? names['kind'] : undefined;
  if (typeof group !== 'string' || typeof kind !== 'string') return [];
  const shared = isPlainObject(spec['validation']) ? spec['validation']['openAPIV3Schema'] : undefined;
  const out: CrdVersion[] = [];
  const add = (version: unknown, schema: unknown) => {
    if (typeof version === 'string' && isPlainObject(schema)) out.push({ crdName: crd.name, group, version, kind, schema });
  };
  const versions = spec['versions'];
  if (Array.isArray(versions)) {
    for (const v of versions) {
      if (!isPlainObject(v) || v['served'] === false) continue;
      const own = isPlainObject(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
      add(v['name'], own ?? shared);
    }
  } else {
    add(spec['version'], shared);
  }
  return out;
}

export interface CrdSet {
  find(apiVersion: string, kind: string): CrdVersion | undefined;
  /** Whether any CRD (with or without a schema) defines this group and kind. */
  defines(apiVersion: string, kind: string): boolean;
}

/** One index per run: `lookup` returns the same array for the whole run. */
const byRun = new WeakMap<readonly Resource[], CrdSet>();

export function crdSet(crds: readonly Resource[]): CrdSet {
  let set = byRun.get(crds);
  if (set) return set;
  const versions = new Map<string, CrdVersion>();
  const kinds = new Set<string>();
  for (const crd of crds) {
    for (const v of crdVersions(crd)) versions.set(`${v.group}/${v.version} ${v.kind}`, v);
    const spec = crd.object['spec'];
    const names = isPlainObject(spec) ? spec['names'] : undefined;
    if (isPlainObject(spec) && isPlainObject(names)) kinds.add(`${String(spec['group'])} ${String(names['kind'])}`);
  }
  set = {
    find: (apiVersion, kind) => versions.get(`${apiVersion} ${kind}`),
    defines: (apiVersion, kind) => kinds.has(`${apiVersion.split('/')[0]} ${kind}`),
  };
  byRun.set(crds, set);
  return set;
}

export function crdsOf(ctx: RuleContext): CrdSet {
  return crdSet(ctx.lookup(CRD_KIND));
}
