import { defineRule, isJsonObject, stringField } from '@kubecomply/core';

export default defineRule({
  id: 'host-path-volume',
  description: 'Pods mount no hostPath volumes.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Replace the hostPath volume with an emptyDir, a ConfigMap or Secret, a persistentVolumeClaim or a CSI volume; node agents that need host files belong in a separately governed namespace.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isJsonObject(volume)) return;
      const hostPath = volume['hostPath'];
      if (hostPath === undefined || hostPath === null) return;
      const where = isJsonObject(hostPath) && stringField(hostPath['path']) !== '' ? ` (${stringField(hostPath['path'])})` : '';
      ctx.report({
        path: [...pod.path, 'volumes', index, 'hostPath'],
        message: `Volume "${stringField(volume['name'])}" mounts a path of the node's file system${where} into the pod.`,
      });
    });
  },
});
