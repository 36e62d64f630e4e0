import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BUILTIN_RULES, CONFIG_FILE_NAMES, ConfigurationError, definePlugin, displayPath, loadCatalogPlugins, parseBaseline, parseCatalog, parseConfig,
  resolveConfig, type Baseline, type LoadedConfig, type Plugin,
} from '@kubecomply/core';
import type { Git } from './git.js';

/** A policy file (config, baseline, catalog) that the pull request adds, deletes or changes. */
export interface PolicyChange {
  /** From the repository root, '/' separators. */
  file: string;
  kind: 'config' | 'baseline' | 'catalog';
  change: 'added' | 'deleted' | 'modified';
}

export interface PolicyFiles {
  /** The commit the files were read from, or undefined when they came from the checkout. */
  commit: string | undefined;
  config: LoadedConfig | undefined;
  baseline: { baseline: Baseline; display: string } | undefined;
  catalogs: Plugin[];
  /** What the pull request changes in the policy files, compared with `base`. */
  changes: PolicyChange[];
  /** Things the summary should say (a file missing at the base, say). */
  notes: string[];
}

export interface PolicyOptions {
  config: string | undefined;
  baseline: string | undefined;
  catalogs: readonly string[];
  cwd: string;
  /** The repository's top level. */
  root: string;
  git: Git | undefined;
  /** The pull request's base commit, when there is one. */
  base: string | undefined;
  /** Read the files from the checkout even when there is a base (the use-head-config input). */
  fromHead: boolean;
  plugins: readonly Plugin[];
}

function readHead(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The config, baseline and catalogs the run uses. On a pull request they come
 * from the base commit through git, so a pull request cannot loosen its own
 * gate (an `ignore: ["**"]` added to the config, its findings written into
 * the baseline); each file it changes is listed for the summary.
 */
export function loadPolicyFiles(options: PolicyOptions): PolicyFiles {
  const { cwd, root, git, base } = options;
  const fromBase = base !== undefined && !options.fromHead;
  const repoPath = (absolute: string, what: string): string => {
    const rel = path.relative(root, absolute);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new ConfigurationError(`The ${what} ${displayPath(absolute, cwd)} is outside the repository, so the base commit cannot provide it; set use-head-config: true to read it from the checkout.`);
    }
    return rel.split(path.sep).join('/');
  };
  const out: PolicyFiles = { commit: fromBase ? base : undefined, config: undefined, baseline: undefined, catalogs: [], changes: [], notes: [] };
  const atBase = (file: string): Buffer | undefined => (base !== undefined && git ? git.show(base, file) : undefined);
  const compare = (absolute: string, file: string, kind: PolicyChange['kind'], baseBytes: Buffer | undefined) => {
    if (base === undefined) return;
    const head = readHead(absolute);
    if (!baseBytes && !head) return;
    const change = !baseBytes ? 'added' : !head ? 'deleted' : baseBytes.equals(head) ? undefined : 'modified';
    if (change) out.changes.push({ file, kind, change });
  };

  // The config: the one named, or the nearest to the working directory within the repository.
  const candidates: string[] = [];
  if (options.config !== undefined) candidates.push(path.resolve(cwd, options.config));
  else {
    for (let dir = cwd; ; dir = path.dirname(dir)) {
      for (const name of CONFIG_FILE_NAMES) candidates.push(path.join(dir, name));
      if (dir === root || path.dirname(dir) === dir) break;
    }
  }
  if (fromBase && git) {
    const files = candidates.map((c) => repoPath(c, 'config file'));
    const present = git.existing(base, files);
    let chosen: number | undefined;
    for (let i = 0; i < candidates.length && chosen === undefined; i += CONFIG_FILE_NAMES.length) {
      const here = files.slice(i, i + (options.config !== undefined ? 1 : CONFIG_FILE_NAMES.length)).filter((f) => present.has(f));
      if (here.length > 1) throw new ConfigurationError(`${here.join(' and ')} both exist at the base commit; keep one of them.`);
      if (here.length === 1) chosen = files.indexOf(here[0] as string);
    }
    files.forEach((file, i) => {
      const bytes = atBase(file);
      compare(candidates[i] as string, file, 'config', bytes);
      if (i === chosen && bytes) out.config = parseConfig(bytes.toString('utf8'), { file: candidates[i] as string, cwd });
    });
    if (chosen === undefined) {
      out.notes.push(options.config !== undefined
        ? `The config ${files[0]} does not exist at the base commit, so the built-in defaults apply.`
        : 'The base commit has no config file at or above the working directory, so the built-in defaults apply.');
    }
  } else {
    out.config = resolveConfig({ cwd, ...(options.config !== undefined ? { file: options.config } : {}) });
    if (base !== undefined) for (const c of candidates) if (isInside(c, root)) compare(c, repoPath(c, 'config file'), 'config', atBase(repoPath(c, 'config file')));
  }

  if (options.baseline !== undefined) {
    const absolute = path.resolve(cwd, options.baseline);
    const display = displayPath(absolute, cwd);
    if (fromBase) {
      const file = repoPath(absolute, 'baseline');
      const bytes = atBase(file);
      compare(absolute, file, 'baseline', bytes);
      if (bytes) out.baseline = { baseline: parseBaseline(bytes.toString('utf8'), display), display };
      else out.notes.push(`The baseline ${file} does not exist at the base commit, so no finding is taken as known.`);
    } else {
      const bytes = readHead(absolute);
      if (!bytes) throw new ConfigurationError(`Cannot read baseline ${display}: no such file.`);
      out.baseline = { baseline: parseBaseline(bytes.toString('utf8'), display), display };
      if (base !== undefined && isInside(absolute, root)) compare(absolute, repoPath(absolute, 'baseline'), 'baseline', atBase(repoPath(absolute, 'baseline')));
    }
  }

  if (fromBase) {
    const knownRules = new Set([...BUILTIN_RULES.map((r) => r.id), ...options.plugins.flatMap((p) => p.rules.map((r) => r.id))]);
    const taken = new Set(options.plugins.flatMap((p) => p.frameworks.map((f) => f.id)));
    for (const catalog of options.catalogs) {
      const absolute = path.resolve(cwd, catalog);
      const file = repoPath(absolute, 'catalog');
      const bytes = atBase(file);
      compare(absolute, file, 'catalog', bytes);
      if (!bytes) {
        out.notes.push(`The catalog ${file} does not exist at the base commit and was not loaded.`);
        continue;
      }
      const framework = parseCatalog(bytes.toString('utf8'), { file: absolute, cwd, knownRules, takenFrameworks: taken });
      taken.add(framework.id);
      out.catalogs.push(definePlugin({ name: `catalog:${displayPath(absolute, cwd)}`, rules: [], frameworks: [framework] }));
    }
  } else {
    out.catalogs = loadCatalogPlugins(options.catalogs, options.plugins, { cwd });
    if (base !== undefined) {
      for (const catalog of options.catalogs) {
        const absolute = path.resolve(cwd, catalog);
        if (isInside(absolute, root)) compare(absolute, repoPath(absolute, 'catalog'), 'catalog', atBase(repoPath(absolute, 'catalog')));
      }
    }
  }
  return out;
}

function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
