import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'tsup';
import { ajvBesideBundle, lazyPackages } from './tsup.lazy';

// micromatch is core's dependency: its own entry file, resolved from core.
const micromatchEntry = createRequire(createRequire(import.meta.url).resolve('@kubecomply/core/package.json')).resolve('micromatch');

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The command is bundled into one file with every dependency inlined: resolving
// and loading dozens of modules from node_modules costs more start-up time than
// linting a small file does. It is CommonJS, which Node loads faster than an
// ES module, and minified: V8 parses half the bytes at every start, and the
// source map beside it keeps --debug stack traces usable.
// The bin, dist/cli.js, is the small loader (src/loader.ts) that runs the
// bundle, dist/kubecomply.js, through a V8 code cache; ajv is a file of its
// own, dist/ajv.js, loaded only by runs with config checks, and so is
// micromatch, dist/micromatch.js, loaded only by runs that name a glob.
export default defineConfig({
  entry: { cli: 'src/loader.ts', kubecomply: 'src/cli.ts', ajv: 'src/ajv.ts', micromatch: micromatchEntry },
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
  esbuildPlugins: [lazyPackages(['picocolors', 'micromatch'], { beside: ['micromatch'] }), ajvBesideBundle()],
  // The package is an ES module package; this marks only the bundle as CommonJS.
  // The built-in Kubernetes schemas are data files read on demand, one per kind: they go beside the bundle.
  // The loader names its code cache by the bundle's hash, written in place of a placeholder of the same length.
  onSuccess: async () => {
    writeFileSync(new URL('./dist/package.json', import.meta.url), '{ "type": "commonjs" }\n');
    const schemaPackage = path.dirname(createRequire(import.meta.url).resolve('@kubecomply/rules-schema/package.json'));
    cpSync(path.join(schemaPackage, 'schema-data'), new URL('./dist/schema-data', import.meta.url), { recursive: true });
    const bundleBytes = readFileSync(new URL('./dist/kubecomply.js', import.meta.url));
    // The loader reads the bundle as Latin-1 (src/loader.ts, wrappedBundle): it must be ASCII, as esbuild's default charset makes it.
    const wide = bundleBytes.findIndex((byte) => byte > 0x7f);
    if (wide !== -1) throw new Error(`dist/kubecomply.js: byte ${wide} is not ASCII; the loader reads the bundle as Latin-1`);
    const hash = createHash('sha256').update(bundleBytes).digest('hex');
    const loader = new URL('./dist/cli.js', import.meta.url);
    const text = readFileSync(loader, 'utf8');
    if (!text.includes('@BUNDLE-SHA256@@')) throw new Error('dist/cli.js: the bundle hash placeholder is missing');
    writeFileSync(loader, text.replace('@BUNDLE-SHA256@@', hash.slice(0, 16)));
  },
});
