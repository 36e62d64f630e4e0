import { defineRule, type JsonPath, isJsonObject, containerLabel } from '@kubecomply/core';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export default defineRule({
  id: 'probe-port-not-exposed',
  description: 'Probes that name a port name a TCP port the container declares.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: "Declare the named port in the container's ports (TCP), or give the probe the port number the application listens on.",
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const c = container.value as unknown as Record<string, unknown>;
      const ports = Array.isArray(c['ports']) ? c['ports'].filter(isJsonObject) : [];
      // Every probe handler speaks TCP; a UDP or SCTP port answers none of them.
      const tcp = ports.filter((p) => (p['protocol'] ?? 'TCP') === 'TCP');
      const names = new Set(ports.map((p) => p['name']).filter((n): n is string => typeof n === 'string'));
      const tcpNames = new Set(tcp.map((p) => p['name']).filter((n): n is string => typeof n === 'string'));
      for (const probe of PROBES) {
        const value = c[probe];
        if (!isJsonObject(value)) continue;
        for (const handler of HANDLERS) {
          const target = value[handler];
          if (!isJsonObject(target)) continue;
          const port = target['port'];
          const path: JsonPath = [...container.path, probe, handler, 'port'];
          if (typeof port === 'string' && !/^\d+$/.test(port)) {
            // A named port the container does not declare: the kubelet cannot resolve it and the probe always fails.
            if (!names.has(port)) {
              ctx.report({
                path,
                message: `${containerLabel(container)}: the ${probe} targets port "${port}", which the container does not name, so the kubelet cannot resolve it and the probe fails.`,
              });
            } else if (!tcpNames.has(port)) {
              ctx.report({
                path,
                message: `${containerLabel(container)}: the ${probe} targets port "${port}", which the container declares for ${String(ports.find((p) => p['name'] === port)?.['protocol'])}, but ${handler} probes connect over TCP.`,
              });
            }
          }
        }
      }
    }
  },
});
