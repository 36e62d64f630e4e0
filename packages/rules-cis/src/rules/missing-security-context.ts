import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

/** A securityContext that sets at least one field. */
function isSet(value: unknown): boolean {
  return isJsonObject(value) && Object.values(value).some((v) => v !== null && v !== undefined);
}

export default defineRule({
  id: 'missing-security-context',
  description: 'Every container runs with a securityContext, set on the pod or on the container.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation:
    'Set a securityContext: runAsNonRoot, seccompProfile RuntimeDefault and fsGroup on the pod, and allowPrivilegeEscalation: false, capabilities.drop: [ALL] and readOnlyRootFilesystem: true on each container.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod || isSet(pod.value.securityContext)) return;
    for (const container of ctx.containers(resource)) {
      if (isSet(container.value.securityContext)) continue;
      ctx.report({
        path: [...container.path, 'securityContext'],
        message: `${containerLabel(container)} has no securityContext and neither has its pod, so it runs with the image's user and the runtime's defaults.`,
      });
    }
  },
});
