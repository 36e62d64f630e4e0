import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigurationError, YamlDocument, findConfigFile, type Plugin, type SourceText } from '@kubecomply/core';
import { loadPlugins, type PluginSpec } from '../command-line/plugins.js';
import type { Git } from './git.js';
import type { PolicyChange } from './policy-files.js';

/** The rule packages the config names, loaded, and what the summary should say about them. */
export interface ActionPlugins {
  plugins: Plugin[];
  changes: PolicyChange[];
  notes: string[];
  /** Removes the base commit's copies of plugins; call once the lint is done (a plugin may read its files while it runs). */
  cleanup(): void;
}

export interface ActionPluginOptions {
  /** The config in force: the base commit's text, a file of the checkout, none, or undefined to find the nearest. */
  config: SourceText | false | string | undefined;
  cwd: string;
  root: string;
  git: Git | undefined;
  /** The commit the policy is read from, when it is the pull request's base. */
  commit: string | undefined;
}

/** The package manifests and lockfiles npm, pnpm and yarn install a package's dependencies from. */
const DEPENDENCY_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'];

function isPathSpec(name: string): boolean {
  return name === '.' || name === '..' || /^\.\.?[\\/]/.test(name) || path.isAbsolute(name);
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

const slash = (p: string) => p.split(path.sep).join('/');

/** The `plugins` of a config text, as the command reads them; anything malformed is left for lint() to report. */
function pluginNames(text: string): string[] {
  let value: unknown;
  try {
    value = YamlDocument.parse(text, { positions: false }).value;
  } catch {
    return [];
  }
  const names = (value as { plugins?: unknown } | null)?.plugins;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n !== '') : [];
}

/**
 * The config's `plugins` for the Action. From the checkout (a push, or
 * use-head-config) they load as the command loads them. When the policy
 * comes from the pull request's base commit, so do the plugins: their names
 * are the base config's, and a plugin named by a path is loaded from the
 * base commit's files (its package folder, written out of git beside the
 * checkout's so its imports and node_modules resolve alike), so a pull
 * request cannot add, change or empty a plugin to pass its own check. A
 * plugin named as an npm package comes from node_modules as the workflow
 * installed it: the summary says so and names the manifests and lockfiles
 * the pull request changes.
 */
export async function loadActionPlugins(options: ActionPluginOptions): Promise<ActionPlugins> {
  const { cwd, root, git, commit } = options;
  const out: ActionPlugins = { plugins: [], changes: [], notes: [], cleanup: () => {} };
  let file: string | undefined;
  let text: string;
  if (options.config === false) return out;
  if (typeof options.config === 'object') {
    file = options.config.file;
    text = options.config.text;
  } else {
    try {
      file = options.config !== undefined ? path.resolve(cwd, options.config) : findConfigFile(cwd);
      if (file === undefined) return out;
      text = readFileSync(file, 'utf8');
    } catch {
      return out; // lint() reports a config it cannot read.
    }
  }
  const names = pluginNames(text);
  if (names.length === 0) return out;
  const configDir = path.dirname(file);
  const display = slash(path.relative(root, file));
  const where = commit ? `plugins in ${display} of the base commit ${commit.slice(0, 12)}` : `plugins in ${display}`;
  if (!commit || !git) {
    out.plugins = await loadPlugins(names.map((name) => ({ name, from: configDir, where })));
    return out;
  }

  const scratches: string[] = [];
  out.cleanup = () => {
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const specs: PluginSpec[] = [];
    const fromNpm: string[] = [];
    for (const name of names) {
      if (!isPathSpec(name)) {
        fromNpm.push(name);
        specs.push({ name, from: configDir, where });
        continue;
      }
      const target = path.resolve(configDir, name);
      if (!inside(target, root)) {
        throw new ConfigurationError(
          `Plugin "${name}" (${where}) is outside the repository, so the base commit cannot provide it; set use-head-config: true to load it from the checkout.`,
        );
      }
      const copy = baseCopy(git, commit, root, target);
      scratches.push(copy.scratch);
      specs.push({ name: copy.target, from: copy.dir, where });
      if (git.changedUnder(commit, copy.folder)) out.changes.push({ file: copy.folder === '' ? '.' : `${copy.folder}/`, kind: 'plugin', change: 'modified' });
    }
    if (fromNpm.length > 0) {
      const changed = new Set<string>();
      for (const dir of new Set([configDir, root])) {
        for (const name of DEPENDENCY_FILES) {
          const rel = slash(path.relative(root, path.join(dir, name)));
          const before = git.show(commit, rel);
          const absolute = path.join(dir, name);
          const after = existsSync(absolute) ? readFileSync(absolute) : undefined;
          const change = !before ? (after ? 'added' : undefined) : !after ? 'deleted' : before.equals(after) ? undefined : 'modified';
          if (change) changed.add(rel);
        }
      }
      out.notes.push(
        `The plugin${fromNpm.length === 1 ? '' : 's'} ${fromNpm.map((n) => `"${n}"`).join(', ')} ${fromNpm.length === 1 ? 'comes' : 'come'} from node_modules as this workflow installed ${fromNpm.length === 1 ? 'it' : 'them'}, not from git` +
          (changed.size > 0
            ? `, and this pull request changes ${[...changed].join(', ')}: install the base branch's dependencies, or name the plugin by a path in the repository, to keep a pull request from changing it.`
            : '.'),
      );
    }
    out.plugins = await loadPlugins(specs);
    return out;
  } catch (err) {
    out.cleanup();
    throw err;
  }
}

