import { placeMatcher } from '../config/match.js';
import type { LoadedConfig } from '../config/types.js';
import type { FindingPolicy, LintResult, PolicyContext } from '../engine/result.js';
import { compareFindings } from '../base/sort.js';
import { resourceRef, type Resource } from '../model/resource.js';
import type { Finding, JsonPath } from '../base/types.js';
import { SUPPRESSION_ANNOTATION_PREFIX, parseSuppressionAnnotation } from './annotations.js';
import { GovernancePolicy } from './governance.js';

/** The built-in rule that reports suppressions that suppressed nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

/** Rules whose own findings an annotation is not expected to suppress. */
const NOT_TRACKED = new Set([UNUSED_SUPPRESSION, 'suppression-invalid']);

interface Annotated {
  resource: Resource;
  /** rule id -> annotation key, for the well-formed suppression annotations. */
  keys: Map<string, string>;
  used: Set<string>;
}

/** Where a resource is written; the engine's summaries carry it too. */
type Placed = { source?: { file: string; index: number }; basePath?: JsonPath };

/** One key per resource, the same for the Resource a rule checks and the summary a whole-set rule reports on. */
function resourceKey(resource: Placed): string | undefined {
  if (!resource.source || !resource.basePath) return undefined;
  return `${resource.source.file}\0${resource.source.index}\0${resource.basePath.join('\0')}`;
}

function finding(result: LintResult, partial: Omit<Finding, 'ruleId' | 'severity' | 'controls' | 'remediation'>): Finding | undefined {
  const meta = result.rules.find((r) => r.id === UNUSED_SUPPRESSION);
  if (!meta) return undefined;
  return { ruleId: UNUSED_SUPPRESSION, severity: meta.severity, ...partial, controls: meta.controls, remediation: meta.remediation };
}

/**
 * Wraps the run's policy to find `ignore.kubecomply.io/<rule-id>` annotations
 * that suppressed nothing, as ESLint's --report-unused-disable-directives
 * does: the rule ran (it is active in this run) and reported nothing on the
 * resource. Such an annotation is a hole waiting for the problem to come
 * back, so each one becomes an `unused-suppression` finding on its key.
 * Annotations of rules the run does not apply (a --framework that leaves
 * them out, a rule turned off) are not judged.
 */
export class UnusedSuppressionPolicy implements FindingPolicy {
  private readonly annotated = new Map<string, Annotated>();

  constructor(private readonly inner: FindingPolicy & { finish?(result: LintResult): LintResult }) {}

  seen(resource: Resource): void {
    this.inner.seen?.(resource);
    let keys: Map<string, string> | undefined;
    for (const [key, value] of Object.entries(resource.annotations)) {
      if (!key.startsWith(SUPPRESSION_ANNOTATION_PREFIX)) continue;
      const parsed = parseSuppressionAnnotation(key, value);
      // A malformed annotation is reported as suppression-invalid already.
      if (parsed.problem || NOT_TRACKED.has(parsed.ruleId)) continue;
      (keys ??= new Map()).set(parsed.ruleId, key);
    }
    const id = keys && resourceKey(resource);
    if (keys && id !== undefined) this.annotated.set(id, { resource, keys, used: new Set() });
  }

  /** The key of the resource of the last finding: findings come resource by resource, and a key is a string built from its path. */
  private last: { resource: object; id: string | undefined } | undefined;

  apply(f: Finding, context: PolicyContext): Finding | null {
    const resource = context.resource;
    if (resource !== undefined && this.annotated.size > 0) {
      if (this.last?.resource !== resource) this.last = { resource, id: resourceKey(resource as Placed) };
      const id = this.last.id;
      if (id !== undefined) this.annotated.get(id)?.used.add(f.ruleId);
    }
    return this.inner.apply(f, context);
  }

  /** The inner policy's finish, then one finding per unused annotation. */
  finish(result: LintResult): LintResult {
    const done = this.inner.finish ? this.inner.finish(result) : result;
    const active = new Set(done.rules.map((r) => r.id));
    const added: Finding[] = [];
    for (const { resource, keys, used } of this.annotated.values()) {
      for (const [ruleId, key] of keys) {
        if (used.has(ruleId) || !active.has(ruleId)) continue;
        const path = [...resource.basePath, 'metadata', 'annotations', key];
        const { range, found } = resource.source.locate(path);
        const f = finding(done, {
          message: `Annotation ${key} suppresses nothing: ${ruleId} reports no finding on this resource.`,
          resource: resourceRef(resource),
          file: resource.source.file,
          range,
          path,
          pathFound: found,
          ...(resource.source.helm ? { helm: resource.source.helm } : {}),
        });
        const kept = f && this.inner.apply(f, { resource });
        if (kept) added.push(kept);
      }
    }
    this.annotated.clear();
    if (added.length === 0) return done;
    return { ...done, findings: [...done.findings, ...added].sort(compareFindings) };
  }
}

/**
 * Config `suppressions` entries that match no finding of a run: each becomes
 * an `unused-suppression` finding at the entry in the config file. Judged on
 * the whole run's findings (after merging shards), and only for rules the
 * run applies. `cwd` is what the findings' file paths are relative to;
 * `policy`, the run's (by default one made from the config), sets the
 * severity of the findings it adds.
 */
export function unusedConfigSuppressions(result: LintResult, loaded: LoadedConfig | undefined, cwd: string, policy?: FindingPolicy): LintResult {
  const entries = loaded?.config.suppressions ?? [];
  if (!loaded || entries.length === 0) return result;
  const active = new Set(result.rules.map((r) => r.id));
  const added: Finding[] = [];
  entries.forEach((entry, i) => {
    if (!active.has(entry.rule)) return;
    const matches = placeMatcher(entry, loaded.dir, cwd);
    if (result.findings.some((f) => f.ruleId === entry.rule && matches(f.file, f.resource))) return;
    const at = loaded.problemAt(['suppressions', i], '');
    const f = finding(result, {
      message: `The suppression of ${entry.rule} at ${at.file}:${at.line} suppresses nothing: no finding of ${entry.rule} matches it.`,
      file: at.file,
      range: { start: { line: at.line, column: at.column }, end: { line: at.line, column: at.column } },
      path: ['suppressions', i],
      pathFound: true,
    });
    // The policy applies the config's severity for unused-suppression (or turns it off).
    const kept = f && (policy ?? new GovernancePolicy({ config: loaded, cwd })).apply(f, {});
    if (kept) added.push(kept);
  });
  if (added.length === 0) return result;
  return { ...result, findings: [...result.findings, ...added].sort(compareFindings) };
}
