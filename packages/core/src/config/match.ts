import path from 'node:path';
import type { ResourceRef } from '../base/types.js';
import type { ResourceSelector } from './types.js';
import { compileGlob } from './glob.js';

/**
 * Matches display paths (relative to `cwd`, as findings carry them) against
 * globs relative to `baseDir`. A glob also matches every file under a
 * directory it matches, as in .gitignore: `vendor` or `vendor/` ignores
 * vendor/a.yaml. As in .gitignore too, a glob starting with `!` takes back
 * what earlier globs matched, and the last glob that matches a path decides:
 * `["vendor/**", "!vendor/keep.yaml"]` matches every file under vendor/ but
 * keep.yaml. Files outside `baseDir` and standard input match nothing.
 * Globs are matched in linear time (config/glob.ts).
 */
export function fileMatcher(globs: readonly string[], baseDir: string, cwd: string): (display: string) => boolean {
  const compiled = globs.map((g) => {
    const negated = g.startsWith('!');
    const body = (negated ? g.slice(1) : g).replace(/\/$/, '').replace(/^\.\//, '');
    return { negated, match: compileGlob(body) };
  });
  const cache = new Map<string, boolean>();
  return (display) => {
    let hit = cache.get(display);
    if (hit !== undefined) return hit;
    hit = false;
    if (display !== '<stdin>') {
      const rel = path.relative(baseDir, path.resolve(cwd, display)).split(path.sep).join('/');
      if (rel !== '' && !rel.startsWith('../') && !path.isAbsolute(rel)) {
        const parts = rel.split('/');
        const prefixes = parts.map((_, n) => parts.slice(0, n + 1).join('/'));
        for (const glob of compiled) {
          if (glob.negated === hit && prefixes.some((p) => glob.match(p))) hit = !glob.negated;
        }
      }
    }
    cache.set(display, hit);
    return hit;
  };
}

/** Matches resources against selectors; a resource matches when any selector does (globs matched in linear time). */
export function resourceMatcher(selectors: readonly ResourceSelector[]): (resource: ResourceRef) => boolean {
  const compiled = selectors.map((s) => ({
    kind: s.kind === undefined ? undefined : compileGlob(s.kind),
    namespace: s.namespace === undefined ? undefined : compileGlob(s.namespace),
    name: s.name === undefined ? undefined : compileGlob(s.name),
  }));
  return (resource) =>
    compiled.some(
      (s) =>
        (!s.kind || s.kind(resource.kind)) &&
        (!s.namespace || (resource.namespace !== undefined && s.namespace(resource.namespace))) &&
        (!s.name || s.name(resource.name)),
    );
}

/**
 * A predicate over findings' places: the file globs and the resource
 * selectors must both match when given; a finding without a resource never
 * matches selectors.
 */
export function placeMatcher(
  scope: { files?: readonly string[]; resources?: readonly ResourceSelector[] },
  baseDir: string,
  cwd: string,
): (file: string, resource: ResourceRef | undefined) => boolean {
  const files = scope.files && scope.files.length > 0 ? fileMatcher(scope.files, baseDir, cwd) : undefined;
  const resources = scope.resources && scope.resources.length > 0 ? resourceMatcher(scope.resources) : undefined;
  return (file, resource) => (!files || files(file)) && (!resources || (resource !== undefined && resources(resource)));
}
