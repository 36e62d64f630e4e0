import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonPath, Severity } from '../base/types.js';
import type { Resource } from '../model/resource.js';
import { isWorkload } from '../model/workload.js';
import { defineRule, type ResourceRule, type RuleContext } from '../engine/rule.js';
import { defineFramework, type Control, type Framework } from '../engine/framework.js';
import { definePlugin, type Plugin } from '../engine/plugin.js';
import { ConfigurationError } from '../base/errors.js';
import { fileMatcher } from './match.js';
import { compileGlob } from './glob.js';
import { loadConfigFile } from './load.js';
import type { LoadedConfig } from './types.js';

/** Which resources a declarative check looks at; every field given must match. */
export interface CheckMatch {
  /** Kind globs; 'workloads' for every kind that runs pods. */
  kinds?: string[];
  apiVersions?: string[];
  namespaces?: string[];
  names?: string[];
  /** Labels the resource must have; each value is a glob. */
  labels?: Record<string, string>;
  /** File globs, relative to the directory of the file that holds the check. */
  files?: string[];
}

/** A company policy as data: resources that match must satisfy `schema` at `path`. */
export interface DeclarativeCheck {
  id: string;
  description: string;
  severity: Severity;
  match?: CheckMatch;
  /** 'spec.template.spec.containers[*].image'; default: the whole resource. */
  path?: string;
  /** JSON Schema, draft 7. */
  schema: Record<string, unknown> | boolean;
  /** {kind}, {name}, {namespace} and {path} are filled in. */
  message: string;
  remediation?: string;
  controls?: { framework: string; id: string; title?: string }[];
}

/** A check with the directory its `files` globs are relative to. */
export interface LoadedCheck {
  check: DeclarativeCheck;
  baseDir: string;
  /** Where it was written, for messages. */
  source: string;
}

/** The checks of a config: its own `checks`, then those of each `checkFiles` entry (files validated like config files). */
export function configChecks(loaded: LoadedConfig | undefined, cwd: string): LoadedCheck[] {
  if (!loaded) return [];
  const out: LoadedCheck[] = (loaded.config.checks ?? []).map((check) => ({ check, baseDir: loaded.dir, source: loaded.display }));
  for (const file of loaded.config.checkFiles ?? []) {
    const absolute = path.resolve(loaded.dir, file);
    const inner = loadConfigFile(absolute, { cwd });
    const extra = Object.keys(inner.config).filter((k) => k !== 'checks');
    if (extra.length > 0) {
      const problem = inner.problemAt([extra[0] as string], `a checks file holds only "checks:", not "${extra[0] as string}"`);
      throw new ConfigurationError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
    }
    for (const check of inner.config.checks ?? []) out.push({ check, baseDir: inner.dir, source: inner.display });
  }
  const seen = new Map<string, string>();
  for (const { check, source } of out) {
    const other = seen.get(check.id);
    if (other) throw new ConfigurationError(`Check "${check.id}" is defined twice (${other} and ${source}).`);
    seen.set(check.id, source);
  }
  return out;
}

/** The ajv class; read when a run has checks, not at start-up (its compiler costs tens of milliseconds). */
export type AjvLoader = () => typeof AjvClass;

/** ES module builds resolve ajv from here; CommonJS ones, where import.meta is empty, through require. */
function defaultAjv(): typeof AjvClass {
  const url = (import.meta as { url?: string }).url;
  const mod = (typeof url === 'string' ? createRequire(url)('ajv') : require('ajv')) as { Ajv?: typeof AjvClass; default?: typeof AjvClass };
  return (mod.Ajv ?? mod.default) as typeof AjvClass;
}

type Step = string | '*';

