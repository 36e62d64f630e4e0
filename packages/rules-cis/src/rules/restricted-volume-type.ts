import { defineRule, isJsonObject, stringField } from '@kubecomply/core';

/** Volume sources the restricted profile accepts: ephemeral, projected API data, or storage claimed through a PersistentVolume or CSI. */
const ALLOWED: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Every other source of core/v1 VolumeSource: node paths, network file systems and in-tree cloud disks. */
const RESTRICTED: ReadonlySet<string> = new Set([
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'hostPath',
  'iscsi',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
]);

const isSet = (value: unknown) => value !== undefined && value !== null;

export default defineRule({
  id: 'restricted-volume-type',
  description: 'Pods use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Replace the volume with one of the allowed types: for storage, a persistentVolumeClaim (an administrator binds the NFS, iSCSI or cloud disk to a PersistentVolume) or a CSI volume; for node files, a node agent in a namespace with its own policy.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const volumes: unknown = pod?.value.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: unknown, index) => {
      if (!isJsonObject(volume)) return;
      // One allowed source is enough, as in pod-security-admission. A volume
      // with no source at all is defaulted to emptyDir before admission runs.
      if (Object.keys(volume).some((key) => ALLOWED.has(key) && isSet(volume[key]))) return;
      const key = Object.keys(volume).find((k) => RESTRICTED.has(k) && isSet(volume[k]));
      if (key === undefined) return;
      ctx.report({
        path: [...pod.path, 'volumes', index, key],
        message: `Volume "${stringField(volume['name'])}" is of type ${key}, which the restricted profile does not allow.`,
      });
    });
  },
});
