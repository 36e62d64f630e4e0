import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { JsonPath } from '../base/types.js';
import type { ResourceRef } from '../base/types.js';
import type { SourceDocument } from '../input/source.js';

/** Any Kubernetes object, as it was written. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: IObjectMeta;
  [field: string]: unknown;
}

/** One Kubernetes object read from the input, with where it came from. */
export interface Resource extends ResourceRef {
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  object: KubernetesObject;
  /** The document holding it. */
  source: SourceDocument;
  /** Path of the object inside its document: [] or, for an item of a List, ['items', n]. */
  basePath: JsonPath;
  /** The API group, '' for the core group. */
  group: string;
}

/** The API group of an apiVersion: `apps` for `apps/v1`, the empty string for the core group (`v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** A label or annotation map with every value as a string; anything else gives {}. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

export function isKubernetesObject(value: unknown): value is KubernetesObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v['apiVersion'] === 'string' && v['apiVersion'] !== '' && typeof v['kind'] === 'string' && v['kind'] !== '';
}

export function makeResource(object: KubernetesObject, source: SourceDocument, basePath: JsonPath): Resource {
  const meta = (object.metadata !== null && typeof object.metadata === 'object' ? object.metadata : {}) as Record<string, unknown>;
  const name = meta['name'] ?? meta['generateName'];
  const namespace = meta['namespace'];
  const resource: Resource = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: name === undefined || name === null ? '' : String(name),
    labels: stringMap(meta['labels']),
    annotations: stringMap(meta['annotations']),
    object,
    source,
    basePath,
    group: apiGroup(object.apiVersion),
  };
  if (namespace !== undefined && namespace !== null && namespace !== '') resource.namespace = String(namespace);
  return resource;
}

export function resourceRef(resource: ResourceRef): ResourceRef {
  const ref: ResourceRef = { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name };
  if (resource.namespace !== undefined) ref.namespace = resource.namespace;
  return ref;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects: for messages and sorting. */
export function resourceLabel(resource: ResourceRef): string {
  return resource.namespace ? `${resource.kind}/${resource.namespace}/${resource.name}` : `${resource.kind}/${resource.name}`;
}
