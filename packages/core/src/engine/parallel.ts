import { statSync } from 'node:fs';
import { lazyBuiltin } from '../base/builtins.js';
import type { ControlRef, Finding, JsonPath, RelatedLocation, ResourceRef, Severity } from '../base/types.js';
import { STDIN, type InputFile } from '../input/collect.js';
import { SourceDocument, type Spot } from '../input/source.js';
import { makeResource, type KubernetesObject, type Resource } from '../model/resource.js';
import type { ResourceSummary } from '../model/resource-set.js';
import { isWorkload } from '../model/workload.js';
import type { FindingPolicy, PolicyContext, ResourceSeen, SkippedInput } from './result.js';

const os = lazyBuiltin('node:os');

/*
 * A parallel run. The main thread collects the files and cuts them into
 * contiguous shares (a large file into shares of its documents); worker
 * threads lint the later shares while it lints the first. A worker runs the
 * per-resource rules and locates their findings, then hands over plain data:
 * its findings (before any policy), the summaries of its resources (the whole
 * object of those that whole-set rules keep), and the order in which it met
 * resources and findings. The main thread appends each share in file order
 * and replays that order through the run's policy (suppressions, overrides,
 * unused-suppression tracking), so the policy sees exactly the calls of a
 * single-threaded run; whole-set rules, sorting and formatting then run here
 * as before. Documents of another thread's files read their text again from
 * the file when a finding of a whole-set rule needs a range in them.
 */

/** A file, or one share of its documents, that one thread lints. */
export interface BatchUnit {
  /** Index in the run's collected files. */
  file: number;
  /** Its display path, to check that both threads collected the same files. */
  display: string;
  /** Of a file split between threads: which share of its documents, those starting from `from` to before `to` (fractions of its text's length). */
  part?: { index: number; count: number; from: number; to: number };
}

/** What the main thread asks of whoever starts worker threads (api/parallel.ts). */
export interface ParallelRun {
  /** The number of threads, or 'auto': the cores available, and 1 where the input is too small to pay for a worker's start. */
  jobs: number | 'auto';
  /** Starts one worker per share; `wait()` blocks until the worker hands its share over. */
  start(batches: readonly (readonly BatchUnit[])[]): { wait(): BatchResult }[];
}

/** In a worker: its share, and where to hand the result. */
export interface WorkerBatch {
  units: readonly BatchUnit[];
  done(result: BatchResult): void;
}

/** A document of a worker's files: where it is, and its text when the worker kept it for whole-set rules. */
interface DocPlace {
  file: string;
  index: number;
  startLine: number;
  helmTemplate: string | undefined;
  offset: number;
  length: number;
  text?: string;
}

/** A resource summary as it crosses threads: its document by index, and its object (whole when retained, else its metadata). */
interface WireSummary extends Omit<ResourceSummary, 'resource'> {
  doc: number;
  basePath: JsonPath;
  object: KubernetesObject;
  retained: boolean;
}

/** A worker's share, as plain data. */
export interface BatchResult {
  files: string[];
  resources: ResourceSeen[];
  skipped: SkippedInput[];
  targeted: [string, number[]][];
  docs: DocPlace[];
  /** Ranges the worker located while it had the positions (SourceDocument.keepLocation): per range, its document, its path's key in `findings.strings`, and the Spot's numbers. */
  spots: Int32Array<ArrayBuffer>;
  summaries: WireSummary[];
  /** In order: a resource met (its index in `summaries`), or -1 for the next finding (before the policy) of `findings`. */
  events: Int32Array<ArrayBuffer>;
  findings: PackedFindings;
  /** Per unit: whether it held any document, and how far `events` and `skipped` had got at its end. */
  saw: boolean[];
  marks: [events: number, skipped: number][];
}

/** A summary as the engine keeps it. */
export interface RunSummary extends ResourceSummary {
  source: SourceDocument;
  basePath: JsonPath;
}

/** The parts of a run that a parallel run reads and appends to. */
export interface RunInternals {
  findings: Finding[];
  files: string[];
  addFile(file: string): void;
  resources: ResourceSeen[];
  skipped: SkippedInput[];
  summaries: RunSummary[];
  retained: Map<string, Resource[]>;
  textKept: Set<SourceDocument>;
  positionsKept: Set<SourceDocument>;
  targeted: Map<string, number[]>;
  emptyFile(file: string): void;
}

