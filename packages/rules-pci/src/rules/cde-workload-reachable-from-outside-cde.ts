import { defineRule, reachabilityModelOf, REACH_KINDS, resourceLabel, type RelatedReport } from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { cdePods, pathRelated, pathText, peerOutsideCde } from '../checks/cde-reach.js';

/** How many peers a message names before pointing at the related locations. */
const NAMED = 3;

export default defineRule({
  id: 'cde-workload-reachable-from-outside-cde',
  description: 'Pods of the cardholder data environment accept connections only from other CDE workloads.',
  severity: 'error',
  remediation:
    'Narrow the ingress rules of the CDE workload to the CDE clients that need it (podSelector and namespaceSelector naming CDE namespaces), or bring the client into the CDE scope if it handles card data; record each needed path.',
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const reach = reachabilityModelOf(set);
    for (const cde of cdePods(reach, scope)) {
      if (reach.unevaluatedFor(cde.pod).length > 0) continue;
      const outside = reach.inbound(cde.pod).flatMap((path) => {
        const peer = peerOutsideCde(path, scope);
        return peer ? [{ path, peer }] : [];
      });
      if (outside.length === 0) continue;
      const seen = new Set<string>();
      const related: RelatedReport[] = [];
      for (const { path } of outside) related.push(...pathRelated(path, `A connection from outside the CDE to ${resourceLabel(cde.workload)}:`, seen));
      for (const { peer } of outside)
        related.push({ resource: peer, path: ['metadata', 'name'], message: `Not in the CDE, yet it can connect to ${resourceLabel(cde.workload)}.` });
      const shown = outside
        .slice(0, NAMED)
        .map(({ path, peer }) => pathText(`${path.peer.kind === 'host-network' ? 'host-network ' : ''}${resourceLabel(peer)}`, path, 'Ingress'));
      const more = outside.length > NAMED ? ` and ${outside.length - NAMED} more (see related locations)` : '';
      ctx.report({
        resource: cde.workload,
        path: ['metadata', 'name'],
        message: `CDE workload ${resourceLabel(cde.workload)} (in scope because ${cde.reason}) accepts connections from workloads outside the CDE: ${shown.join('; ')}${more}.`,
        related,
      });
    }
  },
});
