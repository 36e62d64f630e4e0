import type { Framework } from './framework.js';
import type { Rule } from './rule.js';

/** A rule package: its rules and the framework catalogs it ships. */
export interface Plugin {
  name: string;
  rules: readonly Rule[];
  frameworks: readonly Framework[];
}

export function definePlugin(plugin: Plugin): Plugin {
  return Object.freeze(plugin);
}
