import { YamlDocument, type JsonPath, type Resource, isJsonObject, type JsonObject } from '@kubecomply/core';

/**
 * A component configuration (KubeletConfiguration, KubeProxyConfiguration)
 * as a rule reads it: either a document of its own, or a string in a
 * ConfigMap, as kubeadm stores them (`kube-proxy` ConfigMap, key
 * `config.conf`; `kubelet-config` ConfigMap, key `kubelet`).
 */
export interface ConfigSource {
  value: JsonObject;
  /** 'KubeletConfiguration' or 'KubeletConfiguration in ConfigMap key "kubelet"'. */
  subject: string;
  /**
   * Where a finding about `field` goes: the field itself in a document of its
   * own; the ConfigMap key for an embedded one, since a JSON path cannot point
   * inside a string.
   */
  pathOf(field: JsonPath): JsonPath;
  embedded: boolean;
}

/**
 * What configSources found in one ConfigMap's `data`: the entries that name
 * any `kind` (one pass over the data), then the sources of each kind asked
 * for. A dozen kubelet rules and the kube-proxy rule each ask, and a
 * ConfigMap may hold tens of thousands of keys: enumerating them once per
 * rule made configSources most of the time of such a file, and it grew
 * faster than the file (a dictionary-mode object is enumerated in sorted
 * order).
 */
const seen = new WeakMap<object, { mentions: [string, string][]; sources: Map<string, ConfigSource[]> }>();
const MENTIONS_KIND = /["']?kind["']?\s*:/;

/** The configuration objects of `kind` (in API group `group`) that a resource holds. */
export function configSources(resource: Resource, kind: string, group: string): ConfigSource[] {
  if (resource.kind === kind) {
    if (resource.group !== group) return [];
    return [{ value: resource.object as unknown as JsonObject, subject: kind, pathOf: (field) => field, embedded: false }];
  }
  if (resource.kind !== 'ConfigMap' || resource.group !== '') return [];
  const data: unknown = resource.object['data'];
  if (!isJsonObject(data)) return [];
  let known = seen.get(data);
  if (!known) {
    const mentions: [string, string][] = [];
    for (const [key, text] of Object.entries(data)) if (typeof text === 'string' && MENTIONS_KIND.test(text)) mentions.push([key, text]);
    known = { mentions, sources: new Map() };
    seen.set(data, known);
  }
  const id = `${group}/${kind}`;
  const cached = known.sources.get(id);
  if (cached) return cached;
  const out: ConfigSource[] = [];
  const mentions = new RegExp(`["']?kind["']?\\s*:\\s*["']?${kind}\\b`);
  for (const [key, text] of known.mentions) {
    if (!mentions.test(text)) continue;
    let value: unknown;
    try {
      value = YamlDocument.parse(text).value;
    } catch {
      continue;
    }
    if (!isJsonObject(value) || value['kind'] !== kind) continue;
    const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '';
    if (!apiVersion.startsWith(`${group}/`)) continue;
    out.push({ value, subject: `${kind} in ConfigMap key "${key}"`, pathOf: () => ['data', key], embedded: true });
  }
  known.sources.set(id, out);
  return out;
}

/** Reads a nested field; undefined when any step is missing or not an object. */
export function fieldAt(value: JsonObject, field: readonly string[]): unknown {
  let v: unknown = value;
  for (const step of field) {
    if (!isJsonObject(v)) return undefined;
    v = v[step];
  }
  return v;
}
