import { defineRule, ingressTls, isIngress, isJsonObject, stringField } from '@kubecomply/core';

export default defineRule({
  id: 'ingress-without-tls',
  description: 'Ingresses serve their hosts over TLS.',
  severity: 'warning',
  appliesTo: ['Ingress'],
  remediation:
    "Add spec.tls with the Ingress hosts and a certificate Secret (cert-manager can issue it), or terminate TLS at the load balancer with the controller's certificate annotation.",
  check(resource, ctx) {
    if (!isIngress(resource)) return;
    const tls = ingressTls(resource);
    if (tls.kind === 'all') return;
    if (tls.kind === 'none') {
      ctx.report({
        path: ['spec', 'tls'],
        message: `Ingress "${resource.name}" has no tls section, so its hosts are served over plain HTTP.`,
      });
      return;
    }
    const spec = isJsonObject(resource.object['spec']) ? resource.object['spec'] : {};
    const rules: unknown = spec['rules'];
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: unknown, i) => {
      const host = isJsonObject(rule) ? stringField(rule['host']) : '';
      if (tls.covers(host)) return;
      ctx.report({
        path: ['spec', 'rules', i, 'host'],
        message: `Ingress "${resource.name}" serves host "${host}", which no tls entry lists, over plain HTTP.`,
      });
    });
  },
});
