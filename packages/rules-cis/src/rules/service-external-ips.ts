import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'service-external-ips',
  description: 'Services do not set spec.externalIPs.',
  severity: 'warning',
  appliesTo: ['Service'],
  remediation:
    'Remove spec.externalIPs and expose the Service through a LoadBalancer or an Ingress; cluster operators can block the field with the DenyServiceExternalIPs admission plugin.',
  check(resource, ctx) {
    if (resource.group !== '') return;
    const spec = resource.object['spec'];
    const ips: unknown = isJsonObject(spec) ? spec['externalIPs'] : undefined;
    if (!Array.isArray(ips) || ips.length === 0) return;
    ctx.report({
      path: ['spec', 'externalIPs'],
      message:
        `Service "${resource.name}" claims external IP${ips.length > 1 ? 's' : ''} ${ips.map(String).join(', ')}: every node then captures traffic to ` +
        `${ips.length > 1 ? 'those addresses' : 'that address'}, even when it belongs to someone else (CVE-2020-8554).`,
    });
  },
});
