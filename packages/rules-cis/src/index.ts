import { definePlugin } from '@kubecomply/core';
import cisKubernetes from './frameworks/cis-kubernetes.js';
import mitreAttack from './frameworks/mitre-attack.js';
import nistSp800190 from './frameworks/nist-800-190.js';
import nsaCisa from './frameworks/nsa-cisa.js';
import pssBaseline from './frameworks/pss-baseline.js';
import pssRestricted from './frameworks/pss-restricted.js';
import { rules } from './rules/index.js';

export { rules };
export const frameworks = [pssBaseline, pssRestricted, cisKubernetes, nsaCisa, mitreAttack, nistSp800190];

/** CIS Kubernetes Benchmark and Pod Security Standards rules. */
const plugin = definePlugin({ name: '@kubecomply/rules-cis', rules, frameworks });
export default plugin;