/**
 * Writes a path plugin's package folder as it is at the base commit beside
 * the checkout's: the nearest folder at or above the plugin holding a
 * package.json (the repository's own excepted), else the plugin's folder.
 */
function baseCopy(git: Git, commit: string, root: string, target: string): { scratch: string; dir: string; target: string; folder: string } {
  const rel = slash(path.relative(root, target));
  const isFile = git.show(commit, rel) !== undefined;
  let folder = isFile ? path.posix.dirname(rel) : rel;
  if (folder === '.') folder = '';
  for (let dir = folder; dir !== ''; dir = path.posix.dirname(dir) === '.' ? '' : path.posix.dirname(dir)) {
    if (git.show(commit, `${dir}/package.json`) !== undefined) {
      folder = dir;
      break;
    }
  }
  const files = git.filesUnder(commit, folder, folder !== '');
  if (files.length === 0) {
    throw new ConfigurationError(
      `Plugin "./${rel}" is not in the pull request's base commit ${commit.slice(0, 12)}; the Action loads plugins named by a path from the base commit (commit it there first, or set use-head-config: true).`,
    );
  }
  const name = `.kubecomply-base-${randomBytes(6).toString('hex')}`;
  const folderAbs = path.join(root, ...folder.split('/').filter(Boolean));
  const scratch = folder === '' ? path.join(root, name) : path.join(path.dirname(folderAbs), name);
  const dir = folder === '' ? scratch : path.join(scratch, path.basename(folderAbs));
  for (const f of files) {
    const dest = path.join(dir, ...path.posix.relative(folder, f.file).split('/'));
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, f.bytes);
  }
  // The plugin's installed dependencies, which git does not hold, are the checkout's.
  const modules = path.join(folderAbs, 'node_modules');
  if (folder !== '' && existsSync(modules) && !existsSync(path.join(dir, 'node_modules'))) symlinkSync(modules, path.join(dir, 'node_modules'), 'dir');
  const within = path.join(dir, ...path.posix.relative(folder, rel).split('/').filter(Boolean));
  if (isFile && !existsSync(within)) {
    throw new ConfigurationError(`Plugin "./${rel}" is not in the pull request's base commit ${commit.slice(0, 12)}.`);
  }
  return { scratch, dir, target: within, folder };
}
