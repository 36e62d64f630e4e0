/**
 * How a parallel run (--jobs) is planned: how many threads `auto` takes,
 * and how the files are cut into shares, the main thread's larger since a
 * worker starts later and hands its results over at the end. That the
 * output is byte-identical is test/jobs-cli.test.ts's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTO_BYTES_PER_THREAD, partFilter, planBatches, shareEnds, threadsFor, type BatchUnit } from '../src/engine/parallel.js';
import type { InputFile } from '../src/input/collect.js';

const MB = 1024 * 1024;
const work = mkdtempSync(path.join(tmpdir(), 'kubecomply-plan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(sizes: readonly number[]): InputFile[] {
  return sizes.map((size, i) => {
    const absolute = path.join(work, `f${i}-${size}.yaml`);
    writeFileSync(absolute, Buffer.alloc(size, 0x20));
    return { absolute, display: `f${i}.yaml` } as InputFile;
  });
}

describe('threadsFor', () => {
  it('takes the number asked for', () => {
    expect(threadsFor(3, 10, 2, 50)).toBe(3);
    expect(threadsFor(1, 100 * MB, 16, 0)).toBe(1);
  });

  it('auto: one thread on 2 cores, however large the input and however idle the machine (measured no faster)', () => {
    expect(threadsFor('auto', 1000 * MB, 2, 0)).toBe(1);
    expect(threadsFor('auto', 1000 * MB, 3, 0)).toBe(1);
  });

  it('auto: two cores per thread that are idle by the load average, and enough input per thread', () => {
    expect(threadsFor('auto', 1000 * MB, 4, 0)).toBe(2);
    expect(threadsFor('auto', 1000 * MB, 4, 1)).toBe(1);
    expect(threadsFor('auto', 1000 * MB, 8, 2)).toBe(3);
    expect(threadsFor('auto', 1000 * MB, 64, 0)).toBe(4);
    expect(threadsFor('auto', 2 * AUTO_BYTES_PER_THREAD - 1, 8, 0)).toBe(1);
    expect(threadsFor('auto', 2 * AUTO_BYTES_PER_THREAD, 8, 0)).toBe(2);
    // The real-world corpus (10.8 MB), slower with two threads, stays on one.
    expect(threadsFor('auto', 10.8 * MB, 64, 0)).toBe(1);
  });
});

describe('shares', () => {
  it('the main thread takes more than a worker, at most half as much again as an even share', () => {
    for (const [total, threads] of [
      [20 * MB, 2],
      [20 * MB, 4],
      [2 * MB, 2],
      [100 * MB, 3],
    ] as const) {
      const ends = shareEnds(total, threads);
      expect(ends).toHaveLength(threads);
      expect(ends.at(-1)).toBe(total);
      const sizes = ends.map((end, i) => end - (i === 0 ? 0 : (ends[i - 1] as number)));
      expect(sizes[0]).toBeGreaterThan(total / threads);
      expect(sizes[0]).toBeLessThanOrEqual((1.5 * total) / threads + 1e-6);
      for (const worker of sizes.slice(1)) expect(worker).toBeCloseTo(sizes[1] as number, 3);
    }
  });

  it('one large file is split by its documents at the end of each share, and every offset belongs to exactly one part', () => {
    const batches = planBatches(files([20 * MB]), 2);
    expect(batches).toHaveLength(2);
    const parts = batches.map((b) => (b[0] as BatchUnit).part as NonNullable<BatchUnit['part']>);
    expect(parts.map((p) => [p.index, p.count])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(parts[0]?.from).toBe(0);
    expect(parts[1]?.to).toBe(1);
    expect(parts[0]?.to).toBe(parts[1]?.from);
    // The main thread's part is the larger.
    expect(parts[0]?.to).toBeGreaterThan(0.5);
    const filters = parts.map(partFilter);
    const length = 20 * MB;
    for (let start = 0; start < length; start += 997) expect(filters.filter((f) => f(start, length))).toHaveLength(1);
    // The first share reports a file that cannot be read (part(0, 1)), and only it.
    expect(filters.map((f) => f(0, 1))).toEqual([true, false]);
  });

  it('many files go whole, contiguous and in order, the main thread first with the larger share', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 100_000 + i * 1000);
    const batches = planBatches(files(sizes), 3);
    expect(batches).toHaveLength(3);
    const order = batches.flat().map((u) => u.file);
    expect(order).toEqual(sizes.map((_, i) => i));
    expect(batches.flat().every((u) => u.part === undefined)).toBe(true);
    const bytes = batches.map((b) => b.reduce((sum, u) => sum + (sizes[u.file] as number), 0));
    expect(bytes[0]).toBeGreaterThan(bytes[1] as number);
    expect(bytes[0]).toBeGreaterThan(bytes[2] as number);
  });

  it('a small input with --jobs 2 still gives the worker a share; auto keeps it on one thread', () => {
    const small = files([30_000, 30_000, 30_000, 30_000]);
    expect(planBatches(small, 2)).toHaveLength(2);
    expect(planBatches(small, 'auto')).toHaveLength(1);
  });
});
