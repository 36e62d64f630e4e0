import { createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin for the command's bundles (tsup.config.ts,
 * tsup.bundle.config.ts): the CommonJS packages named here run at their
 * first use, not when the bundle loads. esbuild runs a CommonJS package that
 * an ES module imports at the top of the bundle, before the command does
 * anything; picocolors reads process.stdout there, which makes Node build the
 * stream and load its modules (about 6 ms), and micromatch builds its tables,
 * though a run that names no glob never calls it (docs/performance.md,
 * "Start-up").
 *
 * The importer gets a stand-in, made from the package's exports as the build
 * sees them: each function is one that requires the package at its first
 * call (esbuild inlines that require as a CommonJS wrapper that runs on its
 * first call) and calls the package's own; other values are getters. The
 * default export is the stand-in itself, callable when the package is a function.
 * A package listed in `beside` is required as `./<name>.js`, a file of its
 * own beside the bundle (an entry of the build: the package's main file), so the bundle
 * every run reads and compiles does not hold it at all.
 */
export function lazyPackages(names: readonly string[], options: { beside?: readonly string[] } = {}): Plugin {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`^(?:${escaped.join('|')})$`);
  return {
    name: 'lazy-packages',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        // The stand-in's own require is the package itself.
        args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package', pluginData: args.resolveDir },
      );
      build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => (args.namespace === 'lazy-package' ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        const resolveDir = args.pluginData as string;
        const real = createRequire(`${resolveDir}/`)(args.path) as Record<string, unknown>;
        const name = JSON.stringify(options.beside?.includes(args.path) ? `./${args.path}.js` : args.path);
        const lines = [
          'let loaded;',
          `const load = () => (loaded ??= require(${name}));`,
          typeof real === 'function' ? 'const lazy = (...args) => load()(...args);' : 'const lazy = {};',
        ];
        const named: string[] = [];
        for (const key of Object.keys(real)) {
          const k = JSON.stringify(key);
          if (typeof real[key] === 'function') lines.push(`lazy[${k}] = (...args) => load()[${k}](...args);`);
          else lines.push(`Object.defineProperty(lazy, ${k}, { get: () => load()[${k}], enumerable: true });`);
          if (/^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default' && typeof real[key] === 'function') named.push(key);
        }
        lines.push('export default lazy;');
        for (const key of named) lines.push(`export const ${key} = lazy[${JSON.stringify(key)}];`);
        return { contents: lines.join('\n'), resolveDir, loader: 'js' };
      });
    },
  };
}

/**
 * An esbuild plugin for the command's dist build: command-line/ajv.ts's
 * require('ajv') becomes require('./ajv.js'), a file of its own beside the
 * bundle (the `ajv` entry, src/ajv.ts), so the bundle that every run reads
 * and compiles is 125 KB (ajv and fast-uri) smaller; only a run with config
 * checks loads it. The single-file bundles (tsup.bundle.config.ts) keep it inside.
 */
export function ajvBesideBundle(): Plugin {
  return {
    name: 'ajv-beside-bundle',
    setup(build) {
      build.onResolve({ filter: /^ajv$/ }, (args) => (/command-line[\\/]ajv\.ts$/.test(args.importer) ? { path: './ajv.js', external: true } : undefined));
    },
  };
}
