import {
  defineRule,
  isAllAddresses,
  isInternalLoadBalancer,
  isService,
  loadBalancerSourceRanges,
  SOURCE_RANGES_ANNOTATION,
  isJsonObject,
} from '@kubecomply/core';

export default defineRule({
  id: 'loadbalancer-without-source-ranges',
  description: 'Internet-facing LoadBalancer Services restrict the client addresses they accept.',
  severity: 'warning',
  appliesTo: ['Service'],
  remediation:
    "List the client networks in spec.loadBalancerSourceRanges, or make the load balancer internal with the cloud provider's annotation. If the Service must be public (an ingress controller), suppress the finding with a reason.",
  check(resource, ctx) {
    if (!isService(resource)) return;
    const spec = resource.object['spec'];
    if (!isJsonObject(spec) || spec['type'] !== 'LoadBalancer' || isInternalLoadBalancer(resource)) return;
    const sources = loadBalancerSourceRanges(resource);
    if (sources.from === 'none') {
      ctx.report({
        path: ['spec', 'loadBalancerSourceRanges'],
        message: `LoadBalancer Service "${resource.name}" sets no loadBalancerSourceRanges, so any address on the internet may connect to it.`,
      });
    } else if (sources.from === 'field') {
      for (const { range, path } of sources.ranges) {
        if (isAllAddresses(range)) ctx.report({ path, message: `LoadBalancer Service "${resource.name}" admits ${range}, every address of the internet.` });
      }
    } else if (sources.ranges.some((r) => isAllAddresses(r.range))) {
      ctx.report({
        path: ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION],
        message: `LoadBalancer Service "${resource.name}" admits every address through its ${SOURCE_RANGES_ANNOTATION} annotation.`,
      });
    }
  },
});
