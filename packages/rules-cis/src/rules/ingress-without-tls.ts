import { defineRule } from '@kubecomply/core';
import { isObject, stringField } from '../checks/json-value.js';

/** Annotations with which a cloud or controller terminates TLS for an Ingress outside spec.tls. */
const TLS_ANNOTATIONS: ReadonlyArray<readonly [string, RegExp]> = [
  ['alb.ingress.kubernetes.io/certificate-arn', /\S/],
  ['ingress.gcp.kubernetes.io/pre-shared-cert', /\S/],
  ['networking.gke.io/managed-certificates', /\S/],
  ['appgw.ingress.kubernetes.io/appgw-ssl-certificate', /\S/],
  ['traefik.ingress.kubernetes.io/router.tls', /^true$/i],
];

/** A TLS host entry covers a rule host exactly, or by a one-label wildcard (*.example.com). */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

export default defineRule({
  id: 'ingress-without-tls',
  description: 'Ingresses serve their hosts over TLS.',
  severity: 'warning',
  appliesTo: ['Ingress'],
  remediation:
    'Add spec.tls with the Ingress hosts and a certificate Secret (cert-manager can issue it), or terminate TLS at the load balancer with the controller\'s certificate annotation.',
  check(resource, ctx) {
    if (resource.group !== 'networking.k8s.io' && resource.group !== 'extensions') return;
    if (TLS_ANNOTATIONS.some(([key, value]) => value.test(resource.annotations[key] ?? ''))) return;
    const spec = isObject(resource.object['spec']) ? resource.object['spec'] : {};
    const tls: unknown = spec['tls'];
    const entries = Array.isArray(tls) ? tls.filter(isObject) : [];
    if (entries.length === 0) {
      ctx.report({
        path: ['spec', 'tls'],
        message: `Ingress "${resource.name}" has no tls section, so its hosts are served over plain HTTP.`,
      });
      return;
    }
    // A tls entry without hosts takes the controller's default (wildcard) host: it covers every rule.
    if (entries.some((e) => !Array.isArray(e['hosts']) || e['hosts'].length === 0)) return;
    const tlsHosts = entries.flatMap((e) => (e['hosts'] as unknown[]).map(stringField));
    const rules: unknown = spec['rules'];
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: unknown, i) => {
      const host = isObject(rule) ? stringField(rule['host']) : '';
      if (host === '' || tlsHosts.some((t) => covers(t, host))) return;
      ctx.report({
        path: ['spec', 'rules', i, 'host'],
        message: `Ingress "${resource.name}" serves host "${host}", which no tls entry lists, over plain HTTP.`,
      });
    });
  },
});
