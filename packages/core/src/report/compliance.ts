import { assessmentOf, controlApplies, type Assessment, type Control, type Framework } from '../engine/framework.js';
import { ConfigurationError } from '../base/errors.js';
import type { ActiveRule, LintResult } from '../engine/result.js';
import { WORKLOAD_KINDS } from '../model/workload.js';
import type { Finding, ResourceRef } from '../base/types.js';

/**
 * The compliance view of a lint result: for every control of every applied
 * framework, whether the files show it passed or failed, or why they cannot
 * tell; and a score per framework over what they can tell. The definitions
 * are in docs/compliance-report.md; keep the two in step.
 */

/**
 * - passed: an automated control whose rules checked at least one resource
 *   and found nothing (suppressed findings do not fail it).
 * - failed: a control with at least one unsuppressed finding, whatever its
 *   assessment: a finding is evidence against it.
 * - not-applicable: an automated control none of whose rules had anything to
 *   check in the input (no RBAC objects for an RBAC control, say).
 * - not-evaluated: an automated control none of whose rules ran (turned off
 *   in the config, by --disable, or left out by --rule).
 * - manual: a person must judge it; no finding here does not mean it passed.
 * - not-static: only a live node, cluster or image scan can decide it.
 */
export type ControlStatus = 'passed' | 'failed' | 'not-applicable' | 'not-evaluated' | 'manual' | 'not-static';

/** In the order reports show them: what needs attention first. */
export const CONTROL_STATUSES: readonly ControlStatus[] = ['failed', 'passed', 'not-applicable', 'not-evaluated', 'manual', 'not-static'];

/** The outcome of one control in a compliance report, with the resources evaluated and failed and the findings. */
export interface ControlResult {
  id: string;
  title: string;
  assessment: Assessment;
  status: ControlStatus;
  /** Why a control is manual or not static, from the catalog. */
  note?: string;
  level?: number;
  /** The rules the catalog lists as evidence for it. */
  rules: readonly string[];
  /** Of those, the ones that did not run. */
  rulesNotRun: readonly string[];
  /** Resources its rules checked; of them, those with an unsuppressed finding. */
  resources: { evaluated: number; failed: number };
  /** Unsuppressed findings of its rules. */
  findings: readonly Finding[];
  /** Suppressed findings of its rules: accepted, so not failures, but listed. */
  suppressed: readonly Finding[];
}

/** One framework in a compliance report: its controls with their status, and the score over what files can decide. */
export interface FrameworkResult {
  id: string;
  version: string;
  title: string;
  url?: string;
  /**
   * passed / (passed + failed) over automated controls, × 100; null when the
   * files decided no automated control. Not rounded: `formatScore` rounds down.
   */
  score: number | null;
  /** Automated controls the files decided. */
  passed: number;
  failed: number;
  /** Controls per status, all assessments. */
  counts: Readonly<Record<ControlStatus, number>>;
  controls: readonly ControlResult[];
}

/** Per framework and control, what a lint result shows: passed, failed, manual, not-static, not applicable or not evaluated, with scores. */
export interface ComplianceReport {
  frameworks: readonly FrameworkResult[];
  /**
   * Unsuppressed parse and rule errors: the controls were decided on the part
   * of the input that could be read and checked.
   */
  inputProblems: readonly Finding[];
}

/** Findings that mean part of the input was not checked. */
const INPUT_PROBLEMS: ReadonlySet<string> = new Set(['parse-error', 'rule-error']);

function resourceKey(file: string, resource: ResourceRef | undefined): string {
  if (!resource) return `${file}\0`;
  return `${file}\0${resource.apiVersion}\0${resource.kind}\0${resource.namespace ?? ''}\0${resource.name}`;
}

/** Which resources of the run each rule checked, as indexes into `result.resources`. */
class Coverage {
  private readonly byKind = new Map<string, number[]>();
  private readonly all: number[];
  private readonly memo = new Map<string, readonly number[]>();

  constructor(private readonly result: LintResult) {
    this.all = result.resources.map((_, i) => i);
    result.resources.forEach((r, i) => {
      let list = this.byKind.get(r.kind);
      if (!list) this.byKind.set(r.kind, (list = []));
      list.push(i);
    });
  }

  of(rule: ActiveRule): readonly number[] {
    const known = this.memo.get(rule.id);
    if (known) return known;
    const narrowed = this.result.targeted?.[rule.id];
    let indexes: readonly number[];
    if (narrowed) {
      indexes = narrowed;
    } else {
      const kinds = rule.appliesTo ?? ['*'];
      if (kinds.includes('*')) {
        indexes = this.all;
      } else {
        const wanted = new Set(kinds.flatMap((k) => (k === 'workloads' ? WORKLOAD_KINDS : [k])));
        indexes = [...wanted].flatMap((k) => this.byKind.get(k) ?? []);
      }
    }
    this.memo.set(rule.id, indexes);
    return indexes;
  }
}

