import { definePlugin, type Framework } from '@kubecomply/core';
import pciDss from './frameworks/pci-dss.js';
import { rules } from './rules/index.js';
import { PCI_SETTING } from './settings/pci-settings.js';

export { rules };
/** What puts a namespace or workload in the CDE, for rule packages that add their own CDE rules. */
export { CdeScope, DEFAULT_NAMESPACE_NAME, DEFAULT_SCOPE_LABEL, DEFAULT_SCOPE_VALUES, scopeOfSet } from './checks/cde-scope.js';
export type { NamespaceFacts, WorkloadFacts } from './checks/cde-scope.js';
export type { PciScope, PciSettings } from './settings/pci-settings.js';
export const frameworks: readonly Framework[] = [pciDss];

/** PCI DSS v4.0.1 rules (cardholder data environment scope, segmentation, exposure, card data) and catalog. */
const plugin = definePlugin({ name: '@kubecomply/rules-pci', rules, frameworks, settings: [PCI_SETTING] });
export default plugin;
