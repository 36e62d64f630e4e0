import { existsSync, readlinkSync } from 'node:fs';
import type { MessagePort, Worker } from 'node:worker_threads';
import { lazyBuiltin } from '../base/builtins.js';
import type { AjvLoader } from '../config/checks.js';
import type { Plugin } from '../engine/plugin.js';
import type { BatchResult, BatchUnit, ParallelRun, WorkerBatch } from '../engine/parallel.js';
import type { RunOptions } from '../engine/lint.js';
import { lint, type LintRequest } from './lint.js';
import { tracePhase } from '../base/trace.js';

/**
 * The script a worker thread of a parallel `lint()` runs: a module that
 * calls `serveLintWorker` when `isLintWorker()` (the command's bundle is its
 * own worker script). `data` is passed to its setup, to load the same rule
 * packages as the main thread.
 */
export interface LintWorkerScript {
  /** A file path or file: URL of a script Node can run as a worker (`.js`, `.cjs`, `.mjs`). */
  entry: string | URL;
  /** Structured-cloneable data for the script's setup. */
  data?: unknown;
}

/** A worker thread that stopped without handing over its share: out of memory, or an error outside any rule. */
export class LintWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LintWorkerError';
  }
}

/** What the worker's setup gives: the same rule packages as the main thread, and ajv for config checks. */
export interface LintWorkerSetup {
  plugins: readonly Plugin[];
  loadAjv?: AjvLoader;
}

const MARK = 'kubecomply-lint-worker';
/**
 * Given to every worker thread as its one argument (process.argv), so that
 * isLintWorker() on the main thread answers without loading worker_threads
 * (a few milliseconds of every start of the command); workerData decides.
 */
const WORKER_ARG = `--${MARK}`;
const threads = lazyBuiltin('node:worker_threads');

/** The request as it crosses to a worker: what decides which rules run and how findings are located. */
type WireRequest = Pick<LintRequest, 'paths' | 'cwd' | 'config' | 'frameworks' | 'level' | 'kubeVersion' | 'rules' | 'disable' | 'catalogs' | 'helm'>;

interface WorkerInput {
  [MARK]: true;
  request: WireRequest;
  units: readonly BatchUnit[];
  data: unknown;
  port: MessagePort;
  /** [0]: set once the worker has posted; [1]: its thread's id on Linux, to notice a thread that died. */
  signal: Int32Array;
}

type WorkerMessage = { result: BatchResult } | { error: string };

/** Set in a worker thread while it lints its share. */
let current: WorkerBatch | undefined;

/** Whether this thread is a worker thread started by a parallel `lint()`. */
export function isLintWorker(): boolean {
  // The argument first: on the main thread, where the command asks this at every start, worker_threads is not loaded.
  if (!process.argv.includes(WORKER_ARG)) return false;
  const { isMainThread, workerData } = threads();
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.[MARK] === true;
}

/** The linux thread id of this thread, when /proc says it. */
function threadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/**
 * In a worker thread of a parallel `lint()`: loads the rule packages with
 * `setup`, lints the share the main thread gave it and hands the result
 * over. A rule that throws or a document that cannot be parsed is a
 * finding, as in a single-threaded run; anything else is sent back as an
 * error that fails the run.
 */
export function serveLintWorker(setup: (data: unknown) => LintWorkerSetup | Promise<LintWorkerSetup>): void {
  if (!isLintWorker()) throw new Error('serveLintWorker() runs only in a worker thread started by lint({ jobs }).');
  const input = threads().workerData as WorkerInput;
  Atomics.store(input.signal, 1, threadId());
  let sent = false;
  const send = (message: WorkerMessage) => {
    if (sent) return;
    sent = true;
    tracePhase('export');
    // The typed arrays are handed over, not copied.
    const handed =
      'result' in message
        ? [message.result.events, message.result.spots, message.result.findings.numbers, message.result.findings.segments].map((a) => a.buffer)
        : [];
    input.port.postMessage(message, handed);
    tracePhase('post');
    Atomics.store(input.signal, 0, 1);
    Atomics.notify(input.signal, 0);
  };
  process.on('exit', (code) => send({ error: `the worker thread exited with code ${code}` }));
  void (async () => {
    try {
      tracePhase('worker-start');
      const { plugins, loadAjv } = await setup(input.data);
      tracePhase('worker-setup');
      current = { units: input.units, done: (result) => send({ result }) };
      lint({ ...input.request, plugins, ...(loadAjv ? { loadAjv } : {}) });
      if (!sent) send({ error: 'the worker thread finished without a result' });
    } catch (err) {
      send({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      current = undefined;
    }
  })();
}

/** Waits, blocking this thread, for a worker's share; throws LintWorkerError when it fails or dies. */
function waitFor(worker: Worker, port: MessagePort, signal: Int32Array): BatchResult {
  for (;;) {
    const got = threads().receiveMessageOnPort(port) as { message: WorkerMessage } | undefined;
    if (got) {
      void worker.terminate();
      if ('error' in got.message) throw new LintWorkerError(`A worker thread failed: ${got.message.error}`);
      return got.message.result;
    }
    Atomics.wait(signal, 0, 0, 250);
    // A thread stopped by V8 (out of memory) runs no more JavaScript: /proc tells that it is gone.
    const tid = Atomics.load(signal, 1);
    if (tid !== 0 && Atomics.load(signal, 0) === 0 && !existsSync(`/proc/self/task/${tid}`)) {
      const late = threads().receiveMessageOnPort(port);
      if (late) continue;
      throw new LintWorkerError('A worker thread stopped without a result (out of memory?); run again with --jobs 1, or with a larger --max-old-space-size.');
    }
  }
}

/** The run options a `lint()` request asks for: a share to lint in a worker thread, or worker threads to start. */
export function parallelRunOptions(request: LintRequest): Pick<RunOptions, 'parallel' | 'batch'> {
  if (current) return { batch: current };
  const jobs = request.jobs ?? 1;
  if (jobs === 1 || !request.worker || request.shard || (request.paths ?? []).includes('-')) return {};
  const script = request.worker;
  const wire: WireRequest = {};
  for (const key of ['paths', 'cwd', 'config', 'frameworks', 'level', 'kubeVersion', 'rules', 'disable', 'catalogs', 'helm'] as const) {
    if (request[key] !== undefined) (wire as Record<string, unknown>)[key] = request[key];
  }
  const parallel: ParallelRun = {
    jobs,
    start: (batches) =>
      batches.map((units) => {
        const { port1, port2 } = new (threads().MessageChannel)();
        const signal = new Int32Array(new SharedArrayBuffer(8));
        const input: WorkerInput = { [MARK]: true, request: wire, units, data: script.data, port: port2, signal };
        const worker = new (threads().Worker)(script.entry, { workerData: input, transferList: [port2], argv: [WORKER_ARG] });
        // Its failure is read from the port; the event would only come once this thread is idle again.
        worker.on('error', () => undefined);
        worker.unref();
        return { wait: () => waitFor(worker, port1, signal) };
      }),
  };
  return { parallel };
}
