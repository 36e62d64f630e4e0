import type { JsonPath } from '../parse/document.js';
import type { Resource } from '../model/resource.js';
import type { ContainerRef, PodSpecRef } from '../model/workload.js';
import type { ResourceRef, Severity } from '../types.js';
import type { KubeVersion } from './kube-version.js';
import type { PciScope } from '../config/types.js';

/** Which resources a per-resource rule looks at. */
export type AppliesTo = 'workloads' | 'all' | readonly string[];

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

export interface Report {
  /** Path relative to the resource's object. */
  path: JsonPath;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** Other places that take part in the finding; `resource` defaults to the finding's own. */
  related?: readonly RelatedReport[];
}

export interface RelatedReport {
  resource?: Resource | ResourceSummary;
  /** Path relative to that resource's object. */
  path: JsonPath;
  message: string;
}

export interface Settings {
  kubeVersion: KubeVersion;
  /** Registry prefixes images may come from (config `allowedRegistries`); absent when not configured. */
  allowedRegistries?: readonly string[];
  /** What puts a namespace or workload in PCI DSS scope (config `pci.scope`); absent when not configured. */
  pciScope?: PciScope;
}

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
  readonly settings: Settings;
}

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
  check(resource: Resource, context: RuleContext): void;
}

/** The whole input, for rules that relate resources to each other. */
export interface ResourceSet {
  /** Every resource of the run. Objects of kinds the rule did not ask for may be unavailable. */
  readonly all: readonly ResourceSummary[];
  /** Full resources of one of the kinds the rule declared in `kinds`. */
  ofKind(kind: string): readonly Resource[];
}

/** Identity and labels of a resource, kept for every resource of a run. */
export interface ResourceSummary extends ResourceRef {
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** Labels of the pods a workload runs (its pod template's), for selector matching. */
  podLabels?: Readonly<Record<string, string>>;
  /** The service account a workload's pods run as ('default' when unset). */
  serviceAccountName?: string;
  /** The full resource, when its kind was asked for by a set rule. */
  resource?: Resource;
}

export interface SetReport extends Report {
  resource: Resource | ResourceSummary;
}

export interface SetContext {
  report(report: SetReport): void;
  containers(resource: Resource): ContainerRef[];
  podSpec(resource: Resource): PodSpecRef | undefined;
  readonly settings: Settings;
}

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
  check(set: ResourceSet, context: SetContext): void;
}

export type Rule = ResourceRule | SetRule;

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Declares a rule; checks its id and metadata at load time rather than at first use. */
export function defineRule<R extends Rule>(rule: R): R {
  if (!RULE_ID.test(rule.id)) throw new Error(`Rule id "${rule.id}" is not kebab-case.`);
  if (!rule.description || !rule.remediation) throw new Error(`Rule "${rule.id}" needs a description and a remediation.`);
  return Object.freeze(rule);
}

export function isSetRule(rule: Rule): rule is SetRule {
  return rule.scope === 'set';
}
