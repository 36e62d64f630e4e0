import { defineRule, pdbSelects } from '@kubecomply/core';
import { replicaCount } from '../checks/scaling.js';

export default defineRule({
  id: 'workload-without-pdb',
  description: 'Deployments and StatefulSets with several replicas are covered by a PodDisruptionBudget.',
  severity: 'info',
  remediation: 'Add a PodDisruptionBudget whose selector matches the pods, with maxUnavailable: 1 (or a minAvailable below the replica count).',
  scope: 'set',
  kinds: ['Deployment', 'StatefulSet', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'],
  check(set, ctx) {
    const pdbs = set.ofKind('PodDisruptionBudget').filter((p) => p.group === 'policy');
    const hpas = set.ofKind('HorizontalPodAutoscaler');
    for (const summary of set.all) {
      const workload = summary.resource;
      if (!workload || (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet')) continue;
      const count = replicaCount(workload, hpas);
      // One replica: a budget could only block every drain; zero: scaled down on purpose.
      if (!count || count.max < 2) continue;
      if (pdbs.some((p) => pdbSelects(p, summary))) continue;
      ctx.report({
        resource: workload,
        path: ['metadata', 'name'],
        message: `The ${workload.kind} runs ${count.hpa ? `up to ${count.max}` : count.max} replicas and no PodDisruptionBudget of the input covers them, so a node drain or cluster upgrade may evict all of them at once.`,
      });
    }
  },
});
