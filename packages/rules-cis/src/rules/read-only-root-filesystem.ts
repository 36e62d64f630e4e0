import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'read-only-root-filesystem',
  description: 'Containers run with a read-only root file system.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir at each path the application must write (/tmp, caches).',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const os: unknown = pod?.value.os;
    // Windows containers cannot have a read-only root file system.
    if (isJsonObject(os) && os['name'] === 'windows') return;
    for (const container of ctx.containers(resource)) {
      const sc: unknown = container.value.securityContext;
      const value = isJsonObject(sc) ? sc['readOnlyRootFilesystem'] : undefined;
      if (value === true) continue;
      ctx.report({
        path: [...container.path, 'securityContext', 'readOnlyRootFilesystem'],
        message:
          value === false
            ? `${containerLabel(container)} sets readOnlyRootFilesystem: false, so a compromised process can change the container's binaries and configuration.`
            : `${containerLabel(container)} can write to its root file system (readOnlyRootFilesystem is not set).`,
      });
    }
  },
});
