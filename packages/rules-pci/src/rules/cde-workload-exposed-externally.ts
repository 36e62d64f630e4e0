import {
  containersOf,
  defineRule,
  findService,
  hostPortsOf,
  ingressBackends,
  isIngress,
  isRoute,
  isWorkload,
  podSpecOf,
  routeBackends,
  serviceExposures,
  ROUTE_KINDS,
  type Resource,
  type SetContext,
  containerLabel,
} from '@kubecomply/core';
import { cdeWorkloadLabel, scopeOfSet } from '../checks/cde-scope.js';
import { cdeServices, cdeWorkloads, describeExposure, describeWorkloads, workloadRelated, type CdeWorkload } from '../checks/exposure.js';

/** Whether a workload's pods use the node's network or ports: the only workloads this rule needs whole. */
function hasHostAccess(resource: Resource): boolean {
  if ((podSpecOf(resource)?.value as { hostNetwork?: unknown } | undefined)?.hostNetwork === true) return true;
  return hostPortsOf(containersOf(resource)).length > 0;
}

/** hostNetwork and hostPort put the pod on the node's own addresses, outside Services and NetworkPolicy. */
function checkHostAccess(workload: CdeWorkload, ctx: SetContext): void {
  const resource = workload.summary.resource;
  if (!resource) return;
  const pod = ctx.podSpec(resource);
  if (!pod) return;
  const who = cdeWorkloadLabel(workload.summary, workload.reason);
  if ((pod.value as { hostNetwork?: unknown }).hostNetwork === true) {
    ctx.report({
      resource,
      path: [...pod.path, 'hostNetwork'],
      message: `${who} uses the node's network (hostNetwork): it listens on the node's addresses, where NetworkPolicy does not isolate it.`,
    });
  }
  for (const { container, port, path } of hostPortsOf(ctx.containers(resource))) {
    ctx.report({
      resource,
      path,
      message: `${containerLabel(container)} of ${who} binds port ${port} on its node (hostPort), so it can be reached at the node's address without a Service.`,
    });
  }
}

export default defineRule({
  id: 'cde-workload-exposed-externally',
  description: 'Workloads of the cardholder data environment are reachable from outside the cluster only through restricted, reviewed entry points.',
  severity: 'error',
  remediation:
    'Keep CDE Services ClusterIP and publish only the public-facing component through an Ingress or Gateway you reviewed; restrict load balancers with loadBalancerSourceRanges or make them internal; drop hostNetwork, hostPort and externalIPs. Data stores of the CDE must never be published.',
  scope: 'set',
  kinds: ['workloads', 'Service', 'Ingress', ...ROUTE_KINDS],
  // Services select workloads by their pod labels, which every summary has.
  retain: (resource) => !isWorkload(resource) || hasHostAccess(resource),
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const workloads = cdeWorkloads(set, scope);
    if (workloads.length === 0) return;
    for (const workload of workloads) checkHostAccess(workload, ctx);

    const services = cdeServices(set, workloads);
    for (const [service, selected] of services) {
      for (const exposure of serviceExposures(service)) {
        const { how, severity } = describeExposure(exposure);
        ctx.report({
          resource: service,
          path: exposure.path,
          severity,
          message: `Service "${service.name}" ${how}; it selects ${describeWorkloads(selected)}.`,
          related: workloadRelated(selected),
        });
      }
    }

    // Routes from outside: reviewed public entry points are legitimate (PCI DSS 1.4.2), so these are warnings to confirm.
    const routed = (service: string, namespace: string | undefined): { service: Resource; selected: CdeWorkload[] } | undefined => {
      const target = findService(services.keys(), service, namespace);
      const selected = target ? services.get(target) : undefined;
      return target && selected ? { service: target, selected } : undefined;
    };
    for (const ingress of set.ofKind('Ingress')) {
      if (!isIngress(ingress)) continue;
      for (const backend of ingressBackends(ingress)) {
        const hit = routed(backend.service, ingress.namespace);
        if (!hit) continue;
        ctx.report({
          resource: ingress,
          path: backend.path,
          severity: 'warning',
          message: `Ingress "${ingress.name}" sends outside traffic to Service "${backend.service}", which selects ${describeWorkloads(hit.selected)}; only a public-facing component you reviewed may be published.`,
          related: workloadRelated(hit.selected),
        });
      }
    }
    for (const kind of ROUTE_KINDS) {
      for (const route of set.ofKind(kind)) {
        if (!isRoute(route)) continue;
        for (const backend of routeBackends(route)) {
          const hit = routed(backend.service, backend.namespace);
          if (!hit) continue;
          ctx.report({
            resource: route,
            path: backend.path,
            severity: 'warning',
            message: `${route.kind} "${route.name}" sends traffic from its Gateway to Service "${backend.service}", which selects ${describeWorkloads(hit.selected)}; only a public-facing component you reviewed may be published.`,
            related: workloadRelated(hit.selected),
          });
        }
      }
    }
  },
});
