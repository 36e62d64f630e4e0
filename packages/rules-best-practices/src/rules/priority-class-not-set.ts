import { defineRule } from '@kubecomply/core';
import { RUN_TO_COMPLETION } from '../checks/container.js';

export default defineRule({
  id: 'priority-class-not-set',
  description: 'Long-running workloads name a PriorityClass, so the scheduler knows what to evict first when the cluster is full.',
  severity: 'info',
  appliesTo: 'workloads',
  remediation: 'Set spec.priorityClassName to a PriorityClass that says how important the workload is relative to the others on the cluster.',
  targets: (resource) => !RUN_TO_COMPLETION.has(resource.kind) && resource.kind !== 'PodTemplate',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const name = pod.value.priorityClassName;
    if (typeof name === 'string' && name !== '') return;
    ctx.report({
      path: [...pod.path, 'priorityClassName'],
      message:
        'The pods name no priorityClassName, so they get the cluster default priority (usually 0) and may be preempted by, or block, more important pods when nodes are full.',
    });
  },
});
