import type { Plugin } from '@kubecomply/core';
import rulesBestPractices from '@kubecomply/rules-best-practices';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';

/** The rule packages the command ships with. */
export const BUILTIN_PLUGINS: readonly Plugin[] = [rulesCis, rulesPci, rulesBestPractices];
