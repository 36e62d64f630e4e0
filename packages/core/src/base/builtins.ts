import { createRequire } from 'node:module';

/** The built-ins loaded with lazyBuiltin. */
interface LazyBuiltins {
  'node:crypto': typeof import('node:crypto');
  'node:net': typeof import('node:net');
  'node:os': typeof import('node:os');
  'node:v8': typeof import('node:v8');
  'node:vm': typeof import('node:vm');
  'node:worker_threads': typeof import('node:worker_threads');
}

/** Node's require, for the built-ins of a Node without process.getBuiltinModule (before 20.16); any path resolves them alike. */
let requireBuiltin: NodeJS.Require | undefined;

/**
 * A Node built-in module, loaded on the first call and kept. Built-ins that
 * are not in Node's start-up snapshot (crypto, net, v8, worker_threads, os)
 * cost one to six milliseconds each to load, which a
 * one-file run that never calls them should not pay (docs/performance.md,
 * "Start-up").
 */
export function lazyBuiltin<ID extends keyof LazyBuiltins>(id: ID): () => LazyBuiltins[ID] {
  let loaded: LazyBuiltins[ID] | undefined;
  return () => {
    if (loaded === undefined) {
      const fromProcess = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
      loaded = (fromProcess ? fromProcess.call(process, id) : (requireBuiltin ??= createRequire(process.execPath))(id)) as LazyBuiltins[ID];
    }
    return loaded;
  };
}
