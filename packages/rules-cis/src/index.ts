import { definePlugin } from '@kubecomply/core';
import pssBaseline from './frameworks/pss-baseline.js';
import pssRestricted from './frameworks/pss-restricted.js';
import { rules } from './rules/index.js';

export { rules };
export const frameworks = [pssBaseline, pssRestricted];

/** CIS Kubernetes Benchmark and Pod Security Standards rules. */
const plugin = definePlugin({ name: '@kubecomply/rules-cis', rules, frameworks });
export default plugin;