/** 'spec.containers[*].image' -> ['spec', 'containers', '*', 'image']; '[0]' is an index. */
function parseCheckPath(text: string): Step[] {
  const steps: Step[] = [];
  for (const part of text.split('.').filter((p) => p !== '')) {
    const m = /^([^[\]]*)((?:\[(?:\*|\d+)\])*)$/.exec(part);
    if (!m) throw new ConfigurationError(`Check path "${text}" is not dot-separated names with optional [*] or [n].`);
    if (m[1]) steps.push(m[1]);
    for (const idx of (m[2] ?? '').match(/\[(\*|\d+)\]/g) ?? []) steps.push(idx.slice(1, -1));
  }
  return steps;
}

/** The values at a check path, each with its JSON path; absent values give nothing. */
function valuesAt(object: unknown, steps: readonly Step[]): { value: unknown; path: JsonPath }[] {
  let current: { value: unknown; path: (string | number)[] }[] = [{ value: object, path: [] }];
  for (const step of steps) {
    const next: typeof current = [];
    for (const { value, path: at } of current) {
      if (Array.isArray(value)) {
        if (step === '*') value.forEach((v, i) => next.push({ value: v, path: [...at, i] }));
        else if (/^\d+$/.test(step) && Number(step) < value.length) next.push({ value: value[Number(step)], path: [...at, Number(step)] });
      } else if (value !== null && typeof value === 'object') {
        const v = (value as Record<string, unknown>)[step];
        if (step !== '*' && v !== undefined) next.push({ value: v, path: [...at, step] });
      }
    }
    current = next;
  }
  return current;
}

function pointerToPath(pointer: string, data: unknown): JsonPath {
  const out: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

function showPath(p: JsonPath): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The path of the key an ajv error is about: the missing or extra property for required and additionalProperties. */
function errorPath(error: ErrorObject, data: unknown): { path: JsonPath; detail: string } {
  const at = pointerToPath(error.instancePath, data);
  if (error.keyword === 'required') {
    const name = String(error.params['missingProperty']);
    return { path: [...at, name], detail: `"${name}" is required` };
  }
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params['additionalProperty']);
    return { path: [...at, name], detail: `"${name}" is not allowed` };
  }
  if (error.keyword === 'enum') return { path: at, detail: `must be one of ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}` };
  if (error.keyword === 'not') {
    let value: unknown = data;
    for (const s of at) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[s] : undefined;
    return { path: at, detail: `${JSON.stringify(value)} is what the check forbids` };
  }
  return { path: at, detail: error.message ?? 'is invalid' };
}

/** Turns one declarative check into a rule; its schema is compiled once, on the first resource it checks. */
export function checkRule(loaded: LoadedCheck, cwd: string, ajv: () => AjvClass): ResourceRule {
  const { check, baseDir } = loaded;
  const match = check.match ?? {};
  const steps = parseCheckPath(check.path ?? '');
  const globs = (list: string[] | undefined) => (list && list.length > 0 ? list.map((g) => compileGlob(g)) : undefined);
  const kinds = globs(match.kinds?.filter((k) => k !== 'workloads'));
  const wantsWorkloads = match.kinds?.includes('workloads') ?? false;
  const apiVersions = globs(match.apiVersions);
  const namespaces = globs(match.namespaces);
  const names = globs(match.names);
  const labels = Object.entries(match.labels ?? {}).map(([k, v]) => [k, compileGlob(String(v))] as const);
  const files = match.files && match.files.length > 0 ? fileMatcher(match.files, baseDir, cwd) : undefined;
  let validate: ValidateFunction | undefined;
  const compiled = (): ValidateFunction => {
    if (validate) return validate;
    try {
      validate = ajv().compile(check.schema as object);
    } catch (err) {
      throw new ConfigurationError(`Check "${check.id}" (${loaded.source}): its schema does not compile: ${(err as Error).message}`);
    }
    return validate;
  };
  const fill = (resource: Resource, at: JsonPath) =>
    check.message
      .replace(/\{kind\}/g, resource.kind)
      .replace(/\{name\}/g, resource.name)
      .replace(/\{namespace\}/g, resource.namespace ?? '')
      .replace(/\{path\}/g, showPath(at));
  return defineRule({
    id: check.id,
    description: check.description,
    severity: check.severity,
    remediation: check.remediation ?? check.description,
    appliesTo: 'all',
    positions: 'on-demand',
    targets(resource: Resource) {
      if ((kinds || wantsWorkloads) && !((kinds?.some((m) => m(resource.kind)) ?? false) || (wantsWorkloads && isWorkload(resource)))) return false;
      if (apiVersions && !apiVersions.some((m) => m(resource.apiVersion))) return false;
      if (namespaces && (resource.namespace === undefined || !namespaces.some((m) => m(resource.namespace as string)))) return false;
      if (names && !names.some((m) => m(resource.name))) return false;
      for (const [key, value] of labels) {
        const actual = resource.labels[key];
        if (actual === undefined || !value(actual)) return false;
      }
      return !files || files(resource.source.file);
    },
    check(resource: Resource, ctx: RuleContext) {
      const fn = compiled();
      for (const { value, path: at } of valuesAt(resource.object, steps)) {
        if (fn(value)) continue;
        const reported = new Set<string>();
        for (const error of fn.errors ?? []) {
          // anyOf/oneOf explain themselves through their branches' errors, which are reported at their own keys.
          if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
          const { path: inner, detail } = errorPath(error, value);
          const full = [...at, ...inner];
          const key = JSON.stringify(full);
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({ path: full, message: `${fill(resource, full)} (${showPath(full) || 'the resource'}: ${detail})` });
        }
      }
    },
  });
}

