import { excerpt } from '../base/excerpt.js';
import type { LoadedConfig } from '../config/types.js';
import { placeMatcher } from '../config/match.js';
import { nearest } from '../base/nearest.js';
import type { Framework } from '../engine/framework.js';
import { UNSILENCEABLE_RULE_IDS } from '../engine/builtin.js';
import type { FindingPolicy, LintResult, PolicyContext } from '../engine/result.js';
import type { Resource } from '../model/resource.js';
import type { ResourceSummary } from '../model/resource-set.js';
import type { JsonPath } from '../base/types.js';
import { compareFindings } from '../base/sort.js';
import type { Finding, Range, ResourceRef, SeveritySetting, Suppression } from '../base/types.js';
import { suppressionAnnotations, type AnnotationSuppression } from './annotations.js';
import { addDays } from '../base/dates.js';
import { resolveToday } from './today.js';

/** The built-in rule that reports suppression annotations that cannot work. */
export const SUPPRESSION_INVALID = 'suppression-invalid';

/** How far ahead a config suppression of a framework's unsuppressible rule may expire. */
export const UNSUPPRESSIBLE_MAX_DAYS = 366;

export interface GovernanceOptions {
  /** The run's config: `rules`, `overrides` and `suppressions` are applied. */
  config?: LoadedConfig | undefined;
  /** Every framework the run's plugins ship; their `unsuppressible` lists are honoured for the frameworks a finding maps to. */
  frameworks?: readonly Framework[] | undefined;
  /** Today, YYYY-MM-DD (UTC), for expiry dates. Default: resolveToday() (KUBECOMPLY_NOW, else the clock). */
  today?: string | undefined;
  /** The directory findings' file paths are relative to. Default: process.cwd(). */
  cwd?: string | undefined;
  /** Every rule id that exists; a suppression annotation naming another id is reported. */
  knownRules?: ReadonlySet<string> | undefined;
  /** Rules asked for on the command line (--rule): an `off` in the config's `rules` does not apply to them. */
  forceOn?: readonly string[] | undefined;
}

interface CompiledOverride {
  matches: (file: string, resource: ResourceRef | undefined) => boolean;
  rules: Readonly<Record<string, SeveritySetting>>;
}

interface CompiledSuppression {
  matches: (file: string, resource: ResourceRef | undefined) => boolean;
  reason: string;
  expires: string | undefined;
  /** `.kubecomply.yaml:12`, for messages. */
  where: string;
}

interface PendingInvalid {
  finding: Finding;
  resource: Resource | ResourceSummary;
}

type PolicyResource = Resource | ResourceSummary;

/** The annotations as written, so an annotation left empty (YAML null) is seen too. */
function rawAnnotations(resource: PolicyResource): Readonly<Record<string, string>> {
  const object = (resource as Partial<Resource>).object ?? (resource as ResourceSummary).resource?.object;
  const raw = object?.metadata?.annotations as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return resource.annotations;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = v === null || v === undefined ? '' : String(v);
  return out;
}

/** Where an annotation is written, when the resource still knows its source document. */
function annotationPlace(resource: PolicyResource, key: string): { range: Range; path: JsonPath; found: boolean } | undefined {
  const r = resource as { source?: { locate?: (path: JsonPath) => { range: Range; found: boolean } }; basePath?: JsonPath };
  if (typeof r.source?.locate !== 'function' || !Array.isArray(r.basePath)) return undefined;
  const path = [...r.basePath, 'metadata', 'annotations', key];
  const { range, found } = r.source.locate(path);
  return { range, path, found };
}

function withSuppression(finding: Finding, suppression: Suppression): Finding {
  return { ...finding, suppression };
}

/**
 * The policy a configured run applies to every finding, in this order:
 *
 * 1. severity: the config's `rules`, then every matching `overrides` entry
 *    in order (the last one wins); `off` drops the finding;
 * 2. suppression by an `ignore.kubecomply.io/<rule-id>` annotation on the
 *    resource, when it gives a reason, has not expired, and no framework the
 *    finding maps to marks the rule unsuppressible;
 * 3. suppression by the first matching, unexpired `suppressions` entry of
 *    the config; for an unsuppressible rule only an entry that expires within
 *    UNSUPPRESSIBLE_MAX_DAYS counts.
 *
 * A suppression that does not apply leaves the finding active and says why
 * in its message. Malformed annotations become `suppression-invalid`
 * findings, which `finish` adds to the result.
 */
