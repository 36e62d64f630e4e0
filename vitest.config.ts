import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, entry = 'index') => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; only the end-to-end tests use the built CLI.
    alias: [
      { find: /^@kubecomply\/core$/, replacement: src('core') },
      { find: /^@kubecomply\/core\/testing$/, replacement: src('core', 'testing/index') },
      { find: /^@kubecomply\/rules-cis$/, replacement: src('rules-cis') },
      { find: /^@kubecomply\/rules-pci$/, replacement: src('rules-pci') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
