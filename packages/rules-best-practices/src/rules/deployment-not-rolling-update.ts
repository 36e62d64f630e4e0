import { defineRule, isJsonObject } from '@kubecomply/core';
import { replicaCount } from '../checks/scaling.js';

/** The update strategy field and the value that replaces pods one at a time, per kind. */
const STRATEGY: Readonly<Record<string, { field: 'strategy' | 'updateStrategy'; rolling: string }>> = {
  Deployment: { field: 'strategy', rolling: 'RollingUpdate' },
  StatefulSet: { field: 'updateStrategy', rolling: 'RollingUpdate' },
  DaemonSet: { field: 'updateStrategy', rolling: 'RollingUpdate' },
};

export default defineRule({
  id: 'deployment-not-rolling-update',
  description: 'Deployments, StatefulSets and DaemonSets update their pods with a rolling update.',
  severity: 'info',
  appliesTo: Object.keys(STRATEGY),
  uses: ['HorizontalPodAutoscaler'],
  remediation:
    'Use the RollingUpdate strategy (the default); keep Recreate only for workloads that cannot run two versions at once, and OnDelete only where a person replaces pods by hand.',
  check(resource, ctx) {
    const how = STRATEGY[resource.kind];
    const spec = resource.object['spec'];
    if (!how || !isJsonObject(spec)) return;
    const strategy = spec[how.field];
    const type = isJsonObject(strategy) ? strategy['type'] : undefined;
    if (type === undefined || type === how.rolling) return;
    if (type === 'Recreate') {
      // One replica (a singleton controller) or a ReadWriteOnce claim: Recreate is what keeps two pods from running at once.
      const count = replicaCount(resource, ctx.lookup('HorizontalPodAutoscaler'));
      const volumes = ctx.podSpec(resource)?.value.volumes;
      const claims = Array.isArray(volumes) && volumes.some((v) => isJsonObject(v) && v['persistentVolumeClaim'] !== undefined);
      if (!count || count.max < 2 || claims) return;
    }
    ctx.report({
      path: ['spec', how.field, 'type'],
      message:
        type === 'Recreate'
          ? 'The Deployment runs several replicas with the Recreate strategy: every update stops all of them before starting new ones, so each rollout is an outage.'
          : `The ${resource.kind} uses the ${String(type)} update strategy, so a changed template reaches pods only when someone deletes them.`,
    });
  },
});
