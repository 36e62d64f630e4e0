import { defineRule, PROTOCOLS, reachabilityModelOf, REACH_KINDS, resourceLabel, verdictLocation, verdictText, type RelatedReport } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { cdePods } from '../checks/cde-reach.js';

export default defineRule({
  id: 'cde-egress-unrestricted',
  description: 'Pods of the cardholder data environment cannot open connections to any address.',
  severity: 'error',
  remediation:
    "Isolate the CDE workload for Egress and allow only the destinations it needs: cluster DNS, the CDE services it calls and the payment processor's address ranges (an ipBlock, Calico nets or a GlobalNetworkSet).",
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const reach = reachabilityModelOf(set);
    const anywhere = reach.anyAddress(4);
    const port = reach.anyPort();
    for (const cde of cdePods(reach, scope)) {
      if (reach.unevaluatedFor(cde.pod).length > 0) continue;
      const verdict = PROTOCOLS.map((protocol) => reach.evaluateDirection(cde.pod, 'Egress', { src: cde.pod, dst: anywhere, protocol, port })).find(
        (v) => v.allowed,
      );
      if (!verdict) continue;
      const where = verdictLocation(verdict);
      const related: RelatedReport[] = where
        ? [{ resource: where.resource, path: where.path, message: `This rule lets ${resourceLabel(cde.workload)} connect to any address.` }]
        : [];
      ctx.report({
        resource: cde.workload,
        path: ['metadata', 'name'],
        message:
          `CDE workload ${resourceLabel(cde.workload)} (in scope because ${cde.reason}) can open connections to any address (on ports no policy names), ` +
          `which lets card data leave the CDE: egress is ${verdictText(verdict, 'Egress')}.`,
        ...(related.length > 0 ? { related } : {}),
      });
    }
  },
});