/**
 * Below this much input per thread a worker costs more than it saves: its
 * start (compiling the bundle, loading the rule packages, reading the
 * config, the pre-pass over every file) and the hand-over of its results.
 * The real-world corpus (10.8 MB in 1,400 files) was slower with two
 * threads than with one (docs/performance.md).
 */
export const AUTO_BYTES_PER_THREAD = 16 * 1024 * 1024;
/** At most this many threads by default: each holds its own heap and reads every file in its pre-pass. */
export const AUTO_MAX_JOBS = 4;
/**
 * Cores 'auto' counts per thread: a single-threaded run already keeps V8's
 * garbage-collector helpers busy on a second core (about a third of its CPU
 * time on the 10,000-Deployment corpus), and each worker brings a heap, and
 * helpers, of its own. On 2 cores, 2 threads were measured no faster than 1.
 */
export const AUTO_CORES_PER_THREAD = 2;
/** A file is split into shares of its documents only from this size: smaller ones go whole to one thread. */
const MIN_SPLIT_BYTES = 256 * 1024;
/**
 * How a worker's share is sized against the main thread's: a worker starts
 * later (its thread, the bundle, the rule packages: about what linting 1 MB
 * takes) and hands its results over at the end (about a fifth of the time it
 * took to lint them: measured per phase with KUBECOMPLY_TRACE=phases), while
 * the main thread lints from the start; so the main thread takes a larger
 * share and both finish together.
 */
const WORKER_START_BYTES = 1024 * 1024;
const WORKER_HANDOVER = 1.2;

/**
 * The number of threads for a run over `bytes` of input. 'auto' takes the
 * cores that are idle, as `make --load-average` does, AUTO_CORES_PER_THREAD
 * per thread: on a machine already busy (a shared CI runner, a laptop
 * building), a second thread only competes with the other work and adds the
 * cost of crossing threads.
 */
export function threadsFor(jobs: number | 'auto', bytes: number, cores?: number, load?: number): number {
  if (jobs !== 'auto') return Math.max(1, Math.floor(jobs));
  // Less input than two threads' worth is one thread whatever the machine: no need to ask it.
  if (bytes < 2 * AUTO_BYTES_PER_THREAD) return 1;
  const available = cores ?? os().availableParallelism();
  const idle = Math.floor(Math.max(0, available - (load ?? os().loadavg()[0] ?? 0) + 0.5));
  return Math.max(1, Math.min(Math.floor(idle / AUTO_CORES_PER_THREAD), AUTO_MAX_JOBS, Math.floor(bytes / AUTO_BYTES_PER_THREAD)));
}

/** The document filter of one share of a file: the documents that start in its part of the file's text. */
export function partFilter(part: NonNullable<BatchUnit['part']>): (start: number, length: number) => boolean {
  return (start, length) => start >= part.from * length && (part.index === part.count - 1 || start < part.to * length);
}

/**
 * Where each share ends, in bytes from the start of the input: the main
 * thread's first and larger (WORKER_HANDOVER), then the workers' of equal size.
 */
export function shareEnds(total: number, threads: number): number[] {
  const workers = threads - 1;
  // At most half as much again as an even share, so that every thread asked for gets some (small inputs with --jobs n).
  const main = Math.min((1.5 * total) / threads, (WORKER_START_BYTES + (WORKER_HANDOVER * total) / workers) / (1 + WORKER_HANDOVER / workers));
  return Array.from({ length: threads }, (_, i) => (i === threads - 1 ? total : main + ((total - main) * i) / workers));
}

/**
 * Cuts the files into contiguous shares, one per thread (shareEnds); a file
 * across the end of a share (and at least MIN_SPLIT_BYTES) is split by its
 * documents there, a smaller one goes to the share its middle falls in. One
 * share means a single-threaded run. Standard input is never shared.
 */
