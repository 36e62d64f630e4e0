import { defineRule, isWorkload, podReferences, sameNamespace } from '@kubecomply/core';

export default defineRule({
  id: 'service-account-not-found',
  description: 'The ServiceAccount a pod runs as is in the input, when the input holds the ServiceAccounts of its namespace.',
  severity: 'warning',
  remediation: 'Add the ServiceAccount to the manifests, or correct serviceAccountName to one that exists.',
  scope: 'set',
  kinds: ['workloads'],
  retain: (resource) => !isWorkload(resource) || podReferences(resource).some((r) => r.kind === 'ServiceAccount'),
  check(set, ctx) {
    const accounts = set.all.filter((s) => s.kind === 'ServiceAccount' && s.apiVersion === 'v1');
    for (const summary of set.all) {
      const workload = summary.resource;
      if (!workload || !isWorkload(workload) || workload.kind === 'PodTemplate') continue;
      for (const ref of podReferences(workload)) {
        if (ref.kind !== 'ServiceAccount') continue;
        // Only when the input holds ServiceAccounts of the namespace: otherwise they are managed elsewhere.
        const neighbours = accounts.filter((a) => (a.namespace ?? '') === (workload.namespace ?? ''));
        if (neighbours.length === 0 || accounts.some((a) => a.name === ref.name && sameNamespace(a.namespace, workload.namespace))) continue;
        ctx.report({
          resource: workload,
          path: ref.path,
          message: `The pods run as ServiceAccount "${ref.name}", which the input does not have in this namespace although it has others; the API server refuses to create the pods until it exists.`,
          related: [
            { resource: neighbours[0] as (typeof neighbours)[number], path: ['metadata', 'name'], message: 'a ServiceAccount of the namespace in the input' },
          ],
        });
      }
    }
  },
});
