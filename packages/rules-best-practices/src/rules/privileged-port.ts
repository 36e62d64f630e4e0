import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'privileged-port',
  description: 'Containers listen on unprivileged ports (1024 and above).',
  severity: 'info',
  appliesTo: 'workloads',
  remediation: 'Let the application listen on a port of 1024 or above and map the well-known port in the Service (port: 80, targetPort: 8080).',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const ports: unknown = container.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, i) => {
        if (!isJsonObject(port)) return;
        const number = port['containerPort'];
        if (typeof number !== 'number' || number <= 0 || number >= 1024) return;
        ctx.report({
          path: [...container.path, 'ports', i, 'containerPort'],
          message: `${containerLabel(container)} listens on privileged port ${number}, which without root needs CAP_NET_BIND_SERVICE or a lowered net.ipv4.ip_unprivileged_port_start.`,
        });
      });
    }
  },
});
