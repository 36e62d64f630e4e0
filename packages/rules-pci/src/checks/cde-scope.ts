import {
  apiGroup,
  resourceLabel,
  resourceMatcher,
  type Resource,
  type ResourceSet,
  type ResourceSummary,
  type RuleContext,
  type Settings,
  labelMap,
} from '@kubecomply/core';
import { pciScopeOf, type PciScope } from '../settings/pci-settings.js';

/**
 * What is in the cardholder data environment (CDE). PCI DSS defines no
 * marking, so teams use labels or namespace names; the config
 * (`pci.scope`) says which, and without it the defaults below apply:
 *
 * - a Namespace labelled `pci-scope: in-scope` or `pci-scope: cde`;
 * - a namespace whose name has `cde`, `cardholder` or `pci` as a
 *   dash-separated word (`cde`, `pci-payments`, `cardholder-data`);
 * - a workload whose own labels or pod template labels carry
 *   `pci-scope: in-scope` or `pci-scope: cde`.
 *
 * A configured scope replaces the defaults: a team that says what its CDE
 * is does not want a namespace called `pci-tools` pulled in by its name. A
 * configured scope that names no selector at all is treated as absent, so an
 * empty `pci: { scope: {} }` does not silently switch every PCI rule off.
 *
 * Every answer is a reason, written to follow "in scope because", so that a
 * finding says which label or name put the object in scope.
 */

export const DEFAULT_SCOPE_LABEL = 'pci-scope';
export const DEFAULT_SCOPE_VALUES: readonly string[] = ['in-scope', 'cde'];
export const DEFAULT_NAMESPACE_NAME = /(?:^|-)(cde|cardholder|pci)(?:-|$)/;

/** A Namespace object of the input, as far as scope goes. */
export interface NamespaceFacts {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** A pod-running object, as far as scope goes. */
export interface WorkloadFacts {
  namespace?: string | undefined;
  /** The object's own labels. */
  labels: Readonly<Record<string, string>>;
  /** Its pods' labels (the pod template's, for controllers). */
  podLabels?: Readonly<Record<string, string>> | undefined;
}

type Labels = Readonly<Record<string, string>>;

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

function hasLabels(selector: Labels | undefined): selector is Labels {
  return selector !== undefined && Object.keys(selector).length > 0;
}

function includesAll(labels: Labels, wanted: Labels): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === String(value));
}

function pairs(labels: Labels): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** The default label's value, when it marks scope (compared without case: `CDE` counts). */
function defaultLabel(labels: Labels): string | undefined {
  const value = labels[DEFAULT_SCOPE_LABEL];
  return value !== undefined && DEFAULT_SCOPE_VALUES.includes(value.trim().toLowerCase()) ? value : undefined;
}

export class CdeScope {
  /** Whether `pci.scope` decides (true) or the defaults do (false). */
  readonly configured: boolean;
  private readonly config: PciScope;
  private readonly namespaceLabels = new Map<string, Labels[]>();
  private readonly globs: { glob: string; test: (name: string) => boolean }[];
  private readonly namespaceCache = new Map<string, string | undefined>();

  constructor(config: PciScope | undefined, namespaces: Iterable<NamespaceFacts>) {
    const given = config ?? {};
    this.configured = nonEmpty(given.namespaces) || hasLabels(given.namespaceLabels) || hasLabels(given.workloadLabels);
    this.config = this.configured ? given : {};
    this.globs = (this.config.namespaces ?? []).map((glob) => {
      const match = resourceMatcher([{ namespace: glob }]);
      return { glob, test: (name: string) => match({ apiVersion: 'v1', kind: 'Namespace', name, namespace: name }) };
    });
    for (const ns of namespaces) {
      let list = this.namespaceLabels.get(ns.name);
      if (!list) this.namespaceLabels.set(ns.name, (list = []));
      list.push(ns.labels);
    }
  }

  /** Why a namespace is in the CDE (`namespace "x" is labelled pci-scope=cde`), or undefined when it is not (or has no name). */
  namespaceReason(name: string | undefined): string | undefined {
    const predicate = this.namespacePredicate(name);
    return predicate === undefined ? undefined : `namespace "${name as string}" ${predicate}`;
  }

  /** The same, without the subject, to follow a namespace's name: `is labelled pci-scope=cde`. */
  namespacePredicate(name: string | undefined): string | undefined {
    if (name === undefined || name === '') return undefined;
    if (this.namespaceCache.has(name)) return this.namespaceCache.get(name);
    const predicate = this.judgeNamespace(name);
    this.namespaceCache.set(name, predicate);
    return predicate;
  }

