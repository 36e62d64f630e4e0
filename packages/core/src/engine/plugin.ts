import type { SchemaObjectKeys, SchemaValidator } from '../base/schema-validator.js';
import type { Framework } from './framework.js';
import type { Rule } from './rule.js';

/**
 * A setting a rule package reads from `.kubecomply.yaml`: the value under a
 * top-level key of its own (the PCI package's `pci`, say). The config loader
 * checks it with the package's validator, reports problems with file, line
 * and column like its own, and the rules read it as `settings.packages[key]`.
 */
export interface PluginSetting {
  /** The top-level config key. */
  key: string;
  description: string;
  /** The value's JSON Schema compiled by scripts/gen-validator.mjs. */
  validate: SchemaValidator;
  /** The compiled module's OBJECT_KEYS. */
  objectKeys: SchemaObjectKeys;
}

/** A rule package: its rules, the framework catalogs it ships, and the settings its rules read. */
export interface Plugin {
  name: string;
  rules: readonly Rule[];
  frameworks: readonly Framework[];
  settings?: readonly PluginSetting[];
}

/** Declares a rule package: its rules, framework catalogs and settings. Freezes it. */
export function definePlugin(plugin: Plugin): Plugin {
  return Object.freeze(plugin);
}
