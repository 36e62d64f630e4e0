import { atLeast, isSetRule, type Framework, type JsonPath, type KubeVersion, type Report, type Resource, type RuleContext } from '@kubecomply/core';
import type { PodSecurityLevel } from './pod-security-labels.js';
import { isWindowsPod } from './pod-exemptions.js';

/**
 * What the catalogs cannot say about pod-security-admission's checks: the
 * first policy version of each, and which baseline check a restricted one
 * replaces at restricted level (registry OverrideCheckIDs). Checks not listed
 * apply at every version.
 */
interface CheckFacts {
  since?: number;
  overrides?: string;
  /** From policy 1.25 the check passes every pod with spec.os.name: windows. */
  windowsExempt?: true;
}
const CHECK_FACTS: Readonly<Record<string, CheckFacts>> = {
  hostProbesAndHostLifecycle: { since: 34 },
  restrictedVolumes: { overrides: 'hostPathVolumes' },
  allowPrivilegeEscalation: { since: 8, windowsExempt: true },
  runAsUser: { since: 23 },
  seccompProfile_restricted: { since: 19, overrides: 'seccompProfile_baseline', windowsExempt: true },
  capabilities_restricted: { since: 22, overrides: 'capabilities_baseline', windowsExempt: true },
  procMount_restricted: { since: 35, overrides: 'procMount' },
};

/** The catalog of a level: its controls are pod-security-admission's checks, each naming the rules that decide it. */
function catalogOf(ctx: RuleContext, level: Exclude<PodSecurityLevel, 'privileged'>): Framework {
  const id = `pss-${level}`;
  const catalog = ctx.framework(id);
  if (!catalog) throw new Error(`The ${id} catalog is not loaded.`);
  return catalog;
}

/** The check ids of a level that apply at a version, each mapped to the check that runs in its place. */
function activeChecks(catalog: Framework, version: KubeVersion): Map<string, string> {
  const applies = (id: string) => atLeast(version, 1, CHECK_FACTS[id]?.since ?? 0);
  const active = new Map<string, string>();
  for (const control of catalog.controls) if (applies(control.id)) active.set(control.id, control.id);
  for (const [id, target] of active) {
    const overrides = CHECK_FACTS[id]?.overrides;
    if (overrides && active.has(overrides)) active.set(overrides, target);
  }
  return active;
}

export interface FailedCheck {
  /** pod-security-admission's check id, e.g. `runAsNonRoot`. */
  id: string;
  /** What the rules reported for it, with paths relative to the resource. */
  reports: { path: JsonPath; message: string }[];
}

/**
 * Evaluates a workload's pod template at a level and policy version by
 * running the rules of that level's catalog with the policy version as their
 * Kubernetes version, and names the pod-security-admission checks that fail,
 * in catalog order. A baseline check replaced at restricted level counts as
 * the check that replaces it, which also carries its Windows exemption.
 */
export function failedChecks(resource: Resource, ctx: RuleContext, level: Exclude<PodSecurityLevel, 'privileged'>, version: KubeVersion): FailedCheck[] {
  const catalog = catalogOf(ctx, level);
  const active = activeChecks(catalog, version);
  const windows = atLeast(version, 1, 25) && isWindowsPod(resource, ctx);
  const settings = { ...ctx.settings, kubeVersion: version };
  const results = new Map<string, Report[]>();
  const run = (ruleId: string, controlId: string): Report[] => {
    const cached = results.get(ruleId);
    if (cached) return cached;
    const rule = ctx.rule(ruleId);
    if (!rule || isSetRule(rule)) throw new Error(`Rule "${ruleId}" of ${catalog.id} control ${controlId} is not a per-resource rule of a loaded package.`);
    const reports: Report[] = [];
    rule.check(resource, {
      report: (report) => void reports.push(report),
      lookup: ctx.lookup,
      containers: ctx.containers,
      podSpec: ctx.podSpec,
      rule: ctx.rule,
      framework: ctx.framework,
      settings,
    });
    results.set(ruleId, reports);
    return reports;
  };
  const failed = new Map<string, FailedCheck>();
  for (const control of catalog.controls) {
    const target = active.get(control.id);
    if (target === undefined || (windows && CHECK_FACTS[target]?.windowsExempt)) continue;
    for (const ruleId of control.rules ?? []) {
      const reports = run(ruleId, control.id);
      if (reports.length === 0) continue;
      let entry = failed.get(target);
      if (!entry) failed.set(target, (entry = { id: target, reports: [] }));
      for (const r of reports) {
        if (!entry.reports.some((e) => samePath(e.path, r.path))) entry.reports.push({ path: r.path, message: r.message });
      }
    }
  }
  const order = catalog.controls.map((c) => c.id);
  return [...failed.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
