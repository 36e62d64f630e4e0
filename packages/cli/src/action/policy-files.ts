import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILE_NAMES, ConfigurationError, loadCatalogPlugins, parseBaseline, type Baseline, type Plugin, type SourceText } from '@kubecomply/core';
import type { Git } from './git.js';
import { loadActionPlugins } from './plugins.js';

/** A policy file (config, baseline, catalog) that the pull request adds, deletes or changes. */
export interface PolicyChange {
  /** From the repository root, '/' separators. */
  file: string;
  kind: 'config' | 'baseline' | 'catalog' | 'plugin';
  change: 'added' | 'deleted' | 'modified';
}

export interface PolicyFiles {
  /** The commit the files were read from, or undefined when they came from the checkout. */
  commit: string | undefined;
  /** What lint() takes as `config`: the base commit's text, none (false), or the checkout's file (a path, or undefined to find it). */
  config: SourceText | false | string | undefined;
  baseline: { baseline: Baseline; display: string } | undefined;
  /** The rule packages the config names (`plugins:`), from the same commit as the config. */
  plugins: Plugin[];
  /** Catalog plugins, to run after the rule packages. */
  catalogs: Plugin[];
  /** What the pull request changes in the policy files, compared with the base commit. */
  changes: PolicyChange[];
  /** Things the summary should say (a file missing at the base, say). */
  notes: string[];
  /** Removes what loading took from the base commit; call when the run is over. */
  cleanup(): void;
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

function shown(absolute: string, cwd: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/');
}

function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The config, baseline and catalogs the run uses. On a pull request they come
 * from the base commit through git, so a pull request cannot loosen its own
 * gate (an `ignore: ["**"]` added to the config, its findings written into
 * the baseline); each file it changes is listed for the summary.
 */
export async function loadPolicyFiles(options: PolicyOptions): Promise<PolicyFiles> {
  const { cwd, root, git, base } = options;
  const fromBase = base !== undefined && git !== undefined && !options.fromHead;
  const repoPath = (absolute: string, what: string): string => {
    if (!isInside(absolute, root)) {
      throw new ConfigurationError(
        `The ${what} ${shown(absolute, cwd)} is outside the repository, so the base commit cannot provide it; set use-head-config: true to read it from the checkout.`,
      );
    }
    return path.relative(root, absolute).split(path.sep).join('/');
  };
  const out: PolicyFiles = {
    commit: fromBase ? base : undefined,
    config: options.config,
    baseline: undefined,
    plugins: [],
    catalogs: [],
    changes: [],
    notes: [],
    cleanup: () => {},
  };
  const atBase = (file: string): Buffer | undefined => (base !== undefined && git ? git.show(base, file) : undefined);
  /** Records how the checkout's file differs from the base commit's; returns the base's bytes. */
  const compare = (absolute: string, kind: PolicyChange['kind']): Buffer | undefined => {
    if (base === undefined || !isInside(absolute, root)) return undefined;
    const file = repoPath(absolute, kind);
    const before = atBase(file);
    const after = readHead(absolute);
    const change = !before ? (after ? 'added' : undefined) : !after ? 'deleted' : before.equals(after) ? undefined : 'modified';
    if (change) out.changes.push({ file, kind, change });
    return before;
  };

  // The config: the one named, or the nearest to the working directory within the repository, as the command looks for it.
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (dir === root || path.dirname(dir) === dir) break;
  }
  const candidates =
    options.config !== undefined ? [[path.resolve(cwd, options.config)]] : dirs.map((dir) => CONFIG_FILE_NAMES.map((name) => path.join(dir, name)));
  const texts = new Map<string, Buffer | undefined>();
  for (const file of candidates.flat()) texts.set(file, compare(file, 'config'));
  if (fromBase) {
    out.config = false;
    for (const group of candidates) {
      const present = group.filter((file) => texts.get(file) !== undefined);
      if (present.length > 1)
        throw new ConfigurationError(`${present.map((f) => repoPath(f, 'config')).join(' and ')} both exist at the base commit; keep one of them.`);
      const [file] = present;
      if (file !== undefined) {
        out.config = { file, text: (texts.get(file) as Buffer).toString('utf8') };
        break;
      }
    }
    if (out.config === false) {
      out.notes.push(
        options.config !== undefined
          ? `The config ${repoPath(path.resolve(cwd, options.config), 'config')} does not exist at the base commit, so the built-in defaults apply.`
          : 'The base commit has no config file at or above the working directory, so the built-in defaults apply.',
      );
    }
  }

  // The config's plugins, from the commit the config came from.
  const loaded = await loadActionPlugins({ config: out.config, cwd, root, git, commit: out.commit });
  out.plugins = loaded.plugins;
  out.changes.push(...loaded.changes);
  out.notes.push(...loaded.notes);
  out.cleanup = loaded.cleanup;
  const packages = [...options.plugins, ...loaded.plugins];

  if (options.baseline !== undefined) {
    const absolute = path.resolve(cwd, options.baseline);
    const display = shown(absolute, cwd);
    const before = compare(absolute, 'baseline');
    if (fromBase) {
      if (before) out.baseline = { baseline: parseBaseline(before.toString('utf8'), display), display };
      else out.notes.push(`The baseline ${repoPath(absolute, 'baseline')} does not exist at the base commit, so no finding is taken as known.`);
    } else {
      const bytes = readHead(absolute);
      if (!bytes) throw new ConfigurationError(`Cannot read baseline ${display}: no such file.`);
      out.baseline = { baseline: parseBaseline(bytes.toString('utf8'), display), display };
    }
  }

  if (options.catalogs.length > 0) {
    const befores = options.catalogs.map((catalog) => compare(path.resolve(cwd, catalog), 'catalog'));
    if (!fromBase) {
      out.catalogs = loadCatalogPlugins(options.catalogs, packages, { cwd });
    } else {
      // The base commit's catalogs, laid out as in the repository in a scratch directory, so
      // core's loader reads them and names them as it names the checkout's.
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'kubecomply-base-'));
      try {
        const scratchCwd = path.join(scratch, path.relative(root, cwd));
        const present: string[] = [];
        options.catalogs.forEach((catalog, i) => {
          const absolute = path.resolve(cwd, catalog);
          const before = befores[i];
          if (!before) {
            out.notes.push(`The catalog ${repoPath(absolute, 'catalog')} does not exist at the base commit and was not loaded.`);
            return;
          }
          const copy = path.join(scratch, repoPath(absolute, 'catalog'));
          mkdirSync(path.dirname(copy), { recursive: true });
          writeFileSync(copy, before);
          present.push(path.relative(cwd, absolute));
        });
        mkdirSync(scratchCwd, { recursive: true });
        out.catalogs = loadCatalogPlugins(present, packages, { cwd: scratchCwd });
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
  }
  return out;
}
