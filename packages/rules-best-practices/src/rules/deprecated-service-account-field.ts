import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: 'deprecated-service-account-field',
  description: 'Pods name their service account with serviceAccountName, not the deprecated serviceAccount field.',
  severity: 'info',
  appliesTo: 'workloads',
  remediation: 'Replace spec.serviceAccount with spec.serviceAccountName (same value).',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const spec = pod.value as unknown as Record<string, unknown>;
    const old = spec['serviceAccount'];
    if (typeof old !== 'string' || old === '') return;
    const current = spec['serviceAccountName'];
    const conflict = typeof current === 'string' && current !== '' && current !== old;
    ctx.report({
      path: [...pod.path, 'serviceAccount'],
      message: conflict
        ? `spec.serviceAccount "${old}" differs from spec.serviceAccountName "${current}"; the deprecated field is ignored, so readers of the manifest may think the pod runs as "${old}".`
        : `spec.serviceAccount is deprecated since Kubernetes 1.0 and may be dropped; the pod runs as "${old}" only because the API server copies it into serviceAccountName.`,
      severity: conflict ? 'warning' : 'info',
    });
  },
});
