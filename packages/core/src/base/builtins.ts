import { createRequire } from 'node:module';

/** Node's require, for the built-ins of a Node without process.getBuiltinModule (before 20.16); any path resolves them alike. */
let requireBuiltin: NodeJS.Require | undefined;

/**
 * A Node built-in module, loaded on the first call and kept. Built-ins that
 * are not in Node's start-up snapshot (crypto, net, v8, worker_threads, os,
 * child_process) cost one to six milliseconds each to load, which a
 * one-file run that never calls them should not pay (docs/performance.md,
 * "Start-up").
 */
export function lazyBuiltin<ID extends keyof NodeJS.BuiltInModule>(id: ID): () => NodeJS.BuiltInModule[ID] {
  let loaded: NodeJS.BuiltInModule[ID] | undefined;
  return () => {
    if (loaded === undefined) {
      const fromProcess = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
      loaded = (fromProcess ? fromProcess(id) : (requireBuiltin ??= createRequire(process.execPath))(id)) as NodeJS.BuiltInModule[ID];
    }
    return loaded;
  };
}
