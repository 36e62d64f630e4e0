import { defineRule, hostPortsOf, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'host-port',
  description: 'Containers do not bind ports on the node (hostPort).',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove hostPort from the container port (or set it to 0) and expose the pod through a Service instead: ClusterIP inside the cluster, NodePort or LoadBalancer from outside.',
  check(resource, ctx) {
    for (const { container, port, path } of hostPortsOf(ctx.containers(resource))) {
      ctx.report({ path, message: `${containerLabel(container)} binds port ${port} on the node's network interfaces (hostPort).` });
    }
  },
});
