import { defineRule, findService, ingressBackends, ingressTls, isIngress, type IngressBackend, type JsonPath, type Resource } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { cdeServices, cdeWorkloads, describeWorkloads, workloadRelated, type CdeWorkload } from '../checks/exposure.js';

/** ingress-nginx redirects HTTP to HTTPS for hosts with TLS unless told not to. */
const NGINX_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const NGINX_FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

/** One place where the Ingress lets CDE traffic travel in clear. */
interface Gap {
  path: JsonPath;
  message: string;
  workloads: CdeWorkload[];
}

function merge(list: CdeWorkload[], more: readonly CdeWorkload[]): void {
  for (const w of more) if (!list.includes(w)) list.push(w);
}

export default defineRule({
  id: 'cde-ingress-without-tls',
  description: 'Ingresses that route to the cardholder data environment serve every host over TLS and never over plain HTTP.',
  severity: 'error',
  remediation:
    "List every host that reaches the CDE in spec.tls with a certificate Secret (or terminate TLS at the load balancer with the controller's certificate annotation), and keep the HTTP-to-HTTPS redirect on.",
  scope: 'set',
  kinds: ['Ingress', 'Service'],
  check(set, ctx) {
    const workloads = cdeWorkloads(set, scopeOfSet(set, ctx.settings));
    const services = cdeServices(set, workloads);
    if (services.size === 0) return;
    for (const ingress of set.ofKind('Ingress')) {
      if (!isIngress(ingress)) continue;
      const toCde = ingressBackends(ingress).flatMap((backend) => {
        const service = findService(services.keys(), backend.service, ingress.namespace);
        const selected = service ? services.get(service) : undefined;
        return selected ? [{ backend, selected }] : [];
      });
      if (toCde.length === 0) continue;
      for (const gap of plainHttp(ingress, toCde)) {
        ctx.report({ resource: ingress, path: gap.path, message: gap.message, related: workloadRelated(gap.workloads) });
      }
    }
  },
});

/** Where an Ingress that routes to the CDE serves it over plain HTTP. */
function plainHttp(ingress: Resource, toCde: { backend: IngressBackend; selected: CdeWorkload[] }[]): Gap[] {
  const all: CdeWorkload[] = [];
  for (const { selected } of toCde) merge(all, selected);
  const name = `Ingress "${ingress.name}"`;
  const tls = ingressTls(ingress);
  // TLS terminated by the controller's annotation leaves no plain-HTTP path to check.
  if (tls.kind === 'all' && tls.by === 'annotation') return [];
  if (tls.kind === 'none') {
    return [{ path: ['spec', 'tls'], message: `${name} has no tls section, so it serves ${describeWorkloads(all)} over plain HTTP.`, workloads: all }];
  }
  const out: Gap[] = [];
  if (tls.kind === 'hosts') {
    // A backend without a host is served on any host.
    const byRule = new Map<number, { host: string; workloads: CdeWorkload[] }>();
    for (const { backend, selected } of toCde) {
      if (backend.rule === undefined || backend.host === '' || tls.covers(backend.host)) continue;
      let entry = byRule.get(backend.rule);
      if (!entry) byRule.set(backend.rule, (entry = { host: backend.host, workloads: [] }));
      merge(entry.workloads, selected);
    }
    for (const [rule, { host, workloads }] of byRule) {
      out.push({
        path: ['spec', 'rules', rule, 'host'],
        message: `${name} serves host "${host}", which no tls entry lists, over plain HTTP; it routes to ${describeWorkloads(workloads)}.`,
        workloads,
      });
    }
  }
  const redirect = (ingress.annotations[NGINX_SSL_REDIRECT] ?? '').trim().toLowerCase();
  const forced = (ingress.annotations[NGINX_FORCE_SSL_REDIRECT] ?? '').trim().toLowerCase();
  if (redirect === 'false' && forced !== 'true') {
    out.push({
      path: ['metadata', 'annotations', NGINX_SSL_REDIRECT],
      message: `${name} turns off ingress-nginx's HTTPS redirect, so it also serves ${describeWorkloads(all)} over plain HTTP.`,
      workloads: all,
    });
  }
  return out;
}