/**
 * Adds the checks to a run's plugins: one plugin holds their rules, and the
 * controls they name are added to the frameworks that define them (copies),
 * or make new frameworks when no catalog defines one. A bundle that inlines
 * ajv passes `loadAjv` (the CLI does), so it need not resolve it at run time.
 */
export function withChecks(plugins: readonly Plugin[], checks: readonly LoadedCheck[], cwd: string, loadAjv: AjvLoader = defaultAjv): readonly Plugin[] {
  if (checks.length === 0) return plugins;
  let ajv: AjvClass | undefined;
  const lazyAjv = () => (ajv ??= new (loadAjv())({ allErrors: true, strict: false, logger: false }));
  const rules = checks.map((c) => checkRule(c, cwd, lazyAjv));
  // framework id -> control id -> { title, rules }
  const wanted = new Map<string, Map<string, { title: string; rules: string[] }>>();
  for (const { check } of checks) {
    for (const control of check.controls ?? []) {
      let controls = wanted.get(control.framework);
      if (!controls) wanted.set(control.framework, (controls = new Map()));
      let entry = controls.get(control.id);
      if (!entry) controls.set(control.id, (entry = { title: control.title ?? control.id, rules: [] }));
      entry.rules.push(check.id);
    }
  }
  const augment = (fw: Framework): Framework => {
    const extra = wanted.get(fw.id);
    if (!extra) return fw;
    const controls: Control[] = fw.controls.map((c) => {
      const more = extra.get(c.id);
      return more ? { ...c, rules: [...(c.rules ?? []), ...more.rules] } : c;
    });
    for (const [id, { title, rules: ruleIds }] of extra) if (!fw.controls.some((c) => c.id === id)) controls.push({ id, title, rules: ruleIds });
    return { ...fw, controls };
  };
  const defined = new Set(plugins.flatMap((p) => p.frameworks.map((f) => f.id)));
  const created = [...wanted]
    .filter(([id]) => !defined.has(id))
    .map(([id, controls]) =>
      defineFramework({
        id,
        version: 'custom',
        title: id,
        controls: [...controls].map(([cid, { title, rules: ruleIds }]) => ({ id: cid, title, rules: ruleIds })),
      }),
    );
  const updated = plugins.map((p) => (p.frameworks.some((f) => wanted.has(f.id)) ? definePlugin({ ...p, frameworks: p.frameworks.map(augment) }) : p));
  return [...updated, definePlugin({ name: 'config checks', rules, frameworks: created })];
}
