import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: 'workload-in-default-namespace',
  description: 'Workloads are placed in a namespace of their own, not in default.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation:
    'Create a namespace for the application and set metadata.namespace to it (or leave it out and apply with -n, helm --namespace or kustomize namespace:).',
  check(resource, ctx) {
    if (resource.namespace !== 'default') return;
    ctx.report({
      path: ['metadata', 'namespace'],
      message: `${resource.kind} "${resource.name}" is placed in the default namespace, which every user and service account of the cluster tends to share.`,
    });
  },
});
