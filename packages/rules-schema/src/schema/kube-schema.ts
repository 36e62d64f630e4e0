import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nowMs } from './clock.js';

/**
 * Compact schemas of the built-in kinds, written by scripts/gen-kube-schemas.mjs
 * into schema-data/ (one file per kind plus index.json) and read lazily: the
 * index on the first resource validated, a kind's file on the first resource
 * of that kind. A run without resources to validate reads nothing.
 *
 * A field type is 's' string, 'i' integer, 'n' number, 'b' boolean, 'a'
 * anything, 'q' quantity, 'x' int-or-string, 't' date-time, 'B' base64;
 * `{ e }` one of these strings, `{ l }` a list, `{ m }` a map of string keys;
 * any other string names a definition.
 */
export type FieldType = string | { e: string[] } | { l: FieldType } | { m: FieldType };

export interface Definition {
  /** Properties and their types. */
  p: Record<string, FieldType>;
  /** Required properties. */
  r?: string[];
  /** Set on kinds (objects with apiVersion and kind). */
  k?: 1;
  /** [newest release known without the type, first release known with it]. */
  s?: [number, number];
  /** Per property: [newest release known without it, first release known with it]. */
  v?: Record<string, [number, number]>;
}

export interface KindSchema {
  root: string;
  defs: Record<string, Definition>;
}

interface SchemaIndex {
  source: string;
  newest: number;
  kinds: Record<string, string>;
}

/** Where schema-data/ is: beside the bundled CLI, or in this package (from dist/ or src/schema/). */
function dataDir(): string {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'schema-data'), path.join(here, '..', 'schema-data'), path.join(here, '..', '..', 'schema-data')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.json')));
  if (!found) throw new Error(`Kubernetes schema data not found (looked in ${candidates.join(', ')}).`);
  return found;
}

let dir: string | undefined;
let index: SchemaIndex | undefined;
let builtinGroups: Set<string> | undefined;
const versionsByGroup = new Map<string, Set<string>>();
const kindsByApiVersion = new Map<string, string[]>();
const loaded = new Map<string, KindSchema>();

/** Milliseconds and bytes spent reading schema data in this process, for the benchmark. */
export const schemaLoadStats = { files: 0, bytes: 0, ms: 0 };

function readJson<T>(file: string): T {
  const start = nowMs();
  const text = readFileSync(file, 'utf8');
  const value = JSON.parse(text) as T;
  schemaLoadStats.files++;
  schemaLoadStats.bytes += text.length;
  schemaLoadStats.ms += nowMs() - start;
  return value;
}

/** Why the data could not be read (a bundle copied without its schema-data folder), or undefined. */
let missing: string | undefined;

export function schemaDataProblem(): string | undefined {
  schemaIndex();
  return missing;
}

function schemaIndex(): SchemaIndex {
  if (index) return index;
  try {
    dir = dataDir();
    index = readJson<SchemaIndex>(path.join(dir, 'index.json'));
  } catch (err) {
    // Validation then counts every resource as unchecked, with this reason, rather than failing on each.
    missing = err instanceof Error ? err.message : String(err);
    index = { source: '', newest: 0, kinds: {} };
  }
  builtinGroups = new Set(['']);
  for (const key of Object.keys(index.kinds)) {
    const [apiVersion, kind] = key.split(' ') as [string, string];
    const { group, version } = splitApiVersion(apiVersion);
    builtinGroups.add(group);
    let versions = versionsByGroup.get(group);
    if (!versions) versionsByGroup.set(group, (versions = new Set()));
    versions.add(version);
    let kinds = kindsByApiVersion.get(apiVersion);
    if (!kinds) kindsByApiVersion.set(apiVersion, (kinds = []));
    kinds.push(kind);
  }
  return index;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The schema of a built-in kind, or undefined when the data has none. */
export function kindSchema(apiVersion: string, kind: string): KindSchema | undefined {
  const key = `${apiVersion} ${kind}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const kinds = schemaIndex().kinds;
  const file = Object.hasOwn(kinds, key) ? kinds[key] : undefined;
  if (!file) return undefined;
  const schema = readJson<KindSchema>(path.join(dir as string, file));
  loaded.set(key, schema);
  return schema;
}

/** Whether the group is one Kubernetes itself serves (as opposed to one a CRD defines). */
export function isBuiltinGroup(group: string): boolean {
  schemaIndex();
  return (builtinGroups as Set<string>).has(group);
}

/** The kinds the data has for an apiVersion (empty when it has none). */
export function kindsOf(apiVersion: string): readonly string[] {
  schemaIndex();
  return kindsByApiVersion.get(apiVersion) ?? [];
}

/** The versions the data has for a group. */
export function versionsOf(group: string): readonly string[] {
  schemaIndex();
  return [...(versionsByGroup.get(group) ?? [])].sort();
}

/** The release whose schemas the data holds. */
export function newestSchemaRelease(): number {
  return schemaIndex().newest;
}