/** The compliance report of a lint result, over the frameworks it applied. */
export function complianceReport(result: LintResult): ComplianceReport {
  const active = new Map(result.rules.map((r) => [r.id, r]));
  const coverage = new Coverage(result);
  // Resources by a canonical index (the first of any that share file, kind,
  // namespace and name), so a control's resources are counted with a stamp
  // per control rather than sets of strings.
  const firstOf = new Map<string, number>();
  const canonical = result.resources.map((r, i) => {
    const key = resourceKey(r.file, r);
    const first = firstOf.get(key);
    if (first !== undefined) return first;
    firstOf.set(key, i);
    return i;
  });
  const marks = new Uint32Array(result.resources.length);
  let stamp = 0;
  /** A finding's resource: its canonical index, or its key when it is not among the resources seen. */
  const resourceOf = new Map<Finding, number | string>();
  for (const f of result.findings) {
    const key = resourceKey(f.file, f.resource);
    resourceOf.set(f, firstOf.get(key) ?? key);
  }
  /** Indexes into result.findings, per rule. */
  const byRule = new Map<string, number[]>();
  result.findings.forEach((f, i) => {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(i);
  });

  const controlResult = (control: Control): ControlResult => {
    const assessment = assessmentOf(control);
    const rules = control.rules ?? [];
    const ran = rules.filter((id) => active.has(id));
    // Findings of several rules interleave: keep the run's file/line order.
    const indexes = [...new Set(rules)].flatMap((id) => byRule.get(id) ?? []);
    const ordered = rules.length > 1 ? Int32Array.from(indexes).sort() : indexes;
    const findings: Finding[] = [];
    const suppressed: Finding[] = [];
    for (const i of ordered) {
      const f = result.findings[i] as Finding;
      (f.suppression ? suppressed : findings).push(f);
    }

    stamp++;
    let evaluated = 0;
    const mark = (i: number) => {
      const c = canonical[i] as number;
      if (marks[c] === stamp) return;
      marks[c] = stamp;
      evaluated++;
    };
    for (const id of ran) for (const i of coverage.of(active.get(id) as ActiveRule)) mark(i);
    // A finding proves its resource was checked, even one the rule's kinds do not name.
    const elsewhere = new Set<string>();
    for (const list of [findings, suppressed]) {
      for (const f of list) {
        const where = resourceOf.get(f) as number | string;
        if (typeof where === 'number') mark(where);
        else elsewhere.add(where);
      }
    }
    const failedResources = new Set(findings.map((f) => resourceOf.get(f)));

    let status: ControlStatus;
    if (findings.length > 0) status = 'failed';
    else if (assessment !== 'automated') status = assessment;
    else if (!controlApplies(control, result.kubeVersion)) status = 'not-applicable';
    else if (ran.length === 0) status = 'not-evaluated';
    else if (evaluated + elsewhere.size === 0) status = 'not-applicable';
    else status = 'passed';

    return {
      id: control.id,
      title: control.title,
      assessment,
      status,
      ...(control.note !== undefined ? { note: control.note } : {}),
      ...(control.level !== undefined ? { level: control.level } : {}),
      rules,
      rulesNotRun: rules.filter((id) => !active.has(id)),
      resources: { evaluated: evaluated + elsewhere.size, failed: failedResources.size },
      findings,
      suppressed,
    };
  };

  const frameworks = result.frameworks.map((framework: Framework): FrameworkResult => {
    const controls = framework.controls.map(controlResult);
    const counts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
    let passed = 0;
    let failed = 0;
    for (const c of controls) {
      counts[c.status]++;
      if (c.assessment !== 'automated') continue;
      if (c.status === 'passed') passed++;
      else if (c.status === 'failed') failed++;
    }
    return {
      id: framework.id,
      version: framework.version,
      title: framework.title,
      ...(framework.url !== undefined ? { url: framework.url } : {}),
      score: passed + failed === 0 ? null : (passed / (passed + failed)) * 100,
      passed,
      failed,
      counts,
      controls,
    };
  });

  return {
    frameworks,
    inputProblems: result.findings.filter((f) => !f.suppression && INPUT_PROBLEMS.has(f.ruleId)),
  };
}

/**
 * A score as reports print it: rounded down to one decimal, so a score
 * shown as meeting a minimum always does ("79.96" is "79.9", never "80.0").
 */
export function formatScore(score: number | null): string {
  if (score === null) return 'n/a';
  return (Math.floor(score * 10 + 1e-9) / 10).toFixed(1);
}

/** A framework whose compliance score is below the minimum asked for. */
export interface ScoreShortfall {
  framework: string;
  /** null when the files decided no automated control of it. */
  score: number | null;
  minimum: number;
}

/**
 * The frameworks whose score is below its minimum (0-100, per framework
 * id). A framework without a score (nothing decided) misses any minimum
 * above 0: a threshold asks for evidence. A minimum for a framework the
 * report does not cover is a ConfigurationError.
 */
export function scoreShortfalls(report: ComplianceReport, minimums: Readonly<Record<string, number>>): ScoreShortfall[] {
  const out: ScoreShortfall[] = [];
  for (const [id, minimum] of Object.entries(minimums)) {
    const framework = report.frameworks.find((f) => f.id === id);
    if (!framework) {
      const ids = report.frameworks.map((f) => f.id).join(', ');
      throw new ConfigurationError(`A minimum score is set for framework "${id}", which this run does not apply${ids ? ` (it applies ${ids})` : ''}.`);
    }
    if (minimum <= 0) continue;
    if (framework.score === null || framework.score < minimum) out.push({ framework: id, score: framework.score, minimum });
  }
  return out;
}
