import type { Framework } from './framework.js';
import type { KubeVersion } from '../base/kube-version.js';
import type { ControlRef, Finding, ReachReport, ResourceRef } from '../base/types.js';
import type { Resource } from '../model/resource.js';
import type { ResourceSummary } from '../model/resource-set.js';
import type { RuleMeta } from './rule.js';

/** What a policy sees besides the finding: the resource it is about, when there is one. */
export interface PolicyContext {
  resource?: Resource | ResourceSummary;
}

/** Decides what happens to each finding before it is kept: change its severity, mark it suppressed, or drop it. */
export interface FindingPolicy {
  apply(finding: Finding, context: PolicyContext): Finding | null;
  /** Called with every resource linted (of the files the run owns), before its rules run. */
  seen?(resource: Resource): void;
}

/** A document or file that was not linted, and why: not a Kubernetes object, or empty. */
export interface SkippedInput {
  file: string;
  line?: number;
  /**
   * Why: a document that is not a Kubernetes object, an empty file, a file
   * under a chart's templates/ folder (`helm-template`: not a manifest until
   * rendered), or an entry a directory walk left out (a FIFO, socket or
   * device with a manifest's name; a link out of the tree; a link into
   * /proc, /sys or /dev).
   */
  reason: 'not-kubernetes' | 'empty' | 'helm-template' | 'not-a-regular-file' | 'outside-tree' | 'system-directory';
}

/** A resource a run read, with the file and line it starts at. */
export interface ResourceSeen extends ResourceRef {
  file: string;
  line: number;
}

/** What a run found: sorted findings, the files and resources read, what was skipped, the rules and frameworks that ran. */
export interface LintResult {
  findings: Finding[];
  /** Every file read, in order. */
  files: string[];
  resources: ResourceSeen[];
  skipped: SkippedInput[];
  /** The rules that ran, with their effective severity. */
  rules: ActiveRule[];
  frameworks: Framework[];
  kubeVersion: KubeVersion;
  /**
   * For each rule that narrows its targets (`targets`), the indexes in
   * `resources` of the resources it checked; other rules checked every
   * resource of the kinds in their `appliesTo`.
   */
  targeted?: Readonly<Record<string, readonly number[]>>;
  /** A reachability report, when the caller collected one (ReachCollector) for the formatters to draw. */
  reachability?: ReachReport;
  /** The config file that applied to the run, relative to its working directory; unset when none did. */
  configFile?: string;
}

/** A rule as a run used it: its metadata, the package it came from, its effective severity and the controls it maps to. */
export interface ActiveRule extends RuleMeta {
  plugin: string;
  controls: ControlRef[];
  /**
   * The kinds the rule checks: kind names, 'workloads' for every kind that
   * runs pods, '*' for every kind; empty for the engine's own rules.
   * The Linter always sets it; a rule described from findings alone may not know it.
   */
  appliesTo?: readonly string[];
}
