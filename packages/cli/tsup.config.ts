import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The command is bundled into one file with every dependency inlined: resolving
// and loading dozens of modules from node_modules costs more start-up time than
// linting a small file does. It is CommonJS, which Node loads faster than an
// ES module, and minified: V8 parses half the bytes at every start, and the
// source map beside it keeps --debug stack traces usable.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  target: 'node20',
  platform: 'node',
  clean: true,
  splitting: false,
  minify: true,
  sourcemap: true,
  define: { __KUBECOMPLY_VERSION__: JSON.stringify(version) },
  noExternal: [/.*/],
  // The package is an ES module package; this marks only the bundle as CommonJS.
  // The built-in Kubernetes schemas are data files read on demand, one per kind: they go beside the bundle.
  onSuccess: async () => {
    writeFileSync(new URL('./dist/package.json', import.meta.url), '{ "type": "commonjs" }\n');
    const schemaPackage = path.dirname(createRequire(import.meta.url).resolve('@kubecomply/rules-schema/package.json'));
    cpSync(path.join(schemaPackage, 'schema-data'), new URL('./dist/schema-data', import.meta.url), { recursive: true });
  },
});
