import { formatCount } from '../base/count.js';
import path from 'node:path';
import type { JsonPath } from '../base/types.js';
import { collectFiles, displayPath, STDIN, type Collected, type InputFile } from '../input/collect.js';
import { decode } from '../input/decode.js';
import { loadText, type InputProblem } from '../model/load.js';
import type { SourceDocument } from '../input/source.js';
import { makeResource, resourceLabel, resourceRef, stringMap, type Resource } from '../model/resource.js';
import { containersOf, isWorkload, podSpecOf, WORKLOAD_KINDS, type ContainerRef } from '../model/workload.js';
import { podNetworkOf } from '../model/reach/pod-network.js';
import { dataKeys } from '../model/references.js';
import type { ControlRef, Finding, RelatedLocation, ResourceRef, Severity, SeveritySetting } from '../base/types.js';
import { ConfigurationError } from '../base/errors.js';
import { nearest } from '../base/nearest.js';
import { describeReadError, readInputFile, readStandardInput } from '../input/read.js';
import type { ActiveRule, FindingPolicy, LintResult, ResourceSeen, SkippedInput } from './result.js';
import type { ResourceSet, ResourceSummary } from '../model/resource-set.js';
import { BUILTIN_RULES, BUILTIN_RULE_IDS, UNSILENCEABLE_RULE_IDS } from './builtin.js';
import { atKubeVersion, atProfileLevel, invertFrameworks, type Framework } from './framework.js';
import { LATEST_KUBE_VERSION, type KubeVersion } from '../base/kube-version.js';
import type { Plugin } from './plugin.js';
import {
  isSetRule,
  type RelatedReport,
  type Report,
  type RuleContext,
  type SetReport,
  type ResourceRule,
  type Rule,
  type RuleMeta,
  type SetRule,
  type Settings,
} from './rule.js';
import { compareFindings } from '../base/sort.js';
import { HeapExhaustedError, HeapGuard } from '../base/memory.js';
import nodePath from 'node:path';
import type { HelmMapper } from '../helm/map.js';
import { isChartTemplate } from '../helm/chart.js';
import { helmFinding, mergeRenders } from '../helm/finding.js';
import { makeFinding, SharedParts, type FindingPlace } from './finding-parts.js';
import {
  absorbBatch,
  exportBatch,
  partFilter,
  planBatches,
  RecordingPolicy,
  SplitFiles,
  type BatchUnit,
  type ParallelRun,
  type RunInternals,
  type WorkerBatch,
} from './parallel.js';
import { tracePhase } from '../base/trace.js';

/** What a Linter runs: the rule packages, and which rules, frameworks, severities, Kubernetes version and settings apply. */
export interface LintOptions {
  plugins: readonly Plugin[];
  /** Only rules that give evidence for these frameworks, and only their controls. Default: every framework. */
  frameworks?: readonly string[];
  /** Narrows frameworks that have profile levels (CIS Level 1, Level 2) to this level. */
  level?: number;
  /** Only these rules. */
  rules?: readonly string[];
  /** Rules turned off. */
  disable?: readonly string[];
  /** Severity per rule id; 'off' turns a rule off. */
  severities?: Readonly<Record<string, SeveritySetting>>;
  kubeVersion?: KubeVersion;
  /** Passed to rules as `settings.allowedRegistries`. */
  allowedRegistries?: readonly string[];
  /** Settings of rule packages by their key (`Plugin.settings`), passed to rules as `settings.packages`. */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * Applied to every finding before it is kept: may change its severity,
   * mark it suppressed, or drop it (return null). Config overrides,
   * suppressions and baselines are policies.
   */
  policy?: FindingPolicy;
  /** Base for relative display paths. Default: process.cwd(). */
  cwd?: string;
  /** Called after each file is linted, for a progress display. */
  onProgress?: (progress: LintProgress) => void;
  /**
   * Maps findings of Helm-rendered documents to their chart's template lines
   * and values keys (docs/helm.md).
   */
  helm?: HelmMapper;
  /** Several renders of one chart: one finding per template location (default), or one per render (`false`). */
  helmMerge?: boolean;
  /**
   * Files and folders read only for the kinds rules look up (the CRDs a
   * config names under `crds:`): they are never linted.
   */
  lookupPaths?: readonly string[];
  /** Follow symbolic links out of the directories walked (never into /proc, /sys or /dev). Default false. */
  followSymlinks?: boolean;
}

/** How far a run has got: files linted of those collected, resources read so far. */
export interface LintProgress {
  files: number;
  totalFiles: number;
  resources: number;
}

/** How one run is split, for a run that is one shard of several. */
export interface RunOptions {
  /**
   * The files (display paths) this run reports on: every file is still
   * read, so whole-set rules see the whole input, but per-resource rules
   * run, and findings, resources and skipped documents are kept, only for
   * these. `files` lists every file.
   */
  owns?: (file: string) => boolean;
  /** Lint shares of the files in worker threads and merge them here (engine/parallel.ts); not with `owns`. */
  parallel?: ParallelRun;
  /** In a worker thread: lint only this share of the files and hand it over instead of finishing. */
  batch?: WorkerBatch;
}

/** Characters of decoded text the pre-pass may keep for the main pass (about 16 MB). */
const KEPT_TEXT_BUDGET = 16 * 1024 * 1024;

/** Most related locations kept on one finding. */
export const MAX_RELATED = 20;

/**
 * Most findings one rule lists for one resource. Past it nobody reads them
 * (a ConfigMap with 40,000 password-named keys, a Pod with 8,000 privileged
 * containers), and each costs a position lookup and a line of every report:
 * the first ones the rule reports are listed, then one finding at the
 * resource gives the count of the rest (`omitted`).
 */
export const MAX_FINDINGS_PER_RULE = 100;

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** What one rule has reported on one resource so far, for MAX_FINDINGS_PER_RULE. */
class RuleTally {
  listed = 0;
  omitted = 0;
  /** The most severe explicit severity among the omitted findings. */
  severity: Severity | undefined;
  /** Whether some omitted finding had the rule's own severity. */
  someDefault = false;