export class GovernancePolicy implements FindingPolicy {
  readonly today: string;
  private readonly cwd: string;
  private readonly base = new Map<string, SeveritySetting>();
  private readonly overrides = new Map<string, CompiledOverride[]>();
  private readonly suppressions = new Map<string, CompiledSuppression[]>();
  private readonly guardedBy = new Map<string, Set<string>>();
  private readonly knownRules: ReadonlySet<string> | undefined;
  private readonly maxExpiry: string;
  private readonly parsed = new WeakMap<object, Map<string, AnnotationSuppression>>();
  private readonly invalid = new Map<string, PendingInvalid>();

  constructor(options: GovernanceOptions = {}) {
    this.today = options.today ?? resolveToday();
    this.maxExpiry = addDays(this.today, UNSUPPRESSIBLE_MAX_DAYS);
    this.cwd = options.cwd ?? process.cwd();
    this.knownRules = options.knownRules;
    for (const framework of options.frameworks ?? []) {
      for (const rule of framework.unsuppressible ?? []) {
        let set = this.guardedBy.get(rule);
        if (!set) this.guardedBy.set(rule, (set = new Set()));
        set.add(framework.id);
      }
    }
    const loaded = options.config;
    if (!loaded) return;
    const forceOn = new Set(options.forceOn ?? []);
    for (const [id, setting] of Object.entries(loaded.config.rules ?? {})) {
      if (!(setting === 'off' && forceOn.has(id))) this.base.set(id, setting);
    }
    for (const override of loaded.config.overrides ?? []) {
      const compiled: CompiledOverride = { matches: placeMatcher(override, loaded.dir, this.cwd), rules: override.rules };
      for (const id of Object.keys(override.rules)) {
        let list = this.overrides.get(id);
        if (!list) this.overrides.set(id, (list = []));
        list.push(compiled);
      }
    }
    (loaded.config.suppressions ?? []).forEach((entry, i) => {
      const at = loaded.problemAt(['suppressions', i], '');
      const compiled: CompiledSuppression = {
        matches: placeMatcher(entry, loaded.dir, this.cwd),
        reason: entry.reason.trim(),
        expires: entry.expires,
        where: `${at.file}:${at.line}`,
      };
      let list = this.suppressions.get(entry.rule);
      if (!list) this.suppressions.set(entry.rule, (list = []));
      list.push(compiled);
    });
  }

  apply(finding: Finding, context: PolicyContext): Finding | null {
    const setting = this.settingFor(finding);
    if (setting === 'off') return null;
    const adjusted = setting !== undefined && setting !== finding.severity ? { ...finding, severity: setting } : finding;
    return this.suppress(adjusted, context.resource);
  }

  /** Adds the `suppression-invalid` findings met while applying the policy; call it with the Linter's result. */
  finish(result: LintResult): LintResult {
    if (this.invalid.size === 0) return result;
    const pending = [...this.invalid.values()];
    this.invalid.clear();
    const meta = result.rules.find((r) => r.id === SUPPRESSION_INVALID);
    if (!meta) return result;
    const findings = [...result.findings];
    for (const { finding, resource } of pending) {
      const full: Finding = { ...finding, severity: meta.severity, controls: meta.controls, remediation: meta.remediation };
      const kept = this.apply(full, { resource });
      if (kept) findings.push(kept);
    }
    findings.sort(compareFindings);
    return { ...result, findings };
  }

  /** Whether a baseline may suppress the finding: not when its rule can never be silenced or a framework it maps to marks it unsuppressible. */
  allowsBaseline(finding: Finding): boolean {
    return !UNSILENCEABLE_RULE_IDS.has(finding.ruleId) && this.guards(finding).length === 0;
  }

  private settingFor(finding: Finding): SeveritySetting | undefined {
    if (UNSILENCEABLE_RULE_IDS.has(finding.ruleId)) return undefined;
    let setting = this.base.get(finding.ruleId);
    for (const override of this.overrides.get(finding.ruleId) ?? []) {
      if (filesOf(finding).some((file) => override.matches(file, finding.resource))) setting = override.rules[finding.ruleId];
    }
    return setting;
  }

  /** Frameworks, among those the finding maps to, that mark its rule unsuppressible. */
  private guards(finding: Finding): string[] {
    const by = this.guardedBy.get(finding.ruleId);
    if (!by) return [];
    return [...new Set(finding.controls.map((c) => c.framework).filter((f) => by.has(f)))].sort();
  }

