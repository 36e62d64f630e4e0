import { definePlugin, type Framework } from '@kubecomply/core';
import { rules } from './rules/index.js';

export { rules };
export const frameworks: readonly Framework[] = [];

/** PCI DSS v4.0 rules and catalog. */
const plugin = definePlugin({ name: '@kubecomply/rules-pci', rules, frameworks });
export default plugin;
