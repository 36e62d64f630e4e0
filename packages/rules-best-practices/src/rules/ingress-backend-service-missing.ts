import { defineRule, ingressBackends, sameNamespace, servicePortMatches, servicePorts } from '@kubecomply/core';

export default defineRule({
  id: 'ingress-backend-service-missing',
  description: 'Every Service an Ingress routes to is in the input, with the port the Ingress names.',
  severity: 'warning',
  remediation: 'Point the backend at an existing Service and one of its ports (by number or name), or add the missing Service.',
  scope: 'set',
  kinds: ['Ingress', 'Service'],
  check(set, ctx) {
    const services = set.ofKind('Service').filter((s) => s.group === '');
    for (const ingress of set.ofKind('Ingress')) {
      // Only when the input holds Services of the namespace: an Ingress shipped alone routes to Services deployed elsewhere.
      const neighbours = services.filter((s) => (s.namespace ?? '') === (ingress.namespace ?? ''));
      if (neighbours.length === 0) continue;
      const reachable = services.filter((s) => sameNamespace(s.namespace, ingress.namespace));
      for (const backend of ingressBackends(ingress)) {
        const service = reachable.find((s) => s.name === backend.service);
        if (!service) {
          ctx.report({
            resource: ingress,
            path: backend.path,
            message: `The Ingress routes to Service "${backend.service}", which the input does not have in this namespace, so those requests get 503s.`,
          });
        } else if (!servicePortMatches(servicePorts(service), backend.port)) {
          ctx.report({
            resource: ingress,
            path: backend.path,
            message: `The Ingress routes to port ${String(backend.port)} of Service "${backend.service}", which has no such port, so those requests fail.`,
            related: [{ resource: service, path: ['spec', 'ports'], message: `the ports of Service "${service.name}"` }],
          });
        }
      }
    }
  },
});
