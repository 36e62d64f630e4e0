import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

/**
 * The command's loader (packages/cli/src/loader.ts, dist/cli.js) keeps V8's
 * code cache of the bundle in the user's cache directory on Node 20; on
 * Node 22.1 and later Node's own compile cache is used instead and nothing
 * goes there. Whatever the cache does, the report is the same.
 */
const work = mkdtempSync(path.join(tmpdir(), 'kc-startup-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ARGS = ['-f', 'json', 'examples/shop/storefront.yaml'];
const nodeCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const plain = runCli(ARGS, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
const cachesIn = (home: string) => {
  try {
    return readdirSync(path.join(home, 'kubecomply'));
  } catch {
    return [];
  }
};

describe('the code cache of the bundle', () => {
  it('a plain run (NODE_DISABLE_COMPILE_CACHE) lints as usual', () => {
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(0);
  });

  it.skipIf(nodeCache)('is written after the first run, named by version, bundle hash and Node, and read by the next', () => {
    const home = path.join(work, 'cache');
    const first = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(first).toMatchObject({ code: plain.code, stdout: plain.stdout, stderr: '' });
    const files = cachesIn(home);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+-[0-9a-f]{16}-node${process.versions.node}-${process.arch}\\.v8cache$`));
    const file = path.join(home, 'kubecomply', files[0] as string);
    const written = statSync(file).mtimeMs;
    const second = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(second).toMatchObject({ code: plain.code, stdout: plain.stdout, stderr: '' });
    // V8 took it: a rejected cache would have been written again.
    expect(statSync(file).mtimeMs).toBe(written);
    expect(cachesIn(home)).toEqual(files);
  });

  it.skipIf(nodeCache)('a damaged cache file is replaced, and the report is the same', () => {
    const home = path.join(work, 'damaged');
    runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    const [name] = cachesIn(home);
    const file = path.join(home, 'kubecomply', name as string);
    writeFileSync(file, 'not a code cache');
    const r = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(r).toMatchObject({ code: plain.code, stdout: plain.stdout, stderr: '' });
    expect(statSync(file).size).toBeGreaterThan(100_000);
  });

  it('a cache directory that cannot be made is no error', () => {
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, '');
    const r = runCli(ARGS, { env: { XDG_CACHE_HOME: blocker } });
    expect(r).toMatchObject({ code: plain.code, stdout: plain.stdout, stderr: '' });
  });

  it('NODE_DISABLE_COMPILE_CACHE writes none', () => {
    const home = path.join(work, 'disabled');
    mkdirSync(home);
    runCli(ARGS, { env: { XDG_CACHE_HOME: home, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(cachesIn(home)).toEqual([]);
  });
});

describe('a run of one small file', () => {
  it('loads none of the Node built-ins it does not use (crypto, net, stream, v8, worker_threads, child_process, perf_hooks)', () => {
    const list = path.join(work, 'modules.json');
    const preload = path.join(work, 'modules.cjs');
    writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`);
    const r = runCli(['examples/shop/storefront.yaml'], { node: ['-r', preload] });
    expect(r.code).toBe(0);
    const loaded = JSON.parse(readFileSync(list, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule fs');
    for (const name of ['crypto', 'net', 'stream', 'v8', 'worker_threads', 'child_process', 'perf_hooks', 'tty', 'os']) {
      expect(loaded, name).not.toContain(`NativeModule ${name}`);
    }
  });
});
