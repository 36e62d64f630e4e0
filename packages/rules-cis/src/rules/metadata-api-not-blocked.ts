import { verdictLocation, type Flow, type RelatedReport } from '@kubecomply/core';
import { listResources, namespaceNetworkRule } from '../checks/namespace-network.js';

/** The link-local address of the instance metadata service of AWS, GCP, Azure, OpenStack and others. */
const METADATA_ADDRESS = '169.254.169.254';
const METADATA_VALUE = 0xa9fea9fen;
const METADATA_PORT = 80;

export default namespaceNetworkRule({
  id: 'metadata-api-not-blocked',
  description: 'Egress network policies keep pods from reaching the cloud instance metadata API (169.254.169.254).',
  severity: 'info',
  remediation:
    'Isolate the pods for Egress and allow only what they need; where an ipBlock allows the internet, add 169.254.169.254/32 to its except list (or deny it first in a Calico policy or AdminNetworkPolicy). Pods that need the metadata API (cloud agents) belong in their own namespace.',
  evaluate(ns, reach) {
    const pods = reach.pods.filter((p) => p.namespace === ns.name && p.workload);
    const open = pods
      .map((pod) => {
        const flow: Flow = { src: pod, dst: { kind: 'address', family: 4, value: METADATA_VALUE }, protocol: 'TCP', port: METADATA_PORT };
        return { pod, verdict: reach.evaluateDirection(pod, 'Egress', flow) };
      })
      .filter(({ verdict }) => verdict.allowed);
    if (open.length === 0) return undefined;
    const related: RelatedReport[] = open.map(({ pod, verdict }) => {
      const where = verdictLocation(verdict);
      const w = pod.workload;
      return where
        ? { resource: where.resource, path: where.path, message: `This rule lets the pods of ${w?.kind}/${w?.name} reach ${METADATA_ADDRESS}.` }
        : {
            resource: w as NonNullable<typeof w>,
            path: ['metadata', 'name'],
            message: `No network policy isolates the pods of ${w?.kind}/${w?.name} for egress.`,
          };
    });
    return {
      message:
        `In namespace "${ns.name}", pods of ${listResources(open.map(({ pod }) => pod.workload as NonNullable<typeof pod.workload>))} can reach the cloud metadata API at ${METADATA_ADDRESS}, ` +
        "which on most cloud nodes serves the node's credentials",
      related,
    };
  },
});
