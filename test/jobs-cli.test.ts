// @requires ../shared (some cases): the corpus cases run only when ../shared is there (test/support/corpus.ts).
/**
 * --jobs: a run split between worker threads writes the same bytes as a
 * single-threaded one, on examples/, on generated corpora large enough that
 * one file is split by its documents between threads, with a plugin whose
 * rule throws, and on every folder of the third-party corpus; a worker
 * thread that dies fails the run with one line and exit code 2.
 * Speed belongs in `pnpm bench` (bench/jobs.mjs), never here.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types.
import { generateFindingsHeavy, generateScaling } from '../bench/generate.mjs';
import { REPO_ROOT, runCli } from './support/cli.js';
import { HAS_CORPUS, corpusPath } from './support/corpus.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubecomply-jobs-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The report of one run with `--jobs n`, written to a file; the exit code and standard error must be those of a run that found something. */
function report(jobs: number | 'auto', args: readonly string[], cwd = REPO_ROOT): { bytes: Buffer; code: number | null } {
  const out = path.join(work, `report-${jobs}.out`);
  const r = runCli([...args, '--jobs', String(jobs), '-o', out], { cwd, timeoutMs: 600_000 });
  expect(r.stderr).toBe('');
  return { bytes: readFileSync(out), code: r.code };
}

/** Asserts that 2 and 3 threads write the bytes 1 does, and that the run found something (so the comparison means something). */
function sameAsOneThread(args: readonly string[], cwd = REPO_ROOT, jobs: readonly (number | 'auto')[] = [2, 3]): void {
  const one = report(1, args, cwd);
  expect(one.code).toBe(1);
  expect(one.bytes.length).toBeGreaterThan(1000);
  for (const n of jobs) {
    const many = report(n, args, cwd);
    expect(many.code).toBe(one.code);
    expect(many.bytes.equals(one.bytes), `--jobs ${n} differs from --jobs 1 for ${args.join(' ')}`).toBe(true);
  }
}

// Several runs of the built command each, on a loaded machine: minutes, not the default minute.
const SLOW = 900_000;

describe('--jobs', { timeout: SLOW }, () => {
  it('examples/: JSON, SARIF and stylish are byte-identical with 1, 2 and 3 threads', () => {
    for (const format of ['json', 'sarif', 'stylish']) sameAsOneThread(['examples', '-f', format]);
  });

  it('a file split by its documents between threads (1,000 Deployments in one file, and in files of 100)', () => {
    const one = path.join(work, 'one-file');
    const many = path.join(work, 'files-of-100');
    generateScaling(one, 1000);
    generateScaling(many, 1000, { perFile: 100 });
    expect(readdirSync(many)).toHaveLength(10);
    // A rule that notes which thread checked each Deployment, and of which file, and reports nothing.
    const log = path.join(work, 'threads.log');
    const plugin = path.join(work, 'threads.mjs');
    writeFileSync(
      plugin,
      `import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
export default { name: 'threads', frameworks: [], rules: [{ id: 'notes-its-thread', description: 'Notes.', severity: 'info', appliesTo: ['Deployment'], remediation: 'None.',
  check(resource) { if (process.env.JOBS_LOG) appendFileSync(process.env.JOBS_LOG, threadId + ' ' + resource.name + '\\n'); } }] };\n`,
    );
    const threads = (dir: string, jobs: number): Set<string> => {
      writeFileSync(log, '');
      const r = runCli(['--plugin', plugin, dir, '--jobs', String(jobs), '-f', 'json', '-o', path.join(work, 'ignored.json')], { env: { JOBS_LOG: log } });
      expect(r.code).toBe(1);
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      // Every Deployment checked once, by 1 or 2 threads.
      expect(new Set(lines.map((l) => l.split(' ')[1])).size).toBe(1000);
      expect(lines).toHaveLength(1000);
      return new Set(lines.map((l) => l.split(' ')[0] as string));
    };
    expect(threads(one, 1).size).toBe(1);
    expect(threads(one, 2).size).toBe(2);
    expect(threads(many, 2).size).toBe(2);
    sameAsOneThread([one, '-f', 'json']);
    sameAsOneThread([many, '-f', 'json']);
  });

  it('findings-heavy input: every Deployment unhardened, in flow style', () => {
    const dir = path.join(work, 'findings-heavy');
    generateFindingsHeavy(dir, 1500);
    sameAsOneThread([dir, '-f', 'json'], REPO_ROOT, [2]);
  });

  it('a rule that throws is a rule-error finding in a worker too, with the same report', () => {
    const plugin = path.join(work, 'throws.mjs');
    writeFileSync(
      plugin,
      `export default { name: 'throws', frameworks: [], rules: [{ id: 'always-throws', description: 'Throws.', severity: 'error', appliesTo: ['Deployment'], remediation: 'None.',
        check(resource) { throw new Error('broken on ' + resource.name); } }] };\n`,
    );
    sameAsOneThread(['--plugin', plugin, 'examples', '-f', 'json'], REPO_ROOT, [2]);
    const out = JSON.parse(readFileSync(path.join(work, 'report-2.out'), 'utf8')) as { findings: { ruleId: string; message: string }[] };
    expect(out.findings.filter((f) => f.ruleId === 'rule-error').length).toBeGreaterThan(1);
  });

  it('a worker thread that dies fails the run with one line and exit code 2', () => {
    const plugin = path.join(work, 'dies.mjs');
    writeFileSync(
      plugin,
      `import { isMainThread } from 'node:worker_threads';
export default { name: 'dies', frameworks: [], rules: [{ id: 'kills-its-thread', description: 'Exits.', severity: 'error', appliesTo: ['Deployment'], remediation: 'None.',
  check() { if (!isMainThread) process.exit(7); } }] };\n`,
    );
    const r = runCli(['--plugin', plugin, 'examples', '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('kubecomply: A worker thread failed: the worker thread exited with code 7\n');
  });

  it('--jobs takes a whole number from 1, or auto', () => {
    for (const bad of ['0', 'two', '1.5']) {
      const r = runCli(['examples', '--jobs', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`kubecomply: --jobs must be a whole number of threads from 1, or auto, not "${bad}".`);
    }
    sameAsOneThread(['examples', '-f', 'json'], REPO_ROOT, ['auto']);
  });
});

describe.runIf(HAS_CORPUS)('--jobs on the third-party corpus', { timeout: SLOW }, () => {
  for (const folder of HAS_CORPUS ? readdirSync(corpusPath()).filter((f) => !f.includes('.')) : []) {
    it(`${folder}: JSON is byte-identical with 1 and 2 threads`, () => {
      sameAsOneThread([corpusPath(folder), '-f', 'json'], REPO_ROOT, [2]);
    });
  }
});
