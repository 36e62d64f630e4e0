import {
  defineRule,
  PROTOCOLS,
  reachabilityModelOf,
  REACH_KINDS,
  resourceLabel,
  ruleLabel,
  verdictLocation,
  verdictText,
  type RelatedReport,
} from '@kubecomply/core';
import { scopeOfSet } from '../checks/cde-scope.js';
import { cdePods } from '../checks/cde-reach.js';

export default defineRule({
  id: 'cde-workload-reachable-from-any-address',
  description: 'Pods of the cardholder data environment do not accept connections from any address.',
  severity: 'error',
  remediation:
    'Replace the open ingress rule with the peers that need the workload: CDE pods, or the address ranges of the load balancer or partner that fronts it (an ipBlock, Calico nets or a GlobalNetworkSet), never 0.0.0.0/0 or an empty from.',
  scope: 'set',
  kinds: REACH_KINDS,
  check(set, ctx) {
    const scope = scopeOfSet(set, ctx.settings);
    const reach = reachabilityModelOf(set);
    // An address no policy and no network set names stands for any address of the internet.
    const anywhere = reach.anyAddress(4);
    const ports = reach.ports();
    for (const cde of cdePods(reach, scope)) {
      if (reach.unevaluatedFor(cde.pod).length > 0) continue;
      const open = new Map<string, { text: string; related?: RelatedReport; ports: string[] }>();
      for (const protocol of PROTOCOLS) {
        for (const port of ports) {
          const verdict = reach.evaluateDirection(cde.pod, 'Ingress', { src: anywhere, dst: cde.pod, protocol, port });
          if (!verdict.allowed) continue;
          const key = verdict.rule ? ruleLabel(verdict.rule) : verdict.reason;
          let entry = open.get(key);
          if (!entry) {
            const where = verdictLocation(verdict);
            entry = {
              text: verdictText(verdict, 'Ingress'),
              ports: [],
              ...(where
                ? { related: { resource: where.resource, path: where.path, message: `This rule lets any address connect to ${resourceLabel(cde.workload)}.` } }
                : {}),
            };
            open.set(key, entry);
          }
          if (entry.ports.length < 1) entry.ports.push(`${protocol} ${port}`);
        }
      }
      if (open.size === 0) continue;
      const entries = [...open.values()];
      ctx.report({
        resource: cde.workload,
        path: ['metadata', 'name'],
        message:
          `CDE workload ${resourceLabel(cde.workload)} (in scope because ${cde.reason}) accepts connections from any address, ` +
          `inside or outside the cluster (for example on ${entries[0]?.ports[0] ?? 'any port'}): ${entries.map((e) => e.text).join('; ')}.`,
        related: entries.flatMap((e) => (e.related ? [e.related] : [])),
      });
    }
  },
});
