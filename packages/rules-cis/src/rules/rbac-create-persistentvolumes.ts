import { rbacPermissionRule } from '../checks/rbac-permission.js';

export default rbacPermissionRule({
  id: 'rbac-create-persistentvolumes',
  description: 'Roles do not let subjects create PersistentVolumes.',
  severity: 'warning',
  remediation:
    'Remove create on persistentvolumes; let workloads claim storage through PersistentVolumeClaims and a StorageClass, and keep PersistentVolume creation with cluster administrators.',
  permissions: [{ verbs: ['create'], apiGroups: [''], resources: ['persistentvolumes'], clusterScoped: true }],
});
