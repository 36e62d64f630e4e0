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
 */
export function lazyPackages(names: readonly string[]): Plugin {
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const filter = new RegExp(`^(?:${escaped.join('|')})$`);
  return {
    name: 'lazy-packages',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        // The stand-in's own require is the package itself.
        args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package', pluginData: args.resolveDir },
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        const resolveDir = args.pluginData as string;
        const real = createRequire(`${resolveDir}/`)(args.path) as Record<string, unknown>;
        const name = JSON.stringify(args.path);
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
