import type { PluginSetting, Settings } from '@kubecomply/core';
import { OBJECT_KEYS, validate } from './validate.generated.js';

/** What is in the PCI DSS cardholder data environment: `pci.scope` in `.kubecomply.yaml`. */
export interface PciScope {
  /** Namespace globs. */
  namespaces?: string[];
  /** A namespace with all of these labels is in scope. */
  namespaceLabels?: Record<string, string>;
  /** A workload whose pod labels include all of these is in scope. */
  workloadLabels?: Record<string, string>;
}

/** The `pci` key of the config (schema/pci-settings.schema.json). */
export interface PciSettings {
  scope?: PciScope;
}

/** The package's config key, checked by the config loader against schema/pci-settings.schema.json. */
export const PCI_SETTING: PluginSetting = {
  key: 'pci',
  description: 'PCI DSS settings: what is in the cardholder data environment (scope).',
  validate,
  objectKeys: OBJECT_KEYS,
};

/** The configured CDE scope of a run, if any. */
export function pciScopeOf(settings: Settings): PciScope | undefined {
  return (settings.packages[PCI_SETTING.key] as PciSettings | undefined)?.scope;
}
