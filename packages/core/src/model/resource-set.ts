import type { ResourceRef } from '../base/types.js';
import type { Resource } from './resource.js';
import type { PodNetworkFacts } from './reach/types.js';

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
  /** Named container ports, host networking and pod addresses of a workload, for the reachability model. */
  podNetwork?: PodNetworkFacts;
  /** The keys a core Secret or ConfigMap holds (data, stringData, binaryData), so references to them can be checked without keeping the objects. */
  dataKeys?: readonly string[];
  /** The full resource, when its kind was asked for by a set rule. */
  resource?: Resource;
}
