// Types for TypeScript users of the package (the package itself is plain JavaScript).
import type { Plugin } from '@kubecomply/core';

declare const plugin: Plugin;
export default plugin;
