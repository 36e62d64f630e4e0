import { lazyBuiltin } from './builtins.js';
import { ConfigurationError } from './errors.js';

const v8 = lazyBuiltin('node:v8');
const vm = lazyBuiltin('node:vm');

/**
 * Share of V8's heap limit that live data may fill before a run stops: the
 * rest is room to say why. Past it, V8 would soon abort the process with
 * exit 134 and a dump of its heap, and no report at all.
 */
export const HEAP_STOP_SHARE = 0.75;

/** A run that stopped before the heap ran out: one line naming the input and how to give it more memory. */
export class HeapExhaustedError extends ConfigurationError {
  constructor(message: string) {
    super(message);
    this.name = 'HeapExhaustedError';
  }
}

let collect: (() => void) | undefined | null;

/** A full garbage collection, when one can be had; null when it cannot. */
function fullGc(): void {
  if (collect === undefined) {
    try {
      // The flag only exposes `gc` to contexts created after it is set.
      v8().setFlagsFromString('--expose-gc');
      collect = vm().runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

const MB = 1024 * 1024;

/** Reservations smaller than this are not checked on their own (see HeapGuard.reserve). */
const RESERVE_UNCHECKED = 16 * MB;

/**
 * Watches the heap while a run grows it (resources read, findings made, a
 * report written): every `every` calls it looks at V8's heap statistics,
 * and when the heap is past HEAP_STOP_SHARE of its limit, it collects
 * garbage once to see what is live. If live data is still past the share,
 * it throws a HeapExhaustedError (a ConfigurationError: one line, exit 2)
 * naming what was being done to which input and the flag that raises the
 * limit: "Out of memory while <doing> <input>: …".
 */
export class HeapGuard {
  private calls = 0;
  /** Heap used after the last full collection this guard asked for. */
  private afterGc = 0;

  constructor(
    private readonly every = 500,
    /** What the run is doing to the input, for the message (`linting`, `writing the sarif report of`). */
    private readonly doing = 'linting',
  ) {}

  check(input: () => string, progress: () => string): void {
    if (++this.calls % this.every !== 0) return;
    this.ensure(0, input, progress);
  }

  /**
   * Checks now, not every `every` calls, that `bytes` more fit beside what
   * is live: before a step that allocates much at once (a report's text
   * made whole to be written). Less than RESERVE_UNCHECKED is left to the
   * periodic check: a small run then never loads V8's heap statistics
   * (node:v8 brings node:stream with it, a few milliseconds of start-up).
   */
  reserve(bytes: number, input: () => string, progress: () => string): void {
    if (bytes < RESERVE_UNCHECKED) return;
    this.ensure(bytes, input, progress);
  }

  private ensure(bytes: number, input: () => string, progress: () => string): void {
    const { used_heap_size: used, heap_size_limit: total } = v8().getHeapStatistics();
    // The limit counts the young generation's semispaces (48 MB on 64-bit); what fills up is the old space.
    const limit = total - Math.min(48 * MB, total / 4);
    const stop = limit * HEAP_STOP_SHARE - bytes;
    // Between collections, garbage counts in `used`: collect only when the heap has grown since the last one.
    if (used < stop || (bytes === 0 && used < this.afterGc + limit * 0.05)) return;
    fullGc();
    this.afterGc = v8().getHeapStatistics().used_heap_size;
    if (this.afterGc < stop) return;
    const limitMb = Math.round(limit / MB);
    const needs = bytes > 0 ? ` and needs ${Math.round(bytes / MB)} MB more` : '';
    throw new HeapExhaustedError(
      `Out of memory while ${this.doing} ${input()}: the run holds ${Math.round(this.afterGc / MB)} MB of its ${limitMb} MB heap${needs} (${progress()}). ` +
        `Give it more with NODE_OPTIONS=--max-old-space-size=${Math.max(1024, 2 ** Math.ceil(Math.log2(limitMb * 2)))}, or lint fewer files per run (--shard).`,
    );
  }
}
