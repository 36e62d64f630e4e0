#!/usr/bin/env node
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/*
 * The command's entry (dist/cli.js). It loads the bundle beside it
 * (dist/kubecomply.js, built from cli.ts) through a V8 code cache, so that a
 * run does not parse and compile the bundle's 800 KB again: compiling it is
 * about a quarter of a one-file run (docs/performance.md, "Start-up").
 *
 * - Node 22.1 and later: Node's own cache (module.enableCompileCache), in the
 *   directory Node chooses (NODE_COMPILE_CACHE, else the temporary directory).
 * - Node 20: the bundle is compiled with vm.Script and the code V8 made is
 *   kept in the user's cache directory ($XDG_CACHE_HOME/kubecomply, else
 *   ~/.cache/kubecomply; %LOCALAPPDATA%\kubecomply on Windows), never beside
 *   the bundle, which may be a read-only global install. The file is named by
 *   the version, the bundle's hash and Node's version and architecture, and
 *   written after the first run (with the functions that run compiled) to a
 *   temporary name and renamed, so concurrent runs never read half a file.
 *   V8 checks it again (source, flags, its own version) and compiles from the
 *   source when it does not match. A cache that cannot be read or written
 *   is no error: the run compiles as it would without one.
 * - NODE_DISABLE_COMPILE_CACHE=1 turns both off; --debug loads the bundle
 *   plainly, so that stack traces map to the sources.
 */

declare const __KUBECOMPLY_VERSION__: string;
/** The bundle's sha256 (first 16 hex digits), written into dist/cli.js by the build (tsup.config.ts) in place of this text. */
const BUNDLE_HASH = '@BUNDLE-SHA256@@';

const bundle = path.join(__dirname, 'kubecomply.js');

/** Where this user's cache goes; undefined when no such directory is known. */
function cacheDir(): string | undefined {
  const env = process.env;
  const base = env['XDG_CACHE_HOME'] || (process.platform === 'win32' ? env['LOCALAPPDATA'] : env['HOME'] && path.join(env['HOME'], '.cache'));
  return base && path.isAbsolute(base) ? path.join(base, 'kubecomply') : undefined;
}

/** Caches of other versions untouched this long are removed when a cache is written. */
const STALE_MS = 30 * 24 * 3600 * 1000;

/** Writes the code cache of `script` as `file`, and removes caches of other versions not written for a month; silent on failure. */
function saveCache(script: Script, dir: string, file: string): void {
  try {
    const data = script.createCachedData();
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
    // Not every other version's cache: two versions in use (two projects) would remove each other's at every run.
    for (const other of readdirSync(dir)) {
      const otherFile = path.join(dir, other);
      if (other.endsWith('.v8cache') && otherFile !== file && Date.now() - statSync(otherFile).mtimeMs > STALE_MS) unlinkSync(otherFile);
    }
  } catch {
    // An unwritable cache directory (read-only home, full disk) only means the next run compiles again.
  }
}

// `kubecomplyImport`: import() of a plugin; vm.Script code cannot call import() itself without a flag (command-line/plugins.ts).
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname, kubecomplyImport) {';
const WRAPPER_END = '\n})';

/**
 * The bundle's text inside the CommonJS wrapper, read into one buffer and
 * made a string once. The bundle is ASCII (esbuild escapes every other
 * character; the build checks it), so it is read as Latin-1, which needs no
 * decoding: about a millisecond less than UTF-8 with a replace and a
 * concatenation, each copying 700 KB, on every run.
 */
function wrappedBundle(): string {
  const fd = openSync(bundle, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = WRAPPER_START.length;
    const buffer = Buffer.allocUnsafe(start + size + WRAPPER_END.length);
    buffer.write(WRAPPER_START, 0, 'latin1');
    let done = 0;
    while (done < size) {
      const n = readSync(fd, buffer, start + done, size - done, done);
      if (n === 0) throw new Error(`${bundle} ended early`);
      done += n;
    }
    // The hash-bang line becomes a comment of the same length: positions in the bundle stay as they are.
    if (buffer[start] === 0x23 && buffer[start + 1] === 0x21) buffer.write('//', start, 'latin1');
    buffer.write(WRAPPER_END, start + size, 'latin1');
    return buffer.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** The bundle as a function of the CommonJS wrapper's arguments, compiled with the cached code when there is one. */
function compileCached(): ((...args: unknown[]) => void) | undefined {
  try {
    const dir = cacheDir();
    const source = wrappedBundle();
    const file = dir && path.join(dir, `${__KUBECOMPLY_VERSION__}-${BUNDLE_HASH}-node${process.versions.node}-${process.arch}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      if (file) cachedData = readFileSync(file);
    } catch {
      // No cache yet.
    }
    const script = new Script(source, {
      filename: bundle,
      ...(cachedData ? { cachedData } : {}),
    });
    if (dir && file && (cachedData === undefined || script.cachedDataRejected === true)) process.once('exit', () => saveCache(script, dir, file));
    return script.runInThisContext() as (...args: unknown[]) => void;
  } catch {
    return undefined;
  }
}

const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
const plain = process.argv.includes('--debug') || (process.env['NODE_DISABLE_COMPILE_CACHE'] ?? '') !== '';
const run = plain || enableCompileCache ? undefined : compileCached();
if (run) {
  const module = { exports: {}, id: bundle, filename: bundle, loaded: false };
  run(module.exports, createRequire(bundle), module, bundle, __dirname, (specifier: string) => import(specifier));
} else {
  if (!plain) enableCompileCache?.();
  require(bundle);
}
