import type { RelatedReport } from '@kubecomply/core';
import { hasUnreadPolicies, listResources, namespaceNetworkRule } from '../checks/namespace-network.js';

/** The link-local address of the instance metadata service of AWS, GCP, Azure, OpenStack and others. */
const METADATA_ADDRESS = '169.254.169.254';
const METADATA_PORT = 80;

export default namespaceNetworkRule({
  id: 'metadata-api-not-blocked',
  description: 'Egress NetworkPolicies keep pods from reaching the cloud instance metadata API (169.254.169.254).',
  severity: 'info',
  remediation:
    'Isolate the pods for Egress and allow only what they need; where an ipBlock allows the internet, add 169.254.169.254/32 to its except list. Pods that need the metadata API (cloud agents) belong in their own namespace.',
  evaluate(ns, model) {
    if (ns.workloads.length === 0 || hasUnreadPolicies(ns, model)) return undefined;
    const open = ns.workloads
      .map((w) => ({ w, verdict: model.egressTo(w, METADATA_ADDRESS, METADATA_PORT) }))
      .filter(({ verdict }) => verdict.allowed);
    if (open.length === 0) return undefined;
    const related: RelatedReport[] = open.map(({ w, verdict }) => {
      const by = verdict.allowedBy;
      return by
        ? { resource: by.policy.resource, path: by.rule.path, message: `This rule lets the pods of ${w.kind}/${w.name} reach ${METADATA_ADDRESS}.` }
        : { resource: w, path: ['metadata', 'name'], message: `No NetworkPolicy isolates the pods of ${w.kind}/${w.name} for egress.` };
    });
    return {
      message:
        `In namespace "${ns.name}", pods of ${listResources(open.map(({ w }) => w))} can reach the cloud metadata API at ${METADATA_ADDRESS}, ` +
        'which on most cloud nodes serves the node\'s credentials',
      related,
    };
  },
});
