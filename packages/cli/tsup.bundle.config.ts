import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { lazyPackages } from './tsup.lazy';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The bundles committed at the repository root, in bundle/: kubecomply.cjs
 * for the pre-commit hook (the root package.json's bin) and action.cjs for
 * the GitHub Action (action.yml). Neither client builds anything: pre-commit
 * installs the repository with npm, the runner runs `main` as it is. Same
 * settings as the command's own build (tsup.config.ts), without source maps,
 * so a fresh build gives the same bytes (test/bundles.test.ts checks it).
 * `pnpm bundle` rewrites them.
 */
export default defineConfig({
  entry: { kubecomply: 'src/cli.ts', action: 'src/action/main.ts' },
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  outDir: process.env['KUBECOMPLY_BUNDLE_DIR'] ?? '../../bundle',
  target: 'node20',
  platform: 'node',
  clean: false,
  splitting: false,
  minify: true,
  sourcemap: false,
  define: { __KUBECOMPLY_VERSION__: JSON.stringify(version) },
  noExternal: [/.*/],
  esbuildPlugins: [lazyPackages(['picocolors', 'micromatch'])],
});
