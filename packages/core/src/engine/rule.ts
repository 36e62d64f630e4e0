import type { JsonPath } from '../base/types.js';
import type { Resource } from '../model/resource.js';
import type { ResourceSet, ResourceSummary } from '../model/resource-set.js';
import type { ContainerRef, PodSpecRef } from '../model/workload.js';
import type { Severity } from '../base/types.js';
import type { KubeVersion } from '../base/kube-version.js';
import type { Framework } from './framework.js';

/** Which resources a per-resource rule looks at. */
export type AppliesTo = 'workloads' | 'all' | readonly string[];

/** A rule's metadata: id, description, default severity, remediation and documentation link. */
export interface RuleMeta {
  /** kebab-case, names the condition flagged, unique across every package. */
  id: string;
  /** One sentence: what the rule wants. */
  description: string;
  severity: Severity;
  /** How to fix a finding, in one or two sentences. */
  remediation: string;
  /** Link to the rule's documentation. */
  helpUri?: string;
}

/** What a rule reports: the JSON path of the offending value (relative to the resource) and a message. */
export interface Report {
  /** Path relative to the resource's object. */
  path: JsonPath;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** Other places that take part in the finding; `resource` defaults to the finding's own. */
  related?: readonly RelatedReport[];
}

/** Another place that takes part in a finding, reported by a rule with a path and a message. */
export interface RelatedReport {
  resource?: Resource | ResourceSummary;
  /** Path relative to that resource's object. */
  path: JsonPath;
  message: string;
}

/** The run's settings rules read: the Kubernetes version, allowed registries and the rule packages' own settings. */
export interface Settings {
  kubeVersion: KubeVersion;
  /** Registry prefixes images may come from (config `allowedRegistries`); absent when not configured. */
  allowedRegistries?: readonly string[];
  /**
   * Values of the config keys that rule packages declare (`Plugin.settings`),
   * by key, already checked against the package's schema; a key the config
   * does not set is absent.
   */
  packages: Readonly<Record<string, unknown>>;
}

/** What a per-resource rule may use: `report`, the workload model, lookups of small kinds, other rules and catalogs, and the run's settings. */
export interface RuleContext {
  report(report: Report): void;
  /**
   * Every resource of a kind listed in the rule's `uses`, from the whole
   * input (read before any rule runs), e.g. the Namespaces whose labels set
   * the Pod Security level of the pods in them.
   */
  lookup(kind: string): readonly Resource[];
  /** Every container, init container and ephemeral container of a workload, with its path. */
  containers(resource: Resource): ContainerRef[];
  /** The pod spec of a Pod or a controller's pod template. */
  podSpec(resource: Resource): PodSpecRef | undefined;
  /**
   * A rule of any loaded package by id, whether or not this run selected it:
   * for rules that evaluate a profile of other rules (a Pod Security level, say).
   */
  rule(id: string): Rule | undefined;
  /** A framework catalog of any loaded package by id, as the package defines it. */
  framework(id: string): Framework | undefined;
  readonly settings: Settings;
}

/** A rule that checks one resource at a time, for the kinds in `appliesTo`. */
export interface ResourceRule extends RuleMeta {
  scope?: 'resource';
  appliesTo: AppliesTo;
  /** Kinds the rule reads through `context.lookup`; keep them to small kinds (Namespace, ServiceAccount). */
  uses?: readonly string[];
  /**
   * Narrows `appliesTo` when a kind alone does not say whether the rule has
   * anything to check (a Pod is a control-plane component only if it runs
   * kube-apiserver, say): `check` runs only on resources this accepts, and
   * compliance reports count only them as evaluated, so a control is not
   * "passed" by inputs its rules never looked at.
   */
  targets?(resource: Resource, context: RuleContext): boolean;
  /**
   * 'on-demand' for a rule that seldom reports (schema validation, API
   * versions): documents are not parsed with positions up front for it, and
   * the document of a finding is parsed again to locate it.
   */
  positions?: 'on-demand';
  check(resource: Resource, context: RuleContext): void;
}

/** What a whole-set rule reports: a per-resource report plus the resource it is about. */
export interface SetReport extends Report {
  resource: Resource | ResourceSummary;
}

/** What a whole-set rule may use: `report`, the workload model and the run's settings. */
export interface SetContext {
  report(report: SetReport): void;
  /** Every resource of a kind listed in the rule's `uses`, from the whole input and the lookup-only files. */
  lookup(kind: string): readonly Resource[];
  containers(resource: Resource): ContainerRef[];
  podSpec(resource: Resource): PodSpecRef | undefined;
  readonly settings: Settings;
}

/** A rule that checks the whole input at once (RBAC, NetworkPolicy, CDE scope), over the kinds it declares. */
export interface SetRule extends RuleMeta {
  scope: 'set';
  /** Kinds whose full objects the rule needs ('workloads' for every kind that runs pods). */
  kinds: readonly string[];
  /**
   * Keeps only the resources of those kinds the rule can use (the pods that
   * run etcd, say): every other one is dropped as soon as it is read, so a
   * rule about a few objects does not hold every workload of the input.
   */
  retain?(resource: Resource): boolean;
  /** Kinds the rule reads through `context.lookup` (small kinds, read before any rule runs). */
  uses?: readonly string[];
  check(set: ResourceSet, context: SetContext): void;
}

/** A rule: per resource or over the whole set. */
export type Rule = ResourceRule | SetRule;

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Declares a rule; checks its id and metadata at load time rather than at first use. */
export function defineRule<R extends Rule>(rule: R): R {
  if (!RULE_ID.test(rule.id)) throw new Error(`Rule id "${rule.id}" is not kebab-case.`);
  if (!rule.description || !rule.remediation) throw new Error(`Rule "${rule.id}" needs a description and a remediation.`);
  return Object.freeze(rule);
}

/** Whether a rule runs once over the whole input (a set rule) rather than per resource. */
export function isSetRule(rule: Rule): rule is SetRule {
  return rule.scope === 'set';
}