  private suppress(finding: Finding, resource: PolicyResource | undefined): Finding {
    const notes: string[] = [];
    const rule = finding.ruleId;
    const annotation = resource ? this.annotationsOf(resource, finding).get(rule) : undefined;
    if (UNSILENCEABLE_RULE_IDS.has(rule)) {
      const tried = annotation || (this.suppressions.get(rule) ?? []).some((e) => e.matches(finding.file, finding.resource));
      return tried
        ? { ...finding, message: `${finding.message} [not suppressed: ${rule} can never be suppressed, since the resource was not fully checked]` }
        : finding;
    }
    if (annotation) {
      const guards = this.guards(finding);
      if (annotation.problem) {
        notes.push(`annotation ${excerpt(annotation.key)} ${annotation.problem}, so it does not suppress this`);
      } else if (annotation.expires !== undefined && annotation.expires < this.today) {
        notes.push(`the suppression by annotation ${annotation.key} expired on ${annotation.expires}`);
      } else if (guards.length > 0) {
        notes.push(`not suppressed: ${guards.join(', ')} does not allow an annotation to suppress ${rule}`);
      } else {
        const suppression: Suppression = { reason: annotation.reason, source: 'annotation' };
        if (annotation.expires !== undefined) suppression.expires = annotation.expires;
        return withSuppression(finding, suppression);
      }
    }
    for (const entry of this.suppressions.get(rule) ?? []) {
      if (!filesOf(finding).some((file) => entry.matches(file, finding.resource))) continue;
      if (entry.expires !== undefined && entry.expires < this.today) {
        notes.push(`the suppression at ${entry.where} expired on ${entry.expires}`);
        continue;
      }
      const guards = this.guards(finding);
      if (guards.length > 0 && (entry.expires === undefined || entry.expires > this.maxExpiry)) {
        notes.push(
          `not suppressed: ${guards.join(', ')} marks ${rule} unsuppressible, so the suppression at ${entry.where} needs an expires date no later than ${this.maxExpiry}`,
        );
        continue;
      }
      const suppression: Suppression = { reason: entry.reason, source: 'config' };
      if (entry.expires !== undefined) suppression.expires = entry.expires;
      return withSuppression(finding, suppression);
    }
    return notes.length > 0 ? { ...finding, message: `${finding.message} [${notes.join('; ')}]` } : finding;
  }

  /** The resource's suppression annotations; the first time a resource is seen, its malformed ones are recorded. */
  private annotationsOf(resource: PolicyResource, finding: Finding): Map<string, AnnotationSuppression> {
    const cached = this.parsed.get(resource);
    if (cached) return cached;
    const annotations = suppressionAnnotations(rawAnnotations(resource));
    this.parsed.set(resource, annotations);
    for (const annotation of annotations.values()) {
      let problem = annotation.problem;
      if (!problem && this.knownRules && !this.knownRules.has(annotation.ruleId)) {
        const suggestion = nearest(annotation.ruleId, this.knownRules);
        problem = `names no known rule${suggestion ? ` (did you mean ${suggestion}?)` : ''}`;
        annotation.problem = problem;
      }
      if (problem) this.recordInvalid(resource, finding, annotation.key, problem);
    }
    return annotations;
  }

  private recordInvalid(resource: PolicyResource, finding: Finding, key: string, problem: string): void {
    const place = annotationPlace(resource, key);
    const range = place?.range ?? finding.range;
    const id = `${finding.file}\0${range.start.line}\0${range.start.column}\0${key}`;
    if (this.invalid.has(id)) return;
    const invalid: Finding = {
      ruleId: SUPPRESSION_INVALID,
      severity: 'warning',
      message: `Annotation ${excerpt(key)} ${problem}, so it suppresses nothing.`,
      ...(finding.resource ? { resource: finding.resource } : {}),
      file: finding.file,
      range,
      path: place?.path ?? [],
      pathFound: place?.found ?? false,
      ...(finding.helm ? { helm: finding.helm } : {}),
      controls: [],
      remediation: '',
    };
    this.invalid.set(id, { finding: invalid, resource });
  }
}

/** The files a finding is in: for Helm output mapped to its chart, the template and the rendered file, so globs on either match. */
function filesOf(finding: Finding): string[] {
  const rendered = finding.helm?.rendered?.file;
  return rendered && rendered !== finding.file ? [finding.file, rendered] : [finding.file];
}
