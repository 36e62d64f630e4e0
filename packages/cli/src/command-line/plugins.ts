import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, type Plugin } from '@kubecomply/core';
import rulesBestPractices from '@kubecomply/rules-best-practices';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import rulesSchema from '@kubecomply/rules-schema';

/**
 * import() of a plugin. The command's entry (loader.ts) runs the bundle
 * through vm.Script with a code cache, where import() needs a flag; it hands
 * its own import() to the bundle as this parameter of the bundle's wrapper.
 * Not set when the bundle runs as itself (bundle/kubecomply.cjs, --debug).
 */
declare const kubecomplyImport: ((specifier: string) => Promise<unknown>) | undefined;
const importModule = (specifier: string): Promise<unknown> => (typeof kubecomplyImport === 'function' ? kubecomplyImport(specifier) : import(specifier));

/** The rule packages the command ships with. */
export const BUILTIN_PLUGINS: readonly Plugin[] = [rulesCis, rulesPci, rulesSchema, rulesBestPractices];

/** A rule package to load: `--plugin` value or `plugins:` entry, and where it is resolved from. */
export interface PluginSpec {
  /** An npm package name (`@acme/kubecomply-rules`) or a path (`./rules/index.js`). */
  name: string;
  /** Absolute directory a bare name is resolved from and a path is relative to. */
  from: string;
  /** Where the spec was written, for messages: `--plugin` or `plugins in .kubecomply.yaml`. */
  where: string;
}

/** A spec that names a file rather than a package: relative or absolute, as ESLint tells them apart. */
function isPath(name: string): boolean {
  return name.startsWith('./') || name.startsWith('../') || name === '.' || name === '..' || path.isAbsolute(name) || /^\.\.?[\\/]/.test(name);
}

/** The file a spec names, resolved as Node's `require.resolve` would from its folder. */
function resolveSpec(spec: PluginSpec): string {
  const target = isPath(spec.name) ? path.resolve(spec.from, spec.name) : spec.name;
  try {
    return createRequire(path.join(spec.from, '__kubecomply_plugin_resolver__.js')).resolve(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = isPath(spec.name)
      ? `no such file (resolved from ${spec.from})`
      : code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
        ? `its package.json "exports" has no "default" or "require" entry for "."`
        : `it is not installed where ${spec.from} can see it (npm install --save-dev ${spec.name}), or give a path starting with ./`;
    throw new ConfigurationError(`Cannot find plugin "${spec.name}" (${spec.where}): ${hint}.`);
  }
}

/** Why a value is not a Plugin, or undefined when it is one. */
function shapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'it exports no object';
  const p = value as Partial<Record<keyof Plugin, unknown>>;
  if (typeof p.name !== 'string' || p.name === '') return 'it has no "name"';
  if (!Array.isArray(p.rules)) return '"rules" is not a list';
  if (!Array.isArray(p.frameworks)) return '"frameworks" is not a list';
  for (const [i, rule] of (p.rules as unknown[]).entries()) {
    const r = rule as { id?: unknown; check?: unknown } | null;
    if (r === null || typeof r !== 'object' || typeof r.id !== 'string' || typeof r.check !== 'function') {
      return `rules[${i}] is not a rule made with defineRule (an "id" and a "check" function)`;
    }
  }
  for (const [i, framework] of (p.frameworks as unknown[]).entries()) {
    const f = framework as { id?: unknown; controls?: unknown } | null;
    if (f === null || typeof f !== 'object' || typeof f.id !== 'string' || !Array.isArray(f.controls)) {
      return `frameworks[${i}] is not a framework made with defineFramework (an "id" and "controls")`;
    }
  }
  return undefined;
}

/**
 * Loads rule packages the way ESLint loads plugins: a bare name is resolved
 * with Node's resolution from the folder that names it (the config file's,
 * or the working directory for --plugin), a path relative to it; the
 * module's default export, or its `plugin` export, must be a Plugin
 * (definePlugin). The same file named twice is loaded once.
 */
export async function loadPlugins(specs: readonly PluginSpec[]): Promise<Plugin[]> {
  const out: Plugin[] = [];
  const loaded = new Map<string, PluginSpec>();
  const names = new Map<string, string>(BUILTIN_PLUGINS.map((p) => [p.name, 'the command itself']));
  for (const spec of specs) {
    const file = resolveSpec(spec);
    if (loaded.has(file)) continue;
    loaded.set(file, spec);
    let mod: Record<string, unknown>;
    try {
      mod = (await importModule(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new ConfigurationError(`Cannot load plugin "${spec.name}" (${spec.where}) from ${file}: ${message}`);
    }
    // A CommonJS module compiled from ES modules puts its default export under `default` once more.
    let candidate = mod['default'] ?? mod['plugin'];
    const nested = (candidate as { default?: unknown } | undefined)?.default;
    if (shapeProblem(candidate) !== undefined && nested !== undefined) candidate = nested;
    const problem = shapeProblem(candidate);
    if (problem !== undefined) {
      throw new ConfigurationError(
        `Plugin "${spec.name}" (${spec.where}) is not a rule package: ${problem}; export definePlugin({ name, rules, frameworks }) as its default export.`,
      );
    }
    const plugin = candidate as Plugin;
    const other = names.get(plugin.name);
    if (other !== undefined) throw new ConfigurationError(`Plugin "${spec.name}" (${spec.where}) is named "${plugin.name}", as ${other} is.`);
    names.set(plugin.name, `plugin "${spec.name}"`);
    out.push(plugin);
  }
  checkRuleIds(out);
  return out;
}

/** A rule id defined twice, named with both packages, before the Linter meets it. */
function checkRuleIds(plugins: readonly Plugin[]): void {
  const owner = new Map<string, string>();
  for (const plugin of [...BUILTIN_PLUGINS, ...plugins]) {
    for (const rule of plugin.rules) {
      const other = owner.get(rule.id);
      if (other !== undefined) throw new ConfigurationError(`Rule id "${rule.id}" is defined by both ${other} and ${plugin.name}; rule ids must be unique.`);
      owner.set(rule.id, plugin.name);
    }
  }
}
