import { defineRule } from '@kubecomply/core';
import { isObject } from '../checks/json-value.js';
import { containerLabel } from '../checks/security-context.js';

export default defineRule({
  id: 'host-port',
  description: 'Containers do not bind ports on the node (hostPort).',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove hostPort from the container port (or set it to 0) and expose the pod through a Service instead: ClusterIP inside the cluster, NodePort or LoadBalancer from outside.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const ports: unknown = container.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port: unknown, index) => {
        if (!isObject(port)) return;
        const hostPort = port['hostPort'];
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        ctx.report({
          path: [...container.path, 'ports', index, 'hostPort'],
          message: `${containerLabel(container)} binds port ${hostPort} on the node's network interfaces (hostPort).`,
        });
      });
    }
  },
});