  /** Counts a report; false when it is past the cap and only counted. */
  admit(severity: Severity | undefined): boolean {
    if (this.listed < MAX_FINDINGS_PER_RULE) {
      this.listed++;
      return true;
    }
    this.omitted++;
    if (severity === undefined) this.someDefault = true;
    else if (this.severity === undefined || SEVERITY_RANK[severity] > SEVERITY_RANK[this.severity]) this.severity = severity;
    return false;
  }
}

/**
 * The engine: selects rules, reads inputs document by document, runs the
 * per-resource rules on each resource as it is read (so memory stays near
 * the size of one document), then the whole-set rules, and returns sorted
 * findings with exact ranges.
 */
export class Linter {
  readonly frameworks: Framework[];
  readonly rules: ActiveRule[];
  private readonly resourceRules = new Map<string, ResourceRule[]>();
  private readonly anyKindRules: ResourceRule[] = [];
  /** Rules of `anyKindRules` that want every document parsed with positions. */
  private eagerAnyKindRules = 0;
  /** Kinds that a rule wants parsed with positions up front (not 'on-demand'). */
  private readonly eagerKinds = new Set<string>();
  private readonly setRules: SetRule[] = [];
  /** kind -> the retain filters of the set rules that asked for it (an unfiltered rule keeps every one). */
  private readonly retainedKinds = new Map<string, ((resource: Resource) => boolean)[] | 'all'>();
  private readonly usedKinds = new Set<string>();
  private readonly severities = new Map<string, Severity>();
  private readonly overridden = new Set<string>();
  private readonly controls: Map<string, ControlRef[]>;
  /** Rules with a `targets` narrowing. */
  private readonly narrowed: string[] = [];
  private readonly remediations = new Map<string, string>();
  private readonly settings: Settings;
  private readonly cwd: string;
  private readonly followSymlinks: boolean;
  private readonly ruleIndex = new Map<string, Rule>();
  private readonly frameworkIndex = new Map<string, Framework>();
  private readonly lookupPaths: readonly string[];
  /** @internal */
  readonly policy: FindingPolicy | undefined;
  private readonly onProgress: ((progress: LintProgress) => void) | undefined;
  /** @internal */
  readonly helm: HelmMapper | undefined;
  /** @internal */
  readonly helmMerge: boolean;
  /** @internal */
  readonly baseDir: string;

