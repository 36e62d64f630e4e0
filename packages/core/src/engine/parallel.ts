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
  /** Of a file split between threads: which share of its documents (by the offset each starts at). */
  part?: { index: number; count: number };
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
  /** Ranges located while the worker had the positions (SourceDocument.keepLocation). */
  spots?: Spot[];
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
  summaries: WireSummary[];
  /** In order: a resource met (its index in `summaries`), or -1 for the next finding (before the policy) of `findings`. */
  events: Int32Array;
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
 * config, the pre-pass over every file) is about what the main thread
 * needs for that much YAML. Measured with `pnpm bench` (docs/performance.md).
 */
export const AUTO_BYTES_PER_THREAD = 2 * 1024 * 1024;
/** At most this many threads by default: each holds its own heap and reads every file in its pre-pass. */
export const AUTO_MAX_JOBS = 4;
/** A file is split into shares of its documents only from this size: smaller ones go whole to one thread. */
const MIN_SPLIT_BYTES = 256 * 1024;

/**
 * The number of threads for a run over `bytes` of input. 'auto' takes the
 * cores that are idle, as `make --load-average` does: on a machine already
 * busy (a shared CI runner, a laptop building), a second thread only
 * competes with the other work and adds the cost of crossing threads.
 */
export function threadsFor(jobs: number | 'auto', bytes: number): number {
  if (jobs !== 'auto') return Math.max(1, Math.floor(jobs));
  // Less input than two threads' worth is one thread whatever the machine: no need to ask it.
  if (bytes < 2 * AUTO_BYTES_PER_THREAD) return 1;
  const cores = os().availableParallelism();
  const idle = 1 + Math.floor(Math.max(0, cores - (os().loadavg()[0] ?? 0)));
  return Math.max(1, Math.min(cores, idle, AUTO_MAX_JOBS, Math.floor(bytes / AUTO_BYTES_PER_THREAD)));
}

/** Which share of a file a document starting at `start` belongs to. */
function partOf(start: number, length: number, count: number): number {
  return length === 0 ? 0 : Math.min(count - 1, Math.floor((start * count) / length));
}

/** The document filter of one share of a file. */
export function partFilter(part: { index: number; count: number }): (start: number, length: number) => boolean {
  return (start, length) => partOf(start, length, part.count) === part.index;
}

/**
 * Cuts the files into contiguous shares of about equal size, one per
 * thread; a file larger than a share is split by its documents. One share
 * means a single-threaded run. Standard input is never shared.
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
  const share = total / threads;
  const units: { unit: BatchUnit; size: number }[] = [];
  files.forEach((f, i) => {
    const size = sizes[i] as number;
    const count = size >= MIN_SPLIT_BYTES && size > share ? Math.min(threads, Math.ceil(size / share)) : 1;
    if (count === 1) units.push({ unit: { file: i, display: f.display }, size });
    else for (let index = 0; index < count; index++) units.push({ unit: { file: i, display: f.display, part: { index, count } }, size: size / count });
  });
  const batches: BatchUnit[][] = [[]];
  let filled = 0;
  for (const { unit, size } of units) {
    // A share is closed once the shares so far hold their part of the whole.
    if (filled >= share * batches.length - size / 2 && batches.length < threads && (batches[batches.length - 1] as BatchUnit[]).length > 0) batches.push([]);
    (batches[batches.length - 1] as BatchUnit[]).push(unit);
    filled += size;
  }
  return batches;
}

/**
 * Findings as they cross threads: numbers in one array and strings in
 * another, since copying a hundred thousand small objects between heaps
 * costs more than linting them; shared values (rule ids, files, resource
 * references, Helm templates) are sent once. Controls and remediation are
 * the rule's, added again on the other side.
 */
interface PackedFindings {
  /** Per finding, FIELDS numbers: see `pack`. */
  numbers: Int32Array;
  messages: string[];
  /** Path segments of every finding, one after the other. */
  segments: (string | number)[];
  strings: string[];
  refs: ResourceRef[];
  helms: Finding['helm'][];
  related: RelatedLocation[][];
}

const FIELDS = 14;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** The keys of a finding as the engine makes one, in order; any other shape crosses whole. */
const SHAPE = /^ruleId,severity,message,(resource,)?file,range,path,pathFound,(helm,)?(related,)?controls,remediation$/;

/** In a worker: notes the resources met and the findings made, for the main thread's policy, and keeps none. */
export class RecordingPolicy implements FindingPolicy {
  private readonly events: number[] = [];
  readonly objects: KubernetesObject[] = [];
  private readonly ids = new Map<object, number>();
  private readonly numbers: number[] = [];
  private readonly messages: string[] = [];
  private readonly segments: (string | number)[] = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly refs: ResourceRef[] = [];
  private readonly refIds = new Map<ResourceRef, number>();
  private readonly helms: Finding['helm'][] = [];
  private readonly helmIds = new Map<object, number>();
  private readonly related: RelatedLocation[][] = [];

  private string(value: string): number {
    let id = this.stringIds.get(value);
    if (id === undefined) this.stringIds.set(value, (id = this.strings.push(value) - 1));
    return id;
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
    this.numbers.push(
      this.string(f.ruleId),
      SEVERITIES.indexOf(f.severity),
      ref,
      this.string(f.file),
      start.line,
      start.column,
      end.line,
      end.column,
      f.path.length,
      f.pathFound === undefined ? -1 : f.pathFound ? 1 : 0,
      helm,
      related,
      context.resource ? (this.ids.get(context.resource) ?? -1) : -1,
      0,
    );
    this.messages.push(f.message);
    for (const segment of f.path) this.segments.push(segment);
    return null;
  }

  /** The events and findings so far, as they cross threads. */
  pack(): { events: Int32Array; findings: PackedFindings } {
    return {
      events: Int32Array.from(this.events),
      findings: {
        numbers: Int32Array.from(this.numbers),
        messages: this.messages,
        segments: this.segments,
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
  const docOf = (source: SourceDocument): number => {
    let id = docIds.get(source);
    if (id === undefined) {
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
      const spots = source.keptLocations;
      if (spots) doc.spots = spots;
      docIds.set(source, (id = docs.length));
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
  const docs = batch.docs.map((place) => {
    let again = reloaders.get(place.file);
    if (!again) reloaders.set(place.file, (again = reload(place.file)));
    const doc = SourceDocument.detached(place, again);
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
      const f = { ruleId, severity: SEVERITIES[n[at + 1] as number], message: packed.messages[finding] } as Finding;
      if ((n[at + 2] as number) !== -1) f.resource = packed.refs[n[at + 2] as number] as ResourceRef;
      f.file = packed.strings[n[at + 3] as number] as string;
      f.range = { start: { line: n[at + 4] as number, column: n[at + 5] as number }, end: { line: n[at + 6] as number, column: n[at + 7] as number } };
      const length = n[at + 8] as number;
      f.path = packed.segments.slice(segment, segment + length);
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
