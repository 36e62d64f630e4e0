import type { ControlRef } from '../base/types.js';
import { compareKubeVersions, formatKubeVersion, parseKubeVersion, type KubeVersion } from '../base/kube-version.js';

/**
 * How a control is decided: by rules over the files, by a person, or only on
 * a live node or cluster (file modes, running processes).
 */
export type Assessment = 'automated' | 'manual' | 'not-static';

/** One control of a framework: its id as the standard writes it, a short title, and the rules that give evidence for it. */
export interface Control {
  id: string;
  /** A short paraphrase in our own words. */
  title: string;
  /** Rules whose findings are evidence against this control. */
  rules?: readonly string[];
  assessment?: Assessment;
  /** Why a control is manual or not decidable from files. */
  note?: string;
  /** Profile level, where the framework has levels (CIS Level 1 / Level 2). */
  level?: number;
  /**
   * In a framework that follows Kubernetes versions: the first version that
   * has this control ("1.34"). A run for an older --kube-version reports the
   * control as not applicable.
   */
  since?: string;
}

/** A compliance framework catalog: id, version, title and controls that point at rule ids. */
export interface Framework {
  id: string;
  version: string;
  title: string;
  url?: string;
  controls: readonly Control[];
  /**
   * Rules whose findings no annotation may suppress while this framework is
   * applied; a config suppression of them must expire within a year. Each
   * must be a rule some control lists.
   */
  unsuppressible?: readonly string[];
  /**
   * The catalog is versioned with Kubernetes (the Pod Security Standards: a
   * policy version is a Kubernetes minor version). Its `version` is the
   * newest it describes; a run for an older --kube-version reports that
   * version instead, and its controls `since` a newer one as not applicable.
   */
  followsKubernetes?: boolean;
}

/** Declares a framework catalog; control ids must be unique within it. */
export function defineFramework(framework: Framework): Framework {
  const seen = new Set<string>();
  for (const control of framework.controls) {
    if (seen.has(control.id)) throw new Error(`Framework "${framework.id}" lists control ${control.id} twice.`);
    seen.add(control.id);
  }
  const mapped = new Set(framework.controls.flatMap((c) => c.rules ?? []));
  for (const rule of framework.unsuppressible ?? []) {
    if (!mapped.has(rule)) throw new Error(`Framework "${framework.id}" marks rule ${rule} unsuppressible but no control lists it.`);
  }
  return Object.freeze(framework);
}

/** How a control is assessed: `automated` when rules decide it, unless the catalog says `manual` or `not-static`. */
export function assessmentOf(control: Control): Assessment {
  return control.assessment ?? (control.rules && control.rules.length > 0 ? 'automated' : 'manual');
}

/** Compares dotted control ids numerically where they are numbers ("1.2.10" after "1.2.9"). */
export function compareControlIds(a: string, b: string): number {
  // Runs of digits compare as numbers, the rest as text. Not localeCompare:
  // building a collator per call costs more than the whole start-up budget.
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** rule id -> every control, across the given frameworks, that lists it. */
export function invertFrameworks(frameworks: readonly Framework[]): Map<string, ControlRef[]> {
  const byRule = new Map<string, ControlRef[]>();
  for (const framework of frameworks) {
    for (const control of framework.controls) {
      for (const rule of control.rules ?? []) {
        let list = byRule.get(rule);
        if (!list) byRule.set(rule, (list = []));
        list.push({ framework: framework.id, version: framework.version, id: control.id });
      }
    }
  }
  for (const list of byRule.values()) {
    list.sort((a, b) => (a.framework < b.framework ? -1 : a.framework > b.framework ? 1 : compareControlIds(a.id, b.id)));
  }
  return byRule;
}

/**
 * A framework narrowed to a profile level. Profiles nest (CIS Level 1 is the
 * base and Level 2 adds to it), so level 1 keeps the controls marked 1 and
 * level 2 keeps everything; controls without a level count as Level 1. The
 * id and version stay, so findings cite the same control ids, and rules that
 * serve only higher-level controls are not run when a run is limited to the
 * framework. A framework without levels is returned as it is.
 */
export function atProfileLevel(framework: Framework, level: number): Framework {
  if (!framework.controls.some((control) => control.level !== undefined)) return framework;
  return defineFramework({
    ...framework,
    title: `${framework.title} (Level ${level})`,
    controls: framework.controls.filter((control) => (control.level ?? 1) <= level),
  });
}

/** Whether a control exists at a Kubernetes version (see Control.since); controls without `since` always do. */
export function controlApplies(control: Control, version: KubeVersion): boolean {
  const since = control.since === undefined ? undefined : parseKubeVersion(control.since);
  return since === undefined || compareKubeVersions(version, since) >= 0;
}

/**
 * A framework as it stands at a Kubernetes version: for one that follows
 * Kubernetes versions and is newer than the run's, the run's version, and
 * no rule for the controls that version does not have yet (so findings do
 * not cite them). Other frameworks are returned as they are.
 */
export function atKubeVersion(framework: Framework, version: KubeVersion): Framework {
  if (!framework.followsKubernetes) return framework;
  const own = parseKubeVersion(framework.version);
  if (own === undefined || compareKubeVersions(version, own) >= 0) return framework;
  return defineFramework({
    ...framework,
    version: formatKubeVersion(version),
    controls: framework.controls.map((control) => (controlApplies(control, version) ? control : { ...control, rules: [], assessment: 'automated' })),
  });
}
