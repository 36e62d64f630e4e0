import {
  isService,
  serviceSelects,
  type JsonPath,
  type Resource,
  type ResourceSet,
  type ResourceSummary,
  type ServiceExposure,
  type Severity,
} from '@kubecomply/core';
import { cdeWorkloadLabel, type CdeScope } from './cde-scope.js';

/**
 * Which workloads are in the cardholder data environment and which Services
 * select them; how Services, Ingresses and routes publish workloads is
 * core's exposure model.
 */

/** A pod-running object of the input that is in the CDE, with why. */
export interface CdeWorkload {
  summary: ResourceSummary;
  reason: string;
}

/** Kinds that carry a pod template without running pods. */
const NOT_RUNNING: ReadonlySet<string> = new Set(['PodTemplate']);

/** Every CDE workload of the input, in input order. */
export function cdeWorkloads(set: Pick<ResourceSet, 'all'>, scope: CdeScope): CdeWorkload[] {
  const out: CdeWorkload[] = [];
  for (const summary of set.all) {
    if (summary.podLabels === undefined || NOT_RUNNING.has(summary.kind)) continue;
    const reason = scope.workloadReason(summary);
    if (reason !== undefined) out.push({ summary, reason });
  }
  return out;
}

/** 'CDE workload Deployment/shop/payments (in scope because ...)', or a count when there are several. */
export function describeWorkloads(workloads: readonly CdeWorkload[]): string {
  const first = workloads[0];
  if (!first) return 'no CDE workload';
  const rest = workloads.length - 1;
  return `${cdeWorkloadLabel(first.summary, first.reason)}${rest > 0 ? ` and ${rest} more (see related locations)` : ''}`;
}

/** Related locations pointing at the CDE workloads a finding is about. */
export function workloadRelated(workloads: readonly CdeWorkload[]): { resource: ResourceSummary; path: JsonPath; message: string }[] {
  return workloads.map((w) => ({ resource: w.summary, path: ['metadata', 'name'], message: cdeWorkloadLabel(w.summary, w.reason) }));
}

/** The CDE workloads a core-group Service selects (a Service without a selector selects none). */
export function selectedBy(service: Resource, workloads: readonly CdeWorkload[]): CdeWorkload[] {
  return workloads.filter((w) => serviceSelects(service, w.summary));
}

/** Core-group Services that select at least one CDE workload, with those workloads. */
export function cdeServices(set: Pick<ResourceSet, 'ofKind'>, workloads: readonly CdeWorkload[]): Map<Resource, CdeWorkload[]> {
  const out = new Map<Resource, CdeWorkload[]>();
  if (workloads.length === 0) return out;
  for (const service of set.ofKind('Service')) {
    if (!isService(service)) continue;
    const selected = selectedBy(service, workloads);
    if (selected.length > 0) out.set(service, selected);
  }
  return out;
}

/** How a published Service is described, completing "Service "x" ...", and how serious it is for the CDE. */
export function describeExposure(exposure: ServiceExposure): { how: string; severity: Severity } {
  switch (exposure.kind) {
    case 'node-port':
      return { how: 'is a NodePort, so every node accepts connections for it from whatever can reach the nodes', severity: 'warning' };
    case 'load-balancer':
      if (exposure.from === 'none')
        return { how: 'is an internet-facing LoadBalancer without loadBalancerSourceRanges, so any address may connect', severity: 'error' };
      if (exposure.from === 'annotation') return { how: 'is a load balancer whose source ranges admit every address of the internet', severity: 'error' };
      return { how: `is a load balancer that admits ${exposure.range ?? ''}, every address of the internet`, severity: 'error' };
    case 'external-ips':
      return { how: `accepts traffic on the external IPs ${exposure.addresses.join(', ')}`, severity: 'error' };
  }
}