  constructor(options: LintOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.baseDir = this.cwd;
    this.helm = options.helm;
    this.helmMerge = options.helmMerge ?? true;
    this.lookupPaths = options.lookupPaths ?? [];
    this.followSymlinks = options.followSymlinks === true;
    this.policy = options.policy;
    this.onProgress = options.onProgress;
    this.settings = {
      kubeVersion: options.kubeVersion ?? LATEST_KUBE_VERSION,
      packages: options.settings ?? {},
      ...(options.allowedRegistries ? { allowedRegistries: options.allowedRegistries } : {}),
    };
    const level = options.level;
    const allFrameworks = options.plugins
      .flatMap((p) => p.frameworks)
      .map((f) => atKubeVersion(level === undefined ? f : atProfileLevel(f, level), this.settings.kubeVersion));
    const allRules = new Map<string, { rule: Rule; plugin: string }>();
    for (const plugin of options.plugins) {
      for (const rule of plugin.rules) {
        const other = allRules.get(rule.id);
        if (other || BUILTIN_RULE_IDS.has(rule.id)) {
          throw new ConfigurationError(`Rule id "${rule.id}" is defined twice (${other?.plugin ?? 'core'} and ${plugin.name}).`);
        }
        allRules.set(rule.id, { rule, plugin: plugin.name });
        this.ruleIndex.set(rule.id, rule);
      }
      for (const framework of plugin.frameworks) if (!this.frameworkIndex.has(framework.id)) this.frameworkIndex.set(framework.id, framework);
    }
    const known = (id: string, what: string) => {
      if (allRules.has(id) || BUILTIN_RULE_IDS.has(id)) return;
      const suggestion = nearest(id, [...BUILTIN_RULE_IDS, ...allRules.keys()]);
      throw new ConfigurationError(`Unknown rule "${id}" in ${what}${suggestion ? `; did you mean "${suggestion}"?` : '.'}`);
    };
    for (const id of options.rules ?? []) known(id, '--rule');
    for (const id of options.disable ?? []) known(id, '--disable');
    for (const id of Object.keys(options.severities ?? {})) known(id, 'severities');

    if (options.frameworks && options.frameworks.length > 0) {
      this.frameworks = options.frameworks.map((id) => {
        const fw = allFrameworks.find((f) => f.id === id);
        if (!fw) {
          const ids = [...new Set(allFrameworks.map((f) => f.id))].sort().join(', ');
          const suggestion = nearest(
            id,
            allFrameworks.map((f) => f.id),
          );
          throw new ConfigurationError(`Unknown framework "${id}"${suggestion ? `; did you mean "${suggestion}"?` : `. Known frameworks: ${ids}.`}`);
        }
        return fw;
      });
    } else {
      this.frameworks = [...allFrameworks];
    }
    this.controls = invertFrameworks(this.frameworks);

    const onlyRules = options.rules && options.rules.length > 0 ? new Set(options.rules) : undefined;
    const disabled = new Set(options.disable ?? []);
    const frameworkFiltered = options.frameworks && options.frameworks.length > 0;
    this.rules = [];
    const activate = (meta: RuleMeta, plugin: string, appliesTo: readonly string[]): boolean => {
      const fixed = UNSILENCEABLE_RULE_IDS.has(meta.id);
      const setting = fixed ? meta.severity : (options.severities?.[meta.id] ?? meta.severity);
      if (setting === 'off' || (disabled.has(meta.id) && !fixed)) return false;
      const builtin = BUILTIN_RULE_IDS.has(meta.id);
      if (!builtin && onlyRules && !onlyRules.has(meta.id)) return false;
      if (!builtin && !onlyRules && frameworkFiltered && !this.controls.has(meta.id)) return false;
      this.severities.set(meta.id, setting);
      if (options.severities?.[meta.id] !== undefined && !fixed) this.overridden.add(meta.id);
      this.remediations.set(meta.id, meta.remediation);
      const active: ActiveRule = {
        id: meta.id,
        description: meta.description,
        severity: setting,
        remediation: meta.remediation,
        plugin,
        controls: this.controls.get(meta.id) ?? [],
        appliesTo,
      };
      if (meta.helpUri) active.helpUri = meta.helpUri;
      this.rules.push(active);
      return true;
    };
    for (const meta of BUILTIN_RULES) activate(meta, 'core', []);
    for (const { rule, plugin } of allRules.values()) {
      if (!activate(rule, plugin, kindsOf(rule))) continue;
      if (isSetRule(rule)) {
        this.setRules.push(rule);
        rule.uses?.forEach((k) => this.usedKinds.add(k));
        const keep = (kind: string) => {
          const current = this.retainedKinds.get(kind);
          if (current === 'all') return;
          if (!rule.retain) this.retainedKinds.set(kind, 'all');
          else this.retainedKinds.set(kind, [...(current ?? []), rule.retain.bind(rule)]);
        };
        for (const kind of rule.kinds) {
          if (kind === 'workloads') WORKLOAD_KINDS.forEach(keep);
          else keep(kind);
        }
      } else if (rule.appliesTo === 'all') {
        if (rule.targets) this.narrowed.push(rule.id);
        rule.uses?.forEach((k) => this.usedKinds.add(k));
        this.anyKindRules.push(rule);
        if (rule.positions !== 'on-demand') this.eagerAnyKindRules++;
      } else {
        if (rule.targets) this.narrowed.push(rule.id);
        rule.uses?.forEach((k) => this.usedKinds.add(k));
        const kinds = rule.appliesTo === 'workloads' ? WORKLOAD_KINDS : rule.appliesTo;
        for (const kind of kinds) {
          let list = this.resourceRules.get(kind);
          if (!list) this.resourceRules.set(kind, (list = []));
          list.push(rule);
          if (rule.positions !== 'on-demand') this.eagerKinds.add(kind);
        }
      }
    }
    this.rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Lints files, directories, globs and '-' (standard input, read with
   * `readStdin` when given, else from file descriptor 0).
   */
  lintPaths(inputs: readonly string[], readStdin?: () => Uint8Array): LintResult & { missing: string[] } {
    return this.lintInputs(inputs, [], readStdin);
  }

  /** Lints YAML or JSON text, as if read from `file`. */
  lintText(text: string, file = '<text>'): LintResult {
    const { missing: _none, ...result } = this.lintInputs([], [{ file, text }]);
    return result;
  }

  /**
   * Lints paths and texts in one run, so whole-set rules (RBAC,
   * NetworkPolicy, CDE scope) see them together; texts come after the files.
   */
  lintInputs(
    inputs: readonly string[],
    texts: readonly { file: string; text: string }[],
    readStdin?: () => Uint8Array,
    options: RunOptions = {},
  ): LintResult & { missing: string[] } {
    if (!Array.isArray(inputs) || inputs.some((i) => typeof i !== 'string')) {
      throw new TypeError('Linter.lintPaths takes an array of paths (strings), e.g. lintPaths(["deploy/"]).');
    }
    const collected: Collected =
      inputs.length > 0 ? collectFiles(inputs, this.cwd, { followSymlinks: this.followSymlinks }) : { files: [], missing: [], unreadable: [] };
    const templates = this.helm ? collected.files.filter((f) => f.absolute !== STDIN && isChartTemplate(f.absolute)) : [];
    if (templates.length > 0) collected.files = collected.files.filter((f) => !templates.includes(f));
    // Standard input is read once: a second read (the main pass after the pre-pass) would see only what came after a refused first one.
    let stdin: Uint8Array | { failed: unknown } | undefined;
    const read = (file: InputFile): Uint8Array => {
      if (file.absolute !== STDIN) return readInputFile(file.absolute);
      if (stdin === undefined) {
        try {
          stdin = readStdin ? readStdin() : readStandardInput();
        } catch (err) {
          stdin = { failed: err };
        }
      }
      if ('failed' in stdin) throw stdin.failed;
      return stdin;
    };
    tracePhase('collect');
    // Workers start first, so that their start-up overlaps this thread's pre-pass.
    const batches = options.parallel && !options.owns ? planBatches(collected.files, options.parallel.jobs) : undefined;
    const workers = batches && batches.length > 1 ? options.parallel?.start(batches.slice(1)) : undefined;
    tracePhase('start-workers');
    const recorder = options.batch ? new RecordingPolicy() : undefined;
    const run = new Run(this, options.owns, recorder);
    const units: readonly BatchUnit[] =
      options.batch?.units ?? (workers && batches ? (batches[0] ?? []) : collected.files.map((f, i) => ({ file: i, display: f.display })));
    const ownFiles = options.batch || workers ? new Set(units.map((u) => collected.files[u.file])) : undefined;
    if (!options.batch) for (const t of templates) run.skip({ file: t.display, reason: 'helm-template' });
    // The pre-pass keeps the texts it decoded, up to a budget, for the main
    // pass. It goes through the files last to first, and always keeps the
    // last one it read, the first the main pass needs: a run over one large
    // file reads and decodes it once, not twice.
    const kept = new Map<InputFile, string>();
    let keptChars = 0;
    if (this.usedKinds.size > 0) {
      for (const { file, text } of texts) run.prescan(file, text);
      for (const file of [...collected.files].reverse()) {
        let decoded;
        try {
          decoded = decode(read(file));
        } catch {
          continue;
        }
        if (!decoded.ok) continue;
        run.prescan(file.display, decoded.text);
        if (ownFiles && !ownFiles.has(file)) continue;
        if (keptChars + decoded.text.length <= KEPT_TEXT_BUDGET || file === collected.files[units[0]?.file ?? 0]) {
          kept.set(file, decoded.text);
          keptChars += decoded.text.length;
        }
      }
    }
    this.prescanLookupPaths(run);
    tracePhase('pre-pass');
    if (!options.batch) for (const bad of collected.unreadable) run.fileProblem(bad.display, `Cannot read: ${bad.reason}.`);
    const totalFiles = collected.files.length + texts.length;
    let done = 0;
    const progressed = () => this.onProgress?.({ files: ++done, totalFiles, resources: run.resourceCount });
    const split = new SplitFiles(run.internals());
    const saw: boolean[] = [];
    const marks: [number, number][] = [];
    for (const unit of units) {
      const file = collected.files[unit.file] as InputFile;
      if (options.batch && file.display !== unit.display) throw new Error(`The input changed while it was linted (${unit.display}).`);
      const text = kept.get(file);
      const part = unit.part ? partFilter(unit.part) : undefined;
      let seen: boolean;
      if (text !== undefined) {
        if (!unit.part || unit.part.index === unit.part.count - 1) kept.delete(file);
        seen = run.text(file.display, text, run.reloader(file, read, text), part);
      } else {
        seen = run.readFile(file, read, part);
      }
      saw.push(seen);
      if (recorder) marks.push([recorder.length, run.internals().skipped.length]);
      if (!options.batch && split.done(unit, seen)) progressed();
    }
    tracePhase('lint-share');
    if (options.batch) {
      options.batch.done(exportBatch(run.internals(), recorder as RecordingPolicy, saw, marks));
      return {
        findings: [],
        files: [],
        resources: [],
        skipped: [],
        rules: this.rules,
        frameworks: this.frameworks,
        kubeVersion: this.settings.kubeVersion,
        missing: [],
      };
    }
    const byDisplay = new Map(workers ? collected.files.map((f) => [f.display, f]) : []);
    for (const [i, worker] of (workers ?? []).entries()) {
      const batch = worker.wait();
      tracePhase('receive');
      const share = batches?.[i + 1] ?? [];
      absorbBatch(
        run.internals(),
        batch,
        (display) => run.reloader(byDisplay.get(display) as InputFile, read),
        this.policy,
        (id) => ({ controls: this.controlsOf(id), remediation: this.remediationOf(id) }),
        (u) => {
          const unit = share[u] as BatchUnit;
          if (split.done(unit, batch.saw[u] === true)) progressed();
        },
      );
    }
    for (const { file, text } of texts) {
      run.text(file, text);
      progressed();
    }
    tracePhase('merge');
    const result = run.finish();
    // What the walk passed by (devices, links out of the tree) belongs to one shard, as an unlisted file does (shardOwner).
    const skipped = (collected.skipped ?? []).filter((e) => options.owns === undefined || options.owns(e.display));
    if (skipped.length > 0) result.skipped = [...skipped.map((e): SkippedInput => ({ file: e.display, reason: e.reason })), ...result.skipped];
    return { ...result, missing: collected.missing };
  }

  /** Reads the lookup-only files into the run's lookups; a path that cannot be read is a configuration error. */
  private prescanLookupPaths(run: Run): void {
    if (this.lookupPaths.length === 0 || this.usedKinds.size === 0) return;
    const collected = collectFiles(this.lookupPaths, this.cwd);
    const missing = [...collected.missing, ...collected.unreadable.map((u) => u.display)];
    if (missing.length > 0) {
      throw new ConfigurationError(
        `Cannot read the CRD files named by the config: ${missing.map((m) => displayPath(path.resolve(this.cwd, m), this.cwd)).join(', ')}.`,
      );
    }
    for (const file of collected.files) {
      const decoded = decode(readInputFile(file.absolute));
      if (decoded.ok) run.prescan(file.display, decoded.text);
    }
  }

  /** @internal */
  isUsedKind(kind: string): boolean {
    return this.usedKinds.has(kind);
  }

  /** @internal Whether a text may hold an object of a kind rules look up (`kind: X` in any quoting). */
  mentionsUsedKind(text: string): boolean {
    for (const kind of this.usedKinds) {
      let at = text.indexOf(kind);
      while (at !== -1) {
        // The kind must be a value of `kind`: preceded, within a few characters, by `kind`.
        if (/kind["']?\s*:\s*["']?$/.test(text.slice(Math.max(0, at - 12), at))) return true;
        at = text.indexOf(kind, at + kind.length);
      }
    }
    return false;
  }

  /**
   * @internal Whether a text could hold an object of a kind rules look up:
   * it has one of their names anywhere, or an escape that could spell one
   * (`"\u004eamespace"`). Exact where `mentionsUsedKind` is a heuristic.
   */
  mayNameUsedKind(text: string): boolean {
    if (text.includes('\\')) return true;
    for (const kind of this.usedKinds) if (text.includes(kind)) return true;
    return false;
  }

  /** @internal */
  rulesFor(kind: string): readonly ResourceRule[] {
    const specific = this.resourceRules.get(kind);
    if (!specific) return this.anyKindRules;
    return this.anyKindRules.length === 0 ? specific : [...this.anyKindRules, ...specific];
  }

  /** @internal */
  wantsPositions(kind: string | undefined): boolean {
    return this.eagerAnyKindRules > 0 || (kind !== undefined && (this.eagerKinds.has(kind) || this.retainedKinds.has(kind)));
  }

  /** @internal */
  retains(resource: Resource): boolean {
    const filters = this.retainedKinds.get(resource.kind);
    if (filters === undefined) return false;
    return filters === 'all' || filters.some((keep) => keep(resource));
  }

  /** @internal */
  severityOf(ruleId: string): Severity | undefined {
    return this.severities.get(ruleId);
  }

  /** @internal */
  isSeverityOverridden(ruleId: string): boolean {
    return this.overridden.has(ruleId);
  }

  /** @internal */
  controlsOf(ruleId: string): ControlRef[] {
    return this.controls.get(ruleId) ?? [];
  }

  /** @internal */
  remediationOf(ruleId: string): string {
    return this.remediations.get(ruleId) ?? '';
  }

  /** @internal */
  ruleById(id: string): Rule | undefined {
    return this.ruleIndex.get(id);
  }

  /** @internal */
  frameworkById(id: string): Framework | undefined {
    return this.frameworkIndex.get(id);
  }

  /** @internal */
  get settingsView(): Settings {
    return this.settings;
  }

  /** @internal */
  get setRuleList(): readonly SetRule[] {
    return this.setRules;
  }

  /** @internal */
  get narrowedRules(): readonly string[] {
    return this.narrowed;
  }
}

/** A rule's `appliesTo` (or a set rule's `kinds`) as a list. */
function kindsOf(rule: Rule): readonly string[] {
  if (isSetRule(rule)) return [...rule.kinds];
  if (rule.appliesTo === 'all') return ['*'];
  if (rule.appliesTo === 'workloads') return ['workloads'];
  return [...rule.appliesTo];
}

interface Summary extends ResourceSummary {
  source: SourceDocument;
  basePath: JsonPath;
}

const NAME_PATH: JsonPath = ['metadata', 'name'];
const NAMESPACE_PATH: JsonPath = ['metadata', 'namespace'];

/** A finding of a whole-set rule, kept until the rule is done so that its findings are located document by document. */
interface SetFinding {
  resource: Summary | Resource;
  path: JsonPath;
  message: string;
  severity: Severity | undefined;
  related?: readonly RelatedReport[] | undefined;
  omitted?: number;
}

class Run {
  private readonly findings: Finding[] = [];
  /** Messages, paths and ranges shared between findings. */
  private readonly shared = new SharedParts();
  private readonly files: string[] = [];
  private readonly fileSet = new Set<string>();
  private readonly resources: ResourceSeen[] = [];
  private readonly skipped: SkippedInput[] = [];
  private readonly summaries: Summary[] = [];
  private readonly retained = new Map<string, Resource[]>();
  private readonly lookups = new Map<string, Resource[]>();
  private reread: { file: InputFile; text: string } | undefined;
  private largest: { file: InputFile; text: string } | undefined;
  private readonly textKept = new Set<SourceDocument>();
  private readonly positionsKept = new Set<SourceDocument>();
  private readonly lookup = (kind: string): readonly Resource[] => this.lookups.get(kind) ?? [];
  private readonly targeted = new Map<string, number[]>();
  /** Stops the run with one line, naming the file, before V8 runs out of heap. */
  private readonly heap = new HeapGuard();
  private currentFile = '';
  private readonly heapInput = () => this.currentFile;
  private readonly heapProgress = () => `${formatCount(this.resources.length)} resources and ${formatCount(this.findings.length)} findings so far`;

  /** The linter's policy, or in a worker thread the recorder that hands findings to the main thread's. */
  private readonly policy: FindingPolicy | undefined;

  constructor(
    private readonly linter: Linter,
    /** For a shard: the files it reports on (RunOptions.owns). */
    private readonly owns?: (file: string) => boolean,
    recorder?: FindingPolicy,
  ) {
    this.policy = recorder ?? linter.policy;
    for (const id of linter.narrowedRules) this.targeted.set(id, []);
  }

  /** @internal What a parallel run reads and merges (engine/parallel.ts). */
  internals(): RunInternals {
    return {
      findings: this.findings,
      files: this.files,
      addFile: (file) => this.addFile(file),
      resources: this.resources,
      skipped: this.skipped,
      summaries: this.summaries,
      retained: this.retained,
      textKept: this.textKept,
      positionsKept: this.positionsKept,
      targeted: this.targeted,
      emptyFile: (file) => this.emptyFile(file),
    };
  }

  get resourceCount(): number {
    return this.resources.length;
  }

  private owned(file: string): boolean {
    return this.owns === undefined || this.owns(file);
  }

  skip(skip: SkippedInput): void {
    this.skipped.push(skip);
  }

  fileProblem(file: string, message: string, line = 1): void {
    this.addFile(file);
    this.emit('parse-error', {
      message,
      file,
      range: { start: { line, column: 1 }, end: { line, column: 1 } },
      path: [],
      pathFound: false,
    });
  }

  private addFile(file: string): void {
    if (this.fileSet.has(file)) return;
    this.fileSet.add(file);
    this.files.push(file);
  }

  /** Collects the resources that rules read through `lookup`, before any rule runs. */
  prescan(file: string, text: string): void {
    loadText(file, text, {
      // A List is read only if it names one of the kinds (a 1 MB ConfigMapList of dashboards is not).
      // A document whose kind is not on a line of its own (JSON, flow style) is read only if it names one of the kinds at all.
      onlyKinds: (kind, text) =>
        kind === undefined ? this.linter.mayNameUsedKind(text) : this.linter.isUsedKind(kind) || (kind.endsWith('List') && this.linter.mentionsUsedKind(text)),
      wantsPositions: () => false,
      resource: (resource) => {
        if (!this.linter.isUsedKind(resource.kind)) return;
        resource.source.release();
        let list = this.lookups.get(resource.kind);
        if (!list) this.lookups.set(resource.kind, (list = []));
        // A copy with strings of its own: the parser's strings are slices of
        // the file's text and would keep every file that holds a looked-up
        // object (CRDs, megabytes each) in memory for the whole run.
        list.push(makeResource(structuredClone(resource.object), resource.source, resource.basePath));
      },
      problem: () => undefined,
      skipped: () => undefined,
    });
  }

  /** Lints a file (or, with `part`, the documents of one share of it); whether it held any document. */
  readFile(file: InputFile, read: (file: InputFile) => Uint8Array, part?: (start: number, length: number) => boolean): boolean {
    let bytes: Uint8Array;
    try {
      bytes = read(file);
    } catch (err) {
      // A file split between threads is read by each; the first share reports it.
      if (!part || part(0, 1)) this.fileProblem(file.display, `Cannot read: ${describeReadError(err)}.`);
      return true;
    }
    const decoded = decode(bytes);
    if (!decoded.ok) {
      if (!part || part(0, 1)) this.fileProblem(file.display, `Cannot read: ${decoded.reason}.`, decoded.line ?? 1);
      return true;
    }
    return this.text(file.display, decoded.text, file.absolute === STDIN ? undefined : this.reloader(file, read, decoded.text), part);
  }

  /**
   * Reads a file's text again for documents that let go of theirs; the last
   * file read is kept, as findings of whole-set rules come file by file.
   */
  reloader(file: InputFile, read: (file: InputFile) => Uint8Array, text?: string): () => string {
    // Two texts are kept: the last file read, and the largest one, which a
    // run holds whole anyway while linting it; reading that one again later
    // would hold it twice.
    if (text !== undefined) this.remember(file, text);
    return () => {
      for (const kept of [this.reread, this.largest]) if (kept?.file === file) return kept.text;
      let again = '';
      try {
        const decoded = decode(read(file));
        if (decoded.ok) again = decoded.text;
      } catch {
        // The file went away since it was linted; its ranges fall back to the start.
      }
      this.remember(file, again);
      return again;
    };
  }

  private remember(file: InputFile, text: string): void {
    this.reread = { file, text };
    if (!this.largest || text.length >= this.largest.text.length) this.largest = { file, text };
  }

  /** Lints a file's text (with `part`, one share of its documents); whether it held any document. */
  text(file: string, text: string, reload?: () => string, part?: (start: number, length: number) => boolean): boolean {
    this.addFile(file);
    this.currentFile = file;
    const linter = this.linter;
    const owned = this.owned(file);
    let current: SourceDocument | undefined;
    let sawDocument = false;
    const settle = () => {
      // Whole-set rules report on retained resources at the end: they keep their
      // text, and (unless they are workloads, of which there can be thousands) their positions.
      if (current && !this.positionsKept.has(current)) current.release(this.textKept.has(current));
      current = undefined;
    };
    loadText(
      file,
      text,
      {
        // A file another shard reports on is read for whole-set rules only; positions are built again if a finding needs one.
        wantsPositions: (kind) => owned && linter.wantsPositions(kind),
        ...(part ? { inPart: part } : {}),
        resource: (resource) => {
          sawDocument = true;
          if (current !== resource.source) settle();
          current = resource.source;
          this.checkResource(resource);
        },
        problem: (problem) => {
          sawDocument = true;
          this.inputProblem(problem);
        },
        skipped: (skip) => {
          sawDocument = true;
          if (owned) this.skipped.push(skip);
        },
      },
      reload,
    );
    settle();
    // A file split between threads is judged empty once every share is done (engine/parallel.ts).
    if (!sawDocument && !part) this.emptyFile(file);
    return sawDocument;
  }

  private emptyFile(file: string): void {
    if (this.owned(file)) {
      this.skipped.push({ file, reason: 'empty' });
      this.emit('empty-file', {
        message: 'The file holds no YAML document (it is empty or has only comments).',
        file,
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        path: [],
        pathFound: false,
      });
    }
  }

  private inputProblem(problem: InputProblem): void {
    this.emit(problem.kind, {
      message: problem.message,
      file: problem.source.file,
      range: problem.source.rangeOf(problem.offset, problem.offset),
      path: [],
      pathFound: false,
      ...(problem.source.helm ? { helm: problem.source.helm } : {}),
    });
  }

  private checkResource(resource: Resource): void {
    this.heap.check(this.heapInput, this.heapProgress);
    const linter = this.linter;
    const owned = this.owned(resource.source.file);
    if (owned) {
      this.resources.push({ ...resourceRef(resource), file: resource.source.file, line: this.resourceLine(resource) });
      this.policy?.seen?.(resource);
    }
    const summary: Summary = {
      ...resourceRef(resource),
      labels: resource.labels,
      annotations: resource.annotations,
      source: resource.source,
      basePath: resource.basePath,
    };
    const pod = podSpecOf(resource);
    if (pod) {
      summary.podLabels = stringMap(pod.metadata.labels);
      const sa = pod.value.serviceAccountName ?? (pod.value as { serviceAccount?: string }).serviceAccount;
      summary.serviceAccountName = typeof sa === 'string' && sa !== '' ? sa : 'default';
      const network = podNetworkOf(resource, pod.value as unknown as Record<string, unknown>);
      if (network) summary.podNetwork = network;
    }
    if ((resource.kind === 'Secret' || resource.kind === 'ConfigMap') && resource.group === '') summary.dataKeys = [...dataKeys(resource)];
    const retained = linter.retains(resource);
    // A retained workload's name and namespace are noted for whole-set rules, its positions built for them if need be (keepSetLocations).
    const noteAll = owned && retained && isWorkload(resource);
    if (retained) {
      // Whole-set rules report on these: keep their text to locate findings without reading the file again.
      this.textKept.add(resource.source);
      if (!isWorkload(resource)) this.positionsKept.add(resource.source);
      summary.resource = resource;
      let list = this.retained.get(resource.kind);
      if (!list) this.retained.set(resource.kind, (list = []));
      list.push(resource);
    }
    this.summaries.push(summary);

    const rules = owned ? linter.rulesFor(resource.kind) : [];
    if (rules.length === 0) {
      this.keepSetLocations(resource, noteAll);
      return;
    }
    // Every rule of a workload walks the same containers: compute them once.
    // One context serves every rule of the resource; `ruleId` says whose turn it is.
    let containers: ContainerRef[] | undefined;
    let ruleId = '';
    let tally = new RuleTally();
    const context: RuleContext = {
      report: (report: Report) => {
        if (tally.admit(report.severity)) {
          this.report(ruleId, resource, resource.source, resource.basePath, report.path, report.message, report.severity, report.related);
        }
      },
      containers: (r: Resource) => (r === resource ? (containers ??= containersOf(r)) : containersOf(r)),
      podSpec: (r: Resource) => (r === resource ? pod : podSpecOf(r)),
      lookup: this.lookup,
      rule: (id: string) => linter.ruleById(id),
      framework: (id: string) => linter.frameworkById(id),
      settings: linter.settingsView,
    };
    for (const rule of rules) {
      ruleId = rule.id;
      tally = new RuleTally();
      try {
        if (rule.targets) {
          if (!rule.targets(resource, context)) continue;
          let list = this.targeted.get(rule.id);
          if (!list) this.targeted.set(rule.id, (list = []));
          list.push(this.resources.length - 1);
        }
        rule.check(resource, context);
      } catch (err) {
        this.ruleError(rule.id, resource, resource.source, resource.basePath, err);
      }
      this.reportOmitted(rule.id, resource, resource.source, resource.basePath, tally);
    }
    this.keepSetLocations(resource, noteAll);
  }

  /**
   * Notes where whole-set rules will report on a resource, once its
   * positions are gone (and in a parallel run, in another thread): its name,
   * where the positions were built for its own rules. A workload the set
   * rules retain (there can be thousands, and a set rule reports on most of
   * them at their name or namespace) gets both, its positions built for
   * them if no rule of its own did, so that no finding parses it again.
   */
  private keepSetLocations(resource: Resource, build: boolean): void {
    if (this.linter.setRuleList.length === 0) return;
    const base = resource.basePath;
    resource.source.keepLocation(this.shared.path(base, NAME_PATH), build);
    if (build) resource.source.keepLocation(this.shared.path(base, NAMESPACE_PATH), true);
  }

  private resourceLine(resource: Resource): number {
    if (resource.basePath.length === 0) return resource.source.contentLine();
    const { range } = resource.source.locate(resource.basePath);
    return range.start.line;
  }

  /** The one finding that stands for what a rule reported on a resource past MAX_FINDINGS_PER_RULE. */
  private reportOmitted(
    ruleId: string,
    resource: ResourceRef | Resource | ResourceSummary,
    source: SourceDocument,
    basePath: JsonPath,
    tally: RuleTally,
  ): void {
    const omitted = this.omittedOf(ruleId, resource, tally);
    if (omitted) this.report(ruleId, resource, source, basePath, [], omitted.message, omitted.severity, undefined, tally.omitted);
  }

  /** The message and severity of that finding, or nothing when the rule stayed under the cap. */
  private omittedOf(
    ruleId: string,
    resource: ResourceRef | Resource | ResourceSummary,
    tally: RuleTally,
  ): { message: string; severity: Severity | undefined } | undefined {
    if (tally.omitted === 0) return undefined;
    const count = formatCount(tally.omitted);
    const message = `${count} more ${ruleId} finding${tally.omitted === 1 ? '' : 's'} on ${resourceLabel(resource)} ${tally.omitted === 1 ? 'is' : 'are'} not listed: a rule lists at most ${MAX_FINDINGS_PER_RULE} per resource.`;
    // The most severe of those left out; some may have had the rule's own.
    const own = this.linter.severityOf(ruleId);
    let severity = tally.severity;
    if (tally.someDefault && own !== undefined && (severity === undefined || SEVERITY_RANK[own] >= SEVERITY_RANK[severity])) severity = undefined;
    return { message, severity };
  }

  private ruleError(ruleId: string, resource: ResourceRef, source: SourceDocument, basePath: JsonPath, err: unknown): void {
    // The heap running out is the run's failure, not the rule's: it stops the run.
    if (err instanceof HeapExhaustedError) throw err;
    const detail = textOf(err instanceof Error ? err.message : err);
    this.report('rule-error', resource, source, basePath, [], `Rule "${ruleId}" failed on ${resourceLabel(resource)}: ${detail}`);
  }

  private report(
    ruleId: string,
    resource: ResourceRef | Resource | ResourceSummary,
    source: SourceDocument,
    basePath: JsonPath,
    path: JsonPath,
    message: string,
    severity?: Severity,
    related?: readonly RelatedReport[],
    omitted?: number,
  ): void {
    const place = this.place(resource, source, basePath, path, message, severity, related, omitted);
    if (place) this.emit(ruleId, place, this.placedLevel, 'annotations' in resource ? resource : undefined);
  }

  /** The severity a finding asked for, as `place` last left it (undefined: the rule's own). */
  private placedLevel: Severity | undefined;

  /**
   * Where a finding is and what it says, located and (for Helm output)
   * mapped to its template; null when the Helm mapping drops it. The
   * severity asked for is left in `placedLevel`.
   */
  private place(
    resource: ResourceRef | Resource | ResourceSummary,
    source: SourceDocument,
    basePath: JsonPath,
    path: JsonPath,
    message: string,
    severity: Severity | undefined,
    related: readonly RelatedReport[] | undefined,
    omitted: number | undefined,
  ): FindingPlace | null {
    // A plugin's message may be anything at run time; every formatter expects text.
    if (typeof message !== 'string') message = textOf(message);
    const shared = this.shared;
    const fullPath = shared.path(basePath, path);
    const { range, found } = source.locate(fullPath);
    // A finding about a whole namespace could name every workload in it; the first few show the point.
    const relatedLocations = related?.slice(0, MAX_RELATED).map((r): RelatedLocation => {
      const target = (r.resource ?? resource) as Summary | Resource;
      const where = target.source ?? source;
      const base = target.basePath ?? basePath;
      const p = [...base, ...r.path];
      return { message: r.message, file: where.file, range: where.locate(p).range, path: p, resource: resourceRef(target) };
    });
    const place: FindingPlace = {
      message: shared.message(message),
      resource: this.refOf(resource),
      file: source.file,
      range: shared.range(range),
      path: fullPath,
      pathFound: found,
    };
    if (source.helm) place.helm = source.helm;
    if (relatedLocations && relatedLocations.length > 0) place.related = relatedLocations;
    if (omitted !== undefined) place.omitted = omitted;
    let level = severity;
    if (source.helmTemplate !== undefined && this.linter.helm) {
      const mapped = helmFinding(
        this.linter.helm,
        place,
        source.helmTemplate,
        source.text,
        this.linter.baseDir,
        'annotations' in resource ? resource.annotations : undefined,
        this.absolute,
      );
      if (!mapped) return null;
      if (mapped.severity) level = mapped.severity;
    }
    this.placedLevel = level;
    return place;
  }

  /** The absolute path of a display path; the last one is kept, as findings come file by file. */
  private lastAbsolute: { file: string; absolute: string } | undefined;
  private readonly absolute = (file: string): string => {
    if (this.lastAbsolute?.file !== file) this.lastAbsolute = { file, absolute: nodePath.resolve(this.linter.baseDir, file) };
    return this.lastAbsolute.absolute;
  };

  /** One ResourceRef per resource, shared by its findings; the last one is kept apart, as findings come resource by resource. */
  private readonly refs = new WeakMap<object, ResourceRef>();
  private lastRef: { resource: object; ref: ResourceRef } | undefined;

  private refOf(resource: ResourceRef): ResourceRef {
    if (this.lastRef?.resource === resource) return this.lastRef.ref;
    let ref = this.refs.get(resource);
    if (!ref) this.refs.set(resource, (ref = resourceRef(resource)));
    this.lastRef = { resource, ref };
    return ref;
  }

  private emit(ruleId: string, place: FindingPlace, severity?: Severity, resource?: Resource | ResourceSummary): void {
    const linter = this.linter;
    const effective = linter.severityOf(ruleId);
    if (effective === undefined || !this.owned(place.file)) return;
    const level = severity && !linter.isSeverityOverridden(ruleId) ? severity : effective;
    const finding = makeFinding(ruleId, level, place, linter.controlsOf(ruleId), linter.remediationOf(ruleId));
    const policy = this.policy;
    const kept = policy ? policy.apply(finding, resource ? { resource } : {}) : finding;
    if (kept) this.findings.push(kept);
    this.heap.check(this.heapInput, this.heapProgress);
  }

  /**
   * Locates the findings of a whole-set rule document by document, then
   * hands them to the policy in the order the rule made them. A set rule
   * reports resource by resource across every file, and documents it
   * reports on have dropped their positions (workloads keep none, there can
   * be thousands): located in the rule's order, each document's positions
   * were built again for every set rule with a finding on it, and for every
   * run of findings that went to another document in between.
   */
  private reportSet(ruleId: string, pending: readonly SetFinding[]): void {
    if (pending.length === 0) return;
    const byDocument = new Map<SourceDocument, number[]>();
    pending.forEach((f, i) => {
      const list = byDocument.get(f.resource.source);
      if (list) list.push(i);
      else byDocument.set(f.resource.source, [i]);
    });
    const places: (FindingPlace | null)[] = new Array(pending.length).fill(null);
    const levels: (Severity | undefined)[] = new Array(pending.length).fill(undefined);
    for (const [source, indexes] of byDocument) {
      const touched = new Set<SourceDocument>([source]);
      for (const i of indexes) {
        const f = pending[i] as SetFinding;
        try {
          places[i] = this.place(f.resource, source, f.resource.basePath, f.path, f.message, f.severity, f.related, f.omitted);
          levels[i] = this.placedLevel;
        } catch (err) {
          // What the rule reported cannot be located (a path of a plugin that is not a path): the rule's error, not the run's.
          this.ruleError(ruleId, f.resource, source, f.resource.basePath, err);
        }
        for (const r of f.related ?? []) {
          const other = (r.resource as Summary | Resource | undefined)?.source;
          if (other) touched.add(other);
        }
      }
      for (const done of touched) if (!this.positionsKept.has(done)) done.release(this.textKept.has(done));
    }
    pending.forEach((f, i) => {
      const place = places[i];
      if (place) this.emit(ruleId, place, levels[i], 'annotations' in f.resource ? f.resource : undefined);
    });
  }

  finish(): LintResult {
    const linter = this.linter;
    this.currentFile = `${formatCount(this.files.length)} file${this.files.length === 1 ? '' : 's'} (the rules across resources)`;
    if (linter.setRuleList.length > 0) {
      const set: ResourceSet = {
        all: this.summaries,
        ofKind: (kind) => this.retained.get(kind) ?? [],
      };
      for (const rule of linter.setRuleList) {
        const tallies = new Map<object, RuleTally>();
        let pending: SetFinding[] = [];
        const context = {
          report: (report: SetReport) => {
            let tally = tallies.get(report.resource);
            if (!tally) tallies.set(report.resource, (tally = new RuleTally()));
            if (!tally.admit(report.severity)) return;
            pending.push({
              resource: report.resource as Summary | Resource,
              path: report.path,
              message: report.message,
              severity: report.severity,
              related: report.related,
            });
          },
          containers: containersOf,
          podSpec: podSpecOf,
          lookup: this.lookup,
          settings: linter.settingsView,
        };
        try {
          rule.check(set, context);
        } catch (err) {
          if (err instanceof HeapExhaustedError) throw err;
          this.reportSet(rule.id, pending);
          pending = [];
          const first = this.summaries[0];
          if (first) this.ruleError(rule.id, first, first.source, first.basePath, err);
          else this.fileProblem('<input>', `Rule "${rule.id}" failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        for (const [resource, tally] of tallies) {
          const omitted = this.omittedOf(rule.id, resource as ResourceSummary, tally);
          if (omitted) pending.push({ resource: resource as Summary | Resource, path: [], ...omitted, omitted: tally.omitted });
        }
        this.reportSet(rule.id, pending);
        tracePhase(`set-rule:${rule.id}`);
      }
      for (const summary of this.summaries) summary.source.release();
    }
    this.findings.sort(compareFindings);
    tracePhase('sort');
    const findings = linter.helm && linter.helmMerge ? mergeRenders(this.findings) : this.findings;
    return {
      findings,
      files: this.files,
      resources: this.resources,
      skipped: this.skipped,
      rules: linter.rules,
      frameworks: linter.frameworks,
      kubeVersion: linter.settingsView.kubeVersion,
      ...(this.targeted.size > 0 ? { targeted: Object.fromEntries(this.targeted) } : {}),
    };
  }
}

/** Any value as text, for messages: String() throws on objects without a prototype or with a throwing toString. */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
