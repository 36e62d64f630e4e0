import { definePlugin } from '@kubecomply/core';
import cisKubernetes from './frameworks/cis-kubernetes.js';
import pssBaseline from './frameworks/pss-baseline.js';
import pssRestricted from './frameworks/pss-restricted.js';
import { rules } from './rules/index.js';

export { rules };
export { atProfileLevel } from './frameworks/profile-level.js';
export const frameworks = [pssBaseline, pssRestricted, cisKubernetes];

/** CIS Kubernetes Benchmark and Pod Security Standards rules. */
const plugin = definePlugin({ name: '@kubecomply/rules-cis', rules, frameworks });
export default plugin;
