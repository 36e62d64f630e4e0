import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  // The Kubernetes types from kubernetes-models (a devDependency) are inlined into
  // the declarations, so users get complete types without its 37 MB. Its files
  // import each other without an extension ('./Container'); ours always name one.
  dts: { resolve: [/^(@kubernetes-models\/apimachinery|kubernetes-models)\//, /^\.\.?\/[^.]*$/] },
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: false,
});
