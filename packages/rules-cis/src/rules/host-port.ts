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
      // `.nan` or `.inf` in YAML: not a port Kubernetes would accept, but written as one.
      const message = Number.isInteger(port)
        ? `${containerLabel(container)} binds port ${port} on the node's network interfaces (hostPort).`
        : `${containerLabel(container)} sets hostPort to ${String(port)}, which is not a port number; Kubernetes rejects it, and any other number binds a port on the node.`;
      ctx.report({ path, message });
    }
  },
});
