import { defineRule, containerLabel } from '@kubecomply/core';
import { hostPathVolumes } from '../checks/host-path.js';

export default defineRule({
  id: 'writable-host-path',
  description: 'Containers mount hostPath volumes read-only.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation:
    'Set readOnly: true on the volumeMount; if the container must write to the node, narrow the hostPath to the one directory it needs and keep the workload in a namespace of node agents.',
  check(resource, ctx) {
    for (const volume of hostPathVolumes(resource, ctx)) {
      for (const mount of volume.mounts) {
        if (mount.readOnly) continue;
        ctx.report({
          path: [...mount.path, 'readOnly'],
          message:
            `${containerLabel(mount.container)} mounts hostPath volume "${volume.name}" (node path ${volume.hostPath || '(none)'}) ` +
            `at ${mount.mountPath || '(no mountPath)'} writable, so it can change files on the node.`,
        });
      }
    }
  },
});
