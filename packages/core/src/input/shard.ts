import { statSync } from 'node:fs';
import { collectFiles } from './collect.js';

/** `{ index: 2, count: 4 }`: the second of four shares of a run's files (index is 1-based). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Which files (display paths) a shard reports on. Every file of the inputs
 * and every text is weighed by its size and dealt, largest first, to the
 * shard with the fewest bytes so far (ties: the lower path, the lower
 * shard), so the shards take about equal time and every shard of the same
 * checkout makes the same split. A file no shard was dealt (a finding about
 * the input as a whole) belongs to shard 1.
 */
export function shardOwner(shard: Shard, inputs: readonly string[], cwd: string, texts: readonly { file: string; text: string }[]): (file: string) => boolean {
  if (!Number.isInteger(shard.count) || !Number.isInteger(shard.index) || shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new TypeError(`A shard is { index, count } with 1 <= index <= count, not ${JSON.stringify(shard)}.`);
  }
  const collected = inputs.length > 0 ? collectFiles(inputs, cwd) : { files: [], unreadable: [] };
  const weighed: { file: string; size: number }[] = [];
  for (const f of collected.files) {
    let size = 0;
    try {
      size = statSync(f.absolute).size;
    } catch {
      // Unreadable: one finding, weightless.
    }
    weighed.push({ file: f.display, size });
  }
  for (const u of collected.unreadable) weighed.push({ file: u.display, size: 0 });
  for (const t of texts) weighed.push({ file: t.file, size: t.text.length });
  weighed.sort((a, b) => b.size - a.size || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const owner = new Map<string, number>();
  for (const { file, size } of weighed) {
    if (owner.has(file)) continue;
    let best = 0;
    for (let i = 1; i < load.length; i++) if ((load[i] as number) < (load[best] as number)) best = i;
    owner.set(file, best + 1);
    load[best] = (load[best] as number) + size;
  }
  return (file) => (owner.get(file) ?? 1) === shard.index;
}
