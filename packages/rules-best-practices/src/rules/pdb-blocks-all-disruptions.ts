import { defineRule, pdbSelects, resolveBudget, isJsonObject } from '@kubecomply/core';
import { replicaCount } from '../checks/scaling.js';

export default defineRule({
  id: 'pdb-blocks-all-disruptions',
  description: 'PodDisruptionBudgets allow at least one voluntary disruption.',
  severity: 'warning',
  remediation: 'Use maxUnavailable: 1 (or more), or a minAvailable below the fewest replicas the selected workloads run.',
  scope: 'set',
  kinds: ['PodDisruptionBudget', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'HorizontalPodAutoscaler'],
  check(set, ctx) {
    const hpas = set.ofKind('HorizontalPodAutoscaler');
    for (const pdb of set.ofKind('PodDisruptionBudget')) {
      if (pdb.group !== 'policy') continue;
      const spec = pdb.object['spec'];
      if (!isJsonObject(spec)) continue;
      if (spec['maxUnavailable'] !== undefined) {
        if (resolveBudget(spec['maxUnavailable'], 100) === 0) {
          ctx.report({
            resource: pdb,
            path: ['spec', 'maxUnavailable'],
            message: `maxUnavailable is ${String(spec['maxUnavailable'])}, so no selected pod may ever be evicted: node drains and cluster upgrades hang on them.`,
          });
        }
        continue;
      }
      const min = spec['minAvailable'];
      if (min === undefined) continue;
      if (typeof min === 'string' && /^100%$/.test(min)) {
        ctx.report({
          resource: pdb,
          path: ['spec', 'minAvailable'],
          message: 'minAvailable is 100%, so no selected pod may ever be evicted: node drains and cluster upgrades hang on them.',
        });
        continue;
      }
      for (const summary of set.all) {
        const workload = summary.resource;
        if (!workload || !pdbSelects(pdb, summary)) continue;
        const count = replicaCount(workload, hpas);
        if (!count || count.min === 0) continue;
        const needed = resolveBudget(min, count.min);
        if (needed === undefined || needed < count.min) continue;
        ctx.report({
          resource: pdb,
          path: ['spec', 'minAvailable'],
          message: `minAvailable ${String(min)} is not below the ${count.min} replica(s) ${count.hpa ? `${workload.kind} "${workload.name}" may run (its autoscaler's minReplicas)` : `of ${workload.kind} "${workload.name}"`}, so none of its pods may be evicted: node drains hang on them.`,
          related: [
            count.hpa
              ? { resource: count.hpa, path: ['spec', 'minReplicas'], message: 'the fewest replicas the autoscaler keeps' }
              : { resource: workload, path: ['spec', 'replicas'], message: `the replicas of ${workload.kind} "${workload.name}"` },
          ],
        });
      }
    }
  },
});