  private judgeNamespace(name: string): string | undefined {
    // The same namespace may be defined by several files (overlays); any definition that marks it counts.
    const labelSets = this.namespaceLabels.get(name) ?? [];
    if (this.configured) {
      const glob = this.globs.find((g) => g.test(name));
      if (glob) return `matches pci.scope.namespaces "${glob.glob}"`;
      const wanted = this.config.namespaceLabels;
      if (hasLabels(wanted) && labelSets.some((labels) => includesAll(labels, wanted))) return `has the pci.scope.namespaceLabels ${pairs(wanted)}`;
      return undefined;
    }
    for (const labels of labelSets) {
      const value = defaultLabel(labels);
      if (value !== undefined) return `is labelled ${DEFAULT_SCOPE_LABEL}=${value}`;
    }
    const word = DEFAULT_NAMESPACE_NAME.exec(name);
    if (word) return `has "${word[1] as string}" as a word of its name`;
    return undefined;
  }

  /**
   * Why a workload's own labels put it in the CDE, leaving its namespace
   * aside; undefined when they do not.
   */
  labelReason(workload: WorkloadFacts): string | undefined {
    const pod = workload.podLabels ?? {};
    if (this.configured) {
      const wanted = this.config.workloadLabels;
      if (!hasLabels(wanted)) return undefined;
      if (includesAll(pod, wanted)) return `its pods have the pci.scope.workloadLabels ${pairs(wanted)}`;
      if (includesAll(workload.labels, wanted)) return `it has the pci.scope.workloadLabels ${pairs(wanted)}`;
      return undefined;
    }
    const own = defaultLabel(workload.labels);
    if (own !== undefined) return `it is labelled ${DEFAULT_SCOPE_LABEL}=${own}`;
    const fromPods = defaultLabel(pod);
    if (fromPods !== undefined) return `its pods are labelled ${DEFAULT_SCOPE_LABEL}=${fromPods}`;
    return undefined;
  }

  /** Why a workload is in the CDE (its namespace first, then its labels), or undefined. */
  workloadReason(workload: WorkloadFacts): string | undefined {
    return this.namespaceReason(workload.namespace) ?? this.labelReason(workload);
  }
}

/** `CDE workload Deployment/shop/payments (in scope because its pods are labelled pci-scope=in-scope)`. */
export function cdeWorkloadLabel(workload: Pick<ResourceSummary, 'apiVersion' | 'kind' | 'name' | 'namespace'>, reason: string): string {
  return `CDE workload ${resourceLabel(workload)} (in scope because ${reason})`;
}

function isCoreNamespace(ref: { apiVersion: string; kind: string }): boolean {
  return ref.kind === 'Namespace' && apiGroup(ref.apiVersion) === '';
}

const setScopes = new WeakMap<Settings, WeakMap<readonly unknown[], CdeScope>>();

/**
 * A set rule's scope, from the run's settings and the Namespace objects of
 * the input. Built once per run: every set rule of the package asks, and
 * each time it went through every resource of the input for the Namespaces.
 */
export function scopeOfSet(set: Pick<ResourceSet, 'all'>, settings: Settings): CdeScope {
  let bySettings = setScopes.get(settings);
  if (!bySettings) setScopes.set(settings, (bySettings = new WeakMap()));
  let scope = bySettings.get(set.all);
  if (!scope) bySettings.set(set.all, (scope = new CdeScope(pciScopeOf(settings), set.all.filter(isCoreNamespace))));
  return scope;
}

const contextScopes = new WeakMap<Settings, WeakMap<readonly Resource[], CdeScope>>();
const withoutNamespaces = new WeakMap<Settings, CdeScope>();

/**
 * A per-resource rule's scope; the rule must declare `uses: ['Namespace']`.
 * Built once per run: the settings and the looked-up Namespaces are the same
 * objects for every resource of a run (an input without Namespaces gets a
 * new empty list each time, so it is keyed by the settings alone).
 */
export function scopeOfContext(ctx: Pick<RuleContext, 'lookup' | 'settings'>): CdeScope {
  const namespaces = ctx.lookup('Namespace');
  if (namespaces.length === 0) {
    let scope = withoutNamespaces.get(ctx.settings);
    if (!scope) withoutNamespaces.set(ctx.settings, (scope = new CdeScope(pciScopeOf(ctx.settings), [])));
    return scope;
  }
  let bySettings = contextScopes.get(ctx.settings);
  if (!bySettings) contextScopes.set(ctx.settings, (bySettings = new WeakMap()));
  let scope = bySettings.get(namespaces);
  if (!scope) bySettings.set(namespaces, (scope = new CdeScope(pciScopeOf(ctx.settings), namespaces.filter(isCoreNamespace))));
  return scope;
}

/** The scope facts of a workload resource, read through the rule context. */
export function workloadFacts(resource: Resource, ctx: Pick<RuleContext, 'podSpec'>): WorkloadFacts {
  const pod = ctx.podSpec(resource);
  return { namespace: resource.namespace, labels: resource.labels, podLabels: labelMap(pod?.metadata.labels) };
}
