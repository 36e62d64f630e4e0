import { definePlugin, type Framework } from '@kubecomply/core';
import { rules } from './rules/index.js';

export { rules };
export { API_LIFECYCLE, lifecycleOf } from './deprecations/api-lifecycle.js';
export type { ApiLifecycle } from './deprecations/api-lifecycle.js';
export const frameworks: readonly Framework[] = [];

/** Schema validation, deprecated and removed APIs, custom resources checked by their CRDs. */
const plugin = definePlugin({ name: '@kubecomply/rules-schema', rules, frameworks });
export default plugin;
/** Time and bytes spent loading built-in schema data and compiling CRD schemas in this process (for the benchmark). */
export { schemaLoadStats } from './schema/kube-schema.js';
export { crdValidationStats } from './schema/crd-schema.js';
export { validationStats } from './schema/resource-validation.js';
