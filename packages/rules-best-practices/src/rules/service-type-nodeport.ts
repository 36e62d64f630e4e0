import { defineRule, serviceType } from '@kubecomply/core';

export default defineRule({
  id: 'service-type-nodeport',
  description: 'Services are not of type NodePort.',
  severity: 'warning',
  appliesTo: ['Service'],
  remediation:
    'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer Service with loadBalancerSourceRanges, instead of opening a port on every node.',
  check(resource, ctx) {
    if (resource.group !== '' || serviceType(resource) !== 'NodePort') return;
    ctx.report({
      path: ['spec', 'type'],
      message:
        'The Service is of type NodePort: it opens a port on every node of the cluster, reachable by anything that can reach a node, and bypasses Ingress TLS and filtering.',
    });
  },
});
