import { excerpt } from '../base/excerpt.js';
import { BUILTIN_RULES } from '../engine/builtin.js';
import type { Plugin } from '../engine/plugin.js';
import type { JsonPath } from '../base/types.js';
import { ConfigError } from './load.js';
import { nearest } from '../base/nearest.js';
import type { ConfigProblem } from '../base/problem.js';
import type { LoadedConfig } from './types.js';

/** The rule and framework ids a run knows. */
export interface KnownIds {
  rules: ReadonlySet<string>;
  frameworks: ReadonlySet<string>;
}

/** Every rule id (the built-in ones included) and framework id of some plugins. */
export function knownIds(plugins: readonly Plugin[]): KnownIds {
  return {
    rules: new Set([...BUILTIN_RULES.map((r) => r.id), ...plugins.flatMap((p) => p.rules.map((r) => r.id))]),
    frameworks: new Set(plugins.flatMap((p) => p.frameworks.map((f) => f.id))),
  };
}

/**
 * Checks that every rule and framework id the config names exists; throws a
 * ConfigError with the position of each unknown one and the nearest known id.
 */
export function checkConfigReferences(loaded: LoadedConfig, known: KnownIds): void {
  const { config } = loaded;
  const problems: ConfigProblem[] = [];
  const check = (id: string, kind: 'rule' | 'framework', where: string, path: JsonPath) => {
    const ids = kind === 'rule' ? known.rules : known.frameworks;
    if (ids.has(id)) return;
    const suggestion = nearest(id, ids);
    const hint = suggestion
      ? `; did you mean "${suggestion}"?`
      : ids.size > 0 && kind === 'framework'
        ? `; known frameworks: ${[...ids].sort().join(', ')}`
        : '';
    problems.push(loaded.problemAt(path, `unknown ${kind} "${excerpt(id)}" in ${where}${hint}`));
  };
  config.frameworks?.forEach((id, i) => check(id, 'framework', 'frameworks', ['frameworks', i]));
  for (const id of Object.keys(config.rules ?? {})) check(id, 'rule', 'rules', ['rules', id]);
  config.overrides?.forEach((o, i) => {
    for (const id of Object.keys(o.rules)) check(id, 'rule', `overrides[${i}].rules`, ['overrides', i, 'rules', id]);
  });
  config.suppressions?.forEach((s, i) => check(s.rule, 'rule', `suppressions[${i}]`, ['suppressions', i, 'rule']));
  for (const id of Object.keys(config.minScore ?? {})) check(id, 'framework', 'minScore', ['minScore', id]);
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
}
