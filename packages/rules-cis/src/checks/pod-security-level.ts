import { atLeast, type JsonPath, type KubeVersion, type Report, type Resource, type ResourceRule, type RuleContext } from '@kubecomply/core';
import pssBaseline from '../frameworks/pss-baseline.js';
import pssRestricted from '../frameworks/pss-restricted.js';
import allowPrivilegeEscalation from '../rules/allow-privilege-escalation.js';
import apparmorUnconfined from '../rules/apparmor-unconfined.js';
import capabilitiesAddedBeyondBaseline from '../rules/capabilities-added-beyond-baseline.js';
import capabilitiesAddedBeyondRestricted from '../rules/capabilities-added-beyond-restricted.js';
import capabilitiesNotDropAll from '../rules/capabilities-not-drop-all.js';
import hostIpc from '../rules/host-ipc.js';
import hostNetwork from '../rules/host-network.js';
import hostPathVolume from '../rules/host-path-volume.js';
import hostPid from '../rules/host-pid.js';
import hostPort from '../rules/host-port.js';
import privilegedContainer from '../rules/privileged-container.js';
import probeOrLifecycleHostSet from '../rules/probe-or-lifecycle-host-set.js';
import procMountUnmaskedInUserNamespace from '../rules/proc-mount-unmasked-in-user-namespace.js';
import procMountUnmasked from '../rules/proc-mount-unmasked.js';
import restrictedVolumeType from '../rules/restricted-volume-type.js';
import runAsNonRootMissing from '../rules/run-as-non-root-missing.js';
import runAsUserZero from '../rules/run-as-user-zero.js';
import seccompProfileMissing from '../rules/seccomp-profile-missing.js';
import seccompUnconfined from '../rules/seccomp-unconfined.js';
import selinuxOptionsCustom from '../rules/selinux-options-custom.js';
import unsafeSysctl from '../rules/unsafe-sysctl.js';
import windowsHostProcess from '../rules/windows-host-process.js';
import type { PodSecurityLevel } from './pod-security-labels.js';
import { isWindowsPod } from './pod-exemptions.js';

/**
 * The rules the Pod Security catalogs name. They are imported one by one,
 * not through rules/index.ts, which imports the rule that uses this module.
 */
const PSS_RULES: ReadonlyMap<string, ResourceRule> = new Map(
  [
    allowPrivilegeEscalation, apparmorUnconfined, capabilitiesAddedBeyondBaseline, capabilitiesAddedBeyondRestricted,
    capabilitiesNotDropAll, hostIpc, hostNetwork, hostPathVolume, hostPid, hostPort, privilegedContainer,
    probeOrLifecycleHostSet, procMountUnmasked, procMountUnmaskedInUserNamespace, restrictedVolumeType,
    runAsNonRootMissing, runAsUserZero, seccompProfileMissing, seccompUnconfined, selinuxOptionsCustom, unsafeSysctl,
    windowsHostProcess,
  ].map((rule) => [rule.id, rule]),
);

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

const CATALOGS = { baseline: pssBaseline, restricted: pssRestricted } as const;

/** The check ids of a level that apply at a version, each mapped to the check that runs in its place. */
function activeChecks(level: Exclude<PodSecurityLevel, 'privileged'>, version: KubeVersion): Map<string, string> {
  const applies = (id: string) => atLeast(version, 1, CHECK_FACTS[id]?.since ?? 0);
  const active = new Map<string, string>();
  for (const control of CATALOGS[level].controls) if (applies(control.id)) active.set(control.id, control.id);
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
export function failedChecks(
  resource: Resource,
  ctx: RuleContext,
  level: Exclude<PodSecurityLevel, 'privileged'>,
  version: KubeVersion,
): FailedCheck[] {
  const catalog = CATALOGS[level];
  const active = activeChecks(level, version);
  const windows = atLeast(version, 1, 25) && isWindowsPod(resource, ctx);
  const settings = { ...ctx.settings, kubeVersion: version };
  const results = new Map<string, Report[]>();
  const run = (ruleId: string, controlId: string): Report[] => {
    const cached = results.get(ruleId);
    if (cached) return cached;
    const rule = PSS_RULES.get(ruleId);
    if (!rule) throw new Error(`Rule "${ruleId}" of ${catalog.id} control ${controlId} is not wired into pod security evaluation.`);
    const reports: Report[] = [];
    rule.check(resource, {
      report: (report) => void reports.push(report),
      lookup: ctx.lookup,
      containers: ctx.containers,
      podSpec: ctx.podSpec,
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