export function planBatches(files: readonly InputFile[], jobs: number | 'auto'): BatchUnit[][] {
  const sizes = files.map((f) => {
    if (f.absolute === STDIN) return Number.NaN;
    try {
      return statSync(f.absolute).size;
    } catch {
      return 0;
    }
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const all = (): BatchUnit[][] => [files.map((f, i) => ({ file: i, display: f.display }))];
  if (Number.isNaN(total) || files.length === 0) return all();
  const threads = threadsFor(jobs, total);
  if (threads < 2) return all();
  const ends = shareEnds(total, threads);
  const shareAt = (at: number): number => {
    const i = ends.findIndex((end) => at < end);
    return i === -1 ? threads - 1 : i;
  };
  const batches: BatchUnit[][] = ends.map(() => []);
  let offset = 0;
  files.forEach((f, i) => {
    const size = sizes[i] as number;
    const first = shareAt(offset);
    const last = shareAt(offset + size - 1);
    if (size >= MIN_SPLIT_BYTES && last > first) {
      // Cut at each share's end inside the file, as a fraction of its length (the same numbers in every thread).
      const cuts = ends.slice(first, last).map((end) => (end - offset) / size);
      const count = cuts.length + 1;
      for (let index = 0; index < count; index++) {
        const part = { index, count, from: index === 0 ? 0 : (cuts[index - 1] as number), to: index === count - 1 ? 1 : (cuts[index] as number) };
        (batches[first + index] as BatchUnit[]).push({ file: i, display: f.display, part });
      }
    } else {
      (batches[shareAt(offset + size / 2)] as BatchUnit[]).push({ file: i, display: f.display });
    }
    offset += size;
  });
  const filled = batches.filter((b) => b.length > 0);
  return filled.length > 0 ? filled : all();
}

/**
 * Findings as they cross threads: numbers in one typed array, which is
 * handed over without a copy, and every string once in a table, since
 * copying a hundred thousand small objects and strings between heaps costs
 * more than linting them. Messages repeat (26,000 distinct in 110,000 on
 * the 10,000-Deployment corpus) and paths are made of a few dozen keys, so
 * both go as indexes into the table. Controls and remediation are the
 * rule's, added again on the other side.
 */
interface PackedFindings {
  /** Per finding, FIELDS numbers: see `apply`. */
  numbers: Int32Array<ArrayBuffer>;
  /** Path segments of every finding, one after the other: a key as its index in `strings`, an item index i as -(i + 1). */
  segments: Int32Array<ArrayBuffer>;
  strings: string[];
  refs: ResourceRef[];
  helms: Finding['helm'][];
  related: RelatedLocation[][];
}

const FIELDS = 15;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** The keys of a finding as the engine makes one, in order; any other shape crosses whole. */
const SHAPE = /^ruleId,severity,message,(resource,)?file,range,path,pathFound,(helm,)?(related,)?controls,remediation$/;

/** A copy of `array`, at least `size` long: twice as long, or more. */
function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** In a worker: notes the resources met and the findings made, for the main thread's policy, and keeps none. */
export class RecordingPolicy implements FindingPolicy {
  private readonly events: number[] = [];
  readonly objects: KubernetesObject[] = [];
  private readonly ids = new Map<object, number>();
  private numbers = new Int32Array(FIELDS * 1024);
  private count = 0;
  private segments = new Int32Array(8192);
  private segmentCount = 0;
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly refs: ResourceRef[] = [];
  private readonly refIds = new Map<ResourceRef, number>();
  private readonly helms: Finding['helm'][] = [];
  private readonly helmIds = new Map<object, number>();
  private readonly related: RelatedLocation[][] = [];

  /** The index of a string in the table sent along. */
  string(value: string): number {
    let id = this.stringIds.get(value);
    if (id === undefined) this.stringIds.set(value, (id = this.strings.push(value) - 1));
    return id;
  }

  /** The strings so far, for other parts of the batch to index into. */
  get table(): readonly string[] {
    return this.strings;
  }

  seen(resource: Resource): void {
    const id = this.objects.length;
    this.ids.set(resource, id);
    // What a policy reads of a resource is its metadata; whole objects cross only for whole-set rules.
    const { apiVersion, kind, metadata } = resource.object;
    this.objects.push(metadata === undefined ? { apiVersion, kind } : { apiVersion, kind, metadata });
    this.events.push(id);
  }

  apply(finding: Finding, context: PolicyContext): Finding | null {
    this.events.push(-1);
    const f = finding;
    if (!SHAPE.test(Object.keys(f).join(','))) throw new Error(`A finding of ${f.ruleId} has a shape the worker cannot send.`);
    let ref = -1;
    if (f.resource) {
      ref = this.refIds.get(f.resource) ?? -1;
      if (ref === -1) this.refIds.set(f.resource, (ref = this.refs.push(f.resource) - 1));
    }
    let helm = -1;
    if (f.helm) {
      helm = this.helmIds.get(f.helm) ?? -1;
      if (helm === -1) this.helmIds.set(f.helm, (helm = this.helms.push(f.helm) - 1));
    }
    const related = f.related ? this.related.push(f.related) - 1 : -1;
    const { start, end } = f.range;
    if (this.numbers.length < (this.count + 1) * FIELDS) this.numbers = grow(this.numbers, (this.count + 1) * FIELDS);
    if (this.segments.length < this.segmentCount + f.path.length) this.segments = grow(this.segments, this.segmentCount + f.path.length);
    const n = this.numbers;
    const at = this.count * FIELDS;
    n[at] = this.string(f.ruleId);
    n[at + 1] = SEVERITIES.indexOf(f.severity);
    n[at + 2] = ref;
    n[at + 3] = this.string(f.file);
    n[at + 4] = start.line;
    n[at + 5] = start.column;
    n[at + 6] = end.line;
    n[at + 7] = end.column;
    n[at + 8] = f.path.length;
    n[at + 9] = f.pathFound === undefined ? -1 : f.pathFound ? 1 : 0;
    n[at + 10] = helm;
    n[at + 11] = related;
    n[at + 12] = context.resource ? (this.ids.get(context.resource) ?? -1) : -1;
    n[at + 13] = this.string(f.message);
    n[at + 14] = 0;
    this.count++;
    for (const segment of f.path) {
      if (typeof segment === 'number' && !(Number.isInteger(segment) && segment >= 0 && segment < 2 ** 31 - 1)) {
        throw new Error(`A finding of ${f.ruleId} has a path the worker cannot send (${segment}).`);
      }
      this.segments[this.segmentCount++] = typeof segment === 'number' ? -(segment + 1) : this.string(segment);
    }
    return null;
  }

  /** The events and findings so far, as they cross threads. */
  pack(): { events: Int32Array<ArrayBuffer>; findings: PackedFindings } {
    return {
      events: Int32Array.from(this.events),
      findings: {
        numbers: this.numbers.slice(0, this.count * FIELDS),
        segments: this.segments.slice(0, this.segmentCount),
        strings: this.strings,
        refs: this.refs,
        helms: this.helms,
        related: this.related,
      },
    };
  }

  /** How many events so far, to mark the end of a unit. */
  get length(): number {
    return this.events.length;
  }
}

/** In a worker: its share of the run as plain data. */
export function exportBatch(run: RunInternals, recorder: RecordingPolicy, saw: boolean[], marks: [number, number][]): BatchResult {
  const docs: DocPlace[] = [];
  const docIds = new Map<SourceDocument, number>();
  const spots: number[] = [];
  const docOf = (source: SourceDocument): number => {
    let id = docIds.get(source);
    if (id === undefined) {
      id = docs.length;
      const place = source.place ?? { offset: 0, length: source.text.length };
      const doc: DocPlace = {
        file: source.file,
        index: source.index,
        startLine: source.startLine,
        helmTemplate: source.helmTemplate,
        offset: place.offset,
        length: place.length,
      };
      if (run.textKept.has(source) && source.holdsText) doc.text = source.text;
      for (const spot of source.keptLocations ?? []) spots.push(id, recorder.string(spot[0]), spot[1], spot[2], spot[3], spot[4], spot[5]);
      docIds.set(source, id);
      docs.push(doc);
    }
    return id;
  };
  const summaries = run.summaries.map((s, i): WireSummary => {
    const { source, basePath, resource, ...rest } = s;
    return {
      ...rest,
      doc: docOf(source),
      basePath,
      object: resource ? resource.object : (recorder.objects[i] as KubernetesObject),
      retained: resource !== undefined,
    };
  });
  return {
    files: run.files,
    resources: run.resources,
    skipped: run.skipped,
    targeted: [...run.targeted],
    docs,
    spots: Int32Array.from(spots),
    summaries,
    ...recorder.pack(),
    saw,
    marks,
  };
}

/**
 * In the main thread: appends a worker's share to the run, in the order a
 * single-threaded run would have made it. `reload` reads a file of the
 * share again, for ranges in documents whose text the worker let go.
 * `afterUnit` is called at the end of each unit of the share.
 */
export function absorbBatch(
  run: RunInternals,
  batch: BatchResult,
  reload: (file: string) => () => string,
  policy: FindingPolicy | undefined,
  rule: (id: string) => { controls: ControlRef[]; remediation: string },
  afterUnit: (unit: number) => void,
): void {
  for (const file of batch.files) run.addFile(file);
  const base = run.resources.length;
  for (const r of batch.resources) run.resources.push(r);
  for (const [id, indexes] of batch.targeted) {
    let list = run.targeted.get(id);
    if (!list) run.targeted.set(id, (list = []));
    for (const i of indexes) list.push(i + base);
  }
  const reloaders = new Map<string, () => string>();
  const spotsOf = new Map<number, Spot[]>();
  const spots = batch.spots;
  for (let at = 0; at < spots.length; at += 7) {
    const doc = spots[at] as number;
    let list = spotsOf.get(doc);
    if (!list) spotsOf.set(doc, (list = []));
    list.push([
      batch.findings.strings[spots[at + 1] as number] as string,
      spots[at + 2] as number,
      spots[at + 3] as number,
      spots[at + 4] as number,
      spots[at + 5] as number,
      spots[at + 6] as number,
    ]);
  }
  const docs = batch.docs.map((place, i) => {
    let again = reloaders.get(place.file);
    if (!again) reloaders.set(place.file, (again = reload(place.file)));
    const doc = SourceDocument.detached(place, again, spotsOf.get(i));
    if (place.text !== undefined) run.textKept.add(doc);
    return doc;
  });
  const policyResources: Resource[] = [];
  for (const wire of batch.summaries) {
    const { doc, basePath, object, retained, ...rest } = wire;
    const source = docs[doc] as SourceDocument;
    const summary: RunSummary = { ...rest, source, basePath };
    const resource = makeResource(object, source, basePath);
    if (retained) {
      summary.resource = resource;
      if (!isWorkload(resource)) run.positionsKept.add(source);
      let list = run.retained.get(resource.kind);
      if (!list) run.retained.set(resource.kind, (list = []));
      list.push(resource);
    }
    run.summaries.push(summary);
    policyResources.push(resource);
  }
  let event = 0;
  let skipped = 0;
  let finding = 0;
  let segment = 0;
  const packed = batch.findings;
  const n = packed.numbers;
  const { strings, segments } = packed;
  batch.marks.forEach(([events, skips], unit) => {
    for (; skipped < skips; skipped++) run.skipped.push(batch.skipped[skipped] as SkippedInput);
    for (; event < events; event++) {
      const e = batch.events[event] as number;
      if (e !== -1) {
        policy?.seen?.(policyResources[e] as Resource);
        continue;
      }
      // The same object, keys in the same order, as the engine's emit makes.
      const at = finding * FIELDS;
      const ruleId = packed.strings[n[at] as number] as string;
      const f = { ruleId, severity: SEVERITIES[n[at + 1] as number], message: strings[n[at + 13] as number] } as Finding;
      if ((n[at + 2] as number) !== -1) f.resource = packed.refs[n[at + 2] as number] as ResourceRef;
      f.file = packed.strings[n[at + 3] as number] as string;
      f.range = { start: { line: n[at + 4] as number, column: n[at + 5] as number }, end: { line: n[at + 6] as number, column: n[at + 7] as number } };
      const length = n[at + 8] as number;
      const path: (string | number)[] = [];
      for (let k = 0; k < length; k++) {
        const id = segments[segment + k] as number;
        path.push(id < 0 ? -id - 1 : (strings[id] as string));
      }
      f.path = path;
      segment += length;
      const found = n[at + 9] as number;
      if (found !== -1) f.pathFound = found === 1;
      if ((n[at + 10] as number) !== -1) f.helm = packed.helms[n[at + 10] as number] as NonNullable<Finding['helm']>;
      if ((n[at + 11] as number) !== -1) f.related = packed.related[n[at + 11] as number] as RelatedLocation[];
      const meta = rule(ruleId);
      f.controls = meta.controls;
      f.remediation = meta.remediation;
      const r = n[at + 12] as number;
      finding++;
      const context: PolicyContext = r === -1 ? {} : { resource: policyResources[r] as Resource };
      const kept = policy ? policy.apply(f, context) : f;
      if (kept) run.findings.push(kept);
    }
    afterUnit(unit);
  });
}

/**
 * Files split between threads: a file is done when each of its shares is,
 * and empty when none of them held a document.
 */
export class SplitFiles {
  private readonly parts = new Map<number, { left: number; saw: boolean }>();

  constructor(private readonly run: RunInternals) {}

  /** Notes a unit as done; whether its whole file now is. */
  done(unit: BatchUnit, saw: boolean): boolean {
    if (!unit.part) return true;
    let file = this.parts.get(unit.file);
    if (!file) this.parts.set(unit.file, (file = { left: unit.part.count, saw: false }));
    file.left--;
    file.saw ||= saw;
    if (file.left > 0) return false;
    this.parts.delete(unit.file);
    if (!file.saw) this.run.emptyFile(unit.display);
    return true;
  }
}
