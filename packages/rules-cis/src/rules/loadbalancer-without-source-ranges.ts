import { defineRule, isAllAddresses } from '@kubecomply/core';
import { isObject } from '../checks/json-value.js';

/** Annotations that make a cloud load balancer internal (no public address). */
const INTERNAL: ReadonlyArray<readonly [string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', /^true$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', /^intranet$/i],
];

/** The legacy annotation cloud providers still read when the field is empty. */
const RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export default defineRule({
  id: 'loadbalancer-without-source-ranges',
  description: 'Internet-facing LoadBalancer Services restrict the client addresses they accept.',
  severity: 'warning',
  appliesTo: ['Service'],
  remediation:
    'List the client networks in spec.loadBalancerSourceRanges, or make the load balancer internal with the cloud provider\'s annotation. If the Service must be public (an ingress controller), suppress the finding with a reason.',
  check(resource, ctx) {
    if (resource.group !== '') return;
    const spec = resource.object['spec'];
    if (!isObject(spec) || spec['type'] !== 'LoadBalancer') return;
    if (INTERNAL.some(([key, value]) => value.test(resource.annotations[key] ?? ''))) return;
    const field: unknown = spec['loadBalancerSourceRanges'];
    const ranges = Array.isArray(field) ? field.map(String) : [];
    const fromAnnotation = ranges.length === 0 ? (resource.annotations[RANGES_ANNOTATION] ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '') : [];
    if (ranges.length === 0 && fromAnnotation.length === 0) {
      ctx.report({
        path: ['spec', 'loadBalancerSourceRanges'],
        message: `LoadBalancer Service "${resource.name}" sets no loadBalancerSourceRanges, so any address on the internet may connect to it.`,
      });
      return;
    }
    if (ranges.length > 0) {
      ranges.forEach((range, i) => {
        if (isAllAddresses(range)) {
          ctx.report({
            path: ['spec', 'loadBalancerSourceRanges', i],
            message: `LoadBalancer Service "${resource.name}" admits ${range}, every address of the internet.`,
          });
        }
      });
    } else if (fromAnnotation.some(isAllAddresses)) {
      ctx.report({
        path: ['metadata', 'annotations', RANGES_ANNOTATION],
        message: `LoadBalancer Service "${resource.name}" admits every address through its ${RANGES_ANNOTATION} annotation.`,
      });
    }
  },
});
