import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: 'workload-without-namespace',
  description: 'Workloads name their namespace in metadata.namespace.',
  // Leaving the namespace to apply time is the normal way to write reusable manifests; this is evidence for a review, not a defect.
  severity: 'info',
  appliesTo: 'workloads',
  remediation:
    'Set metadata.namespace, or make sure every way these manifests are applied (kubectl -n, helm --namespace, kustomize namespace:) names a namespace other than default.',
  check(resource, ctx) {
    if (resource.namespace !== undefined) return;
    ctx.report({
      path: ['metadata', 'namespace'],
      message:
        `${resource.kind} "${resource.name}" has no metadata.namespace, so it lands in whatever namespace it is applied to ` +
        '(kubectl -n, helm --namespace, or the kubeconfig context, which is often default).',
    });
  },
});
