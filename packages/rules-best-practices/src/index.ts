import { definePlugin, type Framework } from '@kubecomply/core';
import bestPractices from './frameworks/kubecomply-best-practices.js';
import { rules } from './rules/index.js';

export { rules };
export const frameworks: readonly Framework[] = [bestPractices];

/**
 * Reliability and hygiene rules (probes, requests, disruption budgets,
 * dangling references, per-workload network isolation) that other linters
 * of the field check, each mapped to the framework controls it evidences.
 */
const plugin = definePlugin({ name: '@kubecomply/rules-best-practices', rules, frameworks });
export default plugin;
