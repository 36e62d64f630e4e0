import type { Plugin } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import rulesSchema from '@kubecomply/rules-schema';

/** The rule packages the command ships with. */
export const BUILTIN_PLUGINS: readonly Plugin[] = [rulesCis, rulesPci, rulesSchema];
