import { definePlugin, type Framework, type Rule } from '@kubecomply/core';

export const rules: readonly Rule[] = [];
export const frameworks: readonly Framework[] = [];

/** PCI DSS v4.0 rules and catalog. */
const plugin = definePlugin({ name: '@kubecomply/rules-pci', rules, frameworks });
export default plugin;
