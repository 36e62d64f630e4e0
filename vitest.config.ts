import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));
const src = (pkg: string, entry = 'index') => path.join(root, 'packages', pkg, 'src', `${entry}.ts`);

/**
 * Tests that read ../shared (third-party corpus, reference schemas) say so
 * in their first lines with `@requires ../shared`. A fresh clone has no
 * ../shared beside it: those files are left out, and one line says which
 * and why. Files that need it for some cases only skip those cases
 * (test/support/corpus.ts, HAS_CORPUS) and say `@requires ../shared (some cases)`.
 */
const shared = path.resolve(root, process.env['KUBECOMPLY_SHARED'] ?? '../shared');
const testFiles = ['test', ...readdirSync(path.join(root, 'packages')).map((p) => path.join('packages', p, 'test'))]
  .filter((dir) => existsSync(path.join(root, dir)))
  .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
const marked = testFiles
  .map((file) => ({ file, head: readFileSync(path.join(root, file), 'utf8').slice(0, 2000) }))
  .filter((t) => t.head.includes('@requires ../shared'));
const whole = marked.filter((t) => !t.head.includes('@requires ../shared (some cases)')).map((t) => t.file);
const partial = marked.filter((t) => t.head.includes('@requires ../shared (some cases)')).map((t) => t.file);
if (!existsSync(shared) && marked.length > 0) {
  console.log(
    `kubecomply: no ${path.relative(root, shared)} beside this checkout, so the tests of the third-party corpus are skipped: ${whole.join(', ')}` +
      (partial.length > 0 ? `; and the corpus cases of ${partial.join(', ')}` : '') +
      '. CI lays ../shared beside the clone and runs them all.',
  );
}

export default defineConfig({
  // The command's sources read their version from the build (tsup's define); tests that import them get this one.
  define: { __KUBECOMPLY_VERSION__: JSON.stringify('0.0.0-test') },
  resolve: {
    // Tests run against the sources; only the end-to-end tests use the built CLI.
    alias: [
      { find: /^@kubecomply\/core$/, replacement: src('core') },
      { find: /^@kubecomply\/core\/testing$/, replacement: src('core', 'testing/index') },
      { find: /^@kubecomply\/rules-best-practices$/, replacement: src('rules-best-practices') },
      { find: /^@kubecomply\/rules-cis$/, replacement: src('rules-cis') },
      { find: /^@kubecomply\/rules-pci$/, replacement: src('rules-pci') },
      { find: /^@kubecomply\/rules-schema$/, replacement: src('rules-schema') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(existsSync(shared) ? [] : whole)],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.generated.*', '**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The floor sits a little under what the suite reaches in-process (the
      // end-to-end tests run the built CLI in child processes, which v8
      // coverage of the runner does not see); raise it as tests grow. Without
      // ../shared the corpus cases are skipped and reach about a point less
      // (statements 83.3% against 84.2% on 835fa6d), so that floor is lower.
      thresholds: existsSync(shared) ? { lines: 85, statements: 84, functions: 85, branches: 74 } : { lines: 84, statements: 82, functions: 85, branches: 74 },
    },
  },
});
