/**
 * --shard i/n and "kubecomply merge": the merged report of all shards is
 * byte-identical to the report of one unsharded run, whole-set rules
 * included, on examples/shop and on the real-world corpus (skipped without
 * ../shared).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsOf, root, runCli } from './support/cli-run.js';

const realWorld = path.resolve(root, '../shared/corpus/real-world');
let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'kubecomply-shards-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs every shard of `count` into its own file and returns the files. */
function shardRun(name: string, count: number, args: readonly string[], cwd = root): string[] {
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(out, `${name}-${i + 1}-of-${count}.json`);
    const r = runCli(['--shard', `${i + 1}/${count}`, '-f', 'json', '-o', file, ...args], { cwd });
    // A config found in the working directory is named; nothing else is said.
    expect(r.stderr).toBe(existsSync(path.join(cwd, '.kubecomply.yaml')) ? 'kubecomply: using config .kubecomply.yaml\n' : '');
    expect(r.code).toBe(0);
    return file;
  });
}

function expectSameAsOneRun(name: string, count: number, args: readonly string[], formats: readonly string[], cwd = root) {
  const shards = shardRun(name, count, args, cwd);
  for (const format of formats) {
    const one = runCli(['-f', format, ...args], { cwd });
    const merged = runCli(['merge', '-f', format, ...shards.reverse()], { cwd });
    expect(merged.stderr).toBe(one.stderr);
    expect(merged.code).toBe(one.code);
    expect(merged.stdout.length, format).toBe(one.stdout.length);
    expect(merged.stdout === one.stdout, `${format}: merged output differs from one run`).toBe(true);
  }
  return shards;
}

describe('sharding examples/shop', () => {
  it('each shard reports only its own files, and every file belongs to exactly one shard', () => {
    const shards = shardRun('own', 3, ['examples/shop']);
    const reports = shards.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { findings: { file: string }[]; files: string[]; shard: { index: number } });
    const owners = new Map<string, number>();
    for (const r of reports) for (const f of r.findings) owners.set(f.file, owners.has(f.file) && owners.get(f.file) !== r.shard.index ? -1 : r.shard.index);
    expect([...owners.values()]).not.toContain(-1);
    expect(new Set(owners.values()).size).toBeGreaterThan(1);
    // Every shard read every file (whole-set rules need them all).
    for (const r of reports) expect(r.files).toEqual(reports[0]?.files);
  });

  it('whole-set findings come out as in one run: the namespace finding needs the workloads of other files', () => {
    const shards = shardRun('set', 4, ['examples/shop']);
    const merged = findingsOf(runCli(['merge', '-f', 'json', ...shards], { cwd: root }));
    const namespace = merged.filter((f) => f.file === 'examples/shop/namespace.yaml').map((f) => f.ruleId);
    expect(namespace).toContain('namespace-without-networkpolicy');
    expect(namespace).toContain('cde-namespace-without-default-deny');
  });

  it('merged json, sarif, junit, github, markdown and stylish equal one run byte for byte, exit code included', () => {
    expectSameAsOneRun('shop', 4, ['examples/shop'], ['json', 'sarif', 'junit', 'github', 'markdown', 'stylish']);
  });

  it('more shards than files: the empty shards merge too', () => {
    expectSameAsOneRun('many', 6, ['examples/shop'], ['json']);
  });

  it('the config (suppressions, severities, failOn) and --baseline apply as in one run', () => {
    const dir = path.join(out, 'configured');
    mkdirSync(dir, { recursive: true });
    for (const f of ['namespace.yaml', 'payments.yaml', 'storefront.yaml', 'node-agent.yaml']) {
      writeFileSync(path.join(dir, f), readFileSync(path.join(root, 'examples/shop', f)));
    }
    writeFileSync(
      path.join(dir, '.kubecomply.yaml'),
      [
        'rules: { host-port: warning }',
        'failOn: warning',
        'suppressions:',
        '  - { rule: host-pid, resources: [{ kind: DaemonSet, name: node-agent }], reason: node metrics }',
        '  - { rule: privileged-container, files: ["nowhere/**"], reason: matches nothing }',
        '',
      ].join('\n'),
    );
    const baselineRun = runCli(['--write-baseline', 'base.json', '-f', 'json', 'payments.yaml'], { cwd: dir });
    expect(baselineRun.code).toBe(0);
    const shards = shardRun('configured', 2, ['.'], dir);
    for (const format of ['json', 'sarif']) {
      const one = runCli(['--baseline', 'base.json', '-f', format, '.'], { cwd: dir });
      const merged = runCli(['merge', '--baseline', 'base.json', '-f', format, ...shards], { cwd: dir });
      expect(merged.code).toBe(one.code);
      expect(merged.stdout === one.stdout, `${format} differs`).toBe(true);
    }
    const found = findingsOf(runCli(['merge', '-f', 'json', ...shards], { cwd: dir }));
    // The unused config suppression is judged on the whole input, once.
    expect(found.filter((f) => f.ruleId === 'unused-suppression').map((f) => f.file)).toEqual(['.kubecomply.yaml']);
  });

  it('merge refuses reports that are not all the shards of one run', () => {
    const shards = shardRun('refuse', 3, ['examples/shop']);
    const missing = runCli(['merge', shards[0] as string, shards[2] as string], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe("kubecomply: Shard 2/3 missing: merge needs every shard's report.");
    const twice = runCli(['merge', shards[0] as string, shards[0] as string, shards[1] as string], { cwd: root });
    expect(twice.stderr.split('\n')[0]).toMatch(/are both shard 1\/3\.$/);
    const other = shardRun('other', 3, ['examples/shop/payments.yaml', 'examples/shop/namespace.yaml']);
    const mixed = runCli(['merge', shards[0] as string, other[1] as string, shards[2] as string], { cwd: root });
    expect(mixed.stderr.split('\n')[0]).toMatch(/come from different runs/);
    const plain = path.join(out, 'plain.json');
    writeFileSync(plain, runCli(['-f', 'json', 'examples/shop'], { cwd: root }).stdout);
    expect(runCli(['merge', plain], { cwd: root }).stderr.split('\n')[0]).toBe(
      `kubecomply: ${plain} is not the JSON report of a shard (written with --shard i/n -f json).`,
    );
  });

  it('--shard takes i/n and only the json format', () => {
    for (const bad of ['0/4', '5/4', '2', 'a/b']) {
      const r = runCli(['--shard', bad, '-f', 'json', 'examples/shop'], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`kubecomply: --shard must look like <i>/<n> with 1 <= i <= n, e.g. 2/4, not "${bad}".`);
    }
    expect(runCli(['--shard', '1/2', 'examples/shop'], { cwd: root }).stderr.split('\n')[0]).toMatch(/use -f json, not -f stylish/);
  });
});

describe.skipIf(!existsSync(realWorld))('sharding ../shared/corpus/real-world', () => {
  // Eight runs over 148 files: minutes on a loaded machine.
  it('4 shards merged give byte-identical json and sarif to one run', { timeout: 600_000 }, () => {
    expectSameAsOneRun('real-world', 4, [path.relative(root, realWorld)], ['json', 'sarif']);
  });
});
