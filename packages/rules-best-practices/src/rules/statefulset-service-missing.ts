import { defineRule, sameNamespace, serviceSelectsPods, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'statefulset-service-missing',
  description: "A StatefulSet's serviceName names a headless Service of the input that selects its pods.",
  severity: 'warning',
  remediation: 'Add a Service with clusterIP: None whose selector matches the pods, named as spec.serviceName, or correct spec.serviceName.',
  scope: 'set',
  kinds: ['StatefulSet', 'Service'],
  check(set, ctx) {
    const services = set.ofKind('Service').filter((s) => s.group === '');
    for (const summary of set.all) {
      const statefulSet = summary.resource;
      if (statefulSet?.kind !== 'StatefulSet') continue;
      const spec = statefulSet.object['spec'];
      const name = isJsonObject(spec) && typeof spec['serviceName'] === 'string' ? spec['serviceName'] : '';
      // Only when the input holds Services of the namespace: a StatefulSet shipped alone may rely on a Service from other files.
      if (name === '' || !services.some((s) => (s.namespace ?? '') === (statefulSet.namespace ?? ''))) continue;
      const named = services.filter((s) => s.name === name);
      const service = named.find((s) => s.namespace === statefulSet.namespace) ?? named.find((s) => sameNamespace(s.namespace, statefulSet.namespace));
      if (!service) {
        ctx.report({
          resource: statefulSet,
          path: ['spec', 'serviceName'],
          message: `spec.serviceName names Service "${name}", which the input does not have in this namespace, so the pods get no stable DNS names (${statefulSet.name}-0.${name}...).`,
          // Software that does not look its peers up by name runs fine without it.
          severity: 'info',
        });
        continue;
      }
      const serviceSpec = service.object['spec'];
      const headless = isJsonObject(serviceSpec) && serviceSpec['clusterIP'] === 'None';
      const selects = serviceSelectsPods(service, summary);
      if (headless && selects) continue;
      ctx.report({
        resource: statefulSet,
        path: ['spec', 'serviceName'],
        message: `Service "${name}" ${!headless ? 'is not headless (clusterIP: None)' : 'does not select the pods'}, so the pods get no stable per-pod DNS names.`,
        related: [{ resource: service, path: !headless ? ['spec'] : ['spec', 'selector'], message: `Service "${name}"` }],
      });
    }
  },
});
