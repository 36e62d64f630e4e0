import { rbacPermissionRule } from '../checks/rbac-permission.js';

/**
 * Creating any controller that stamps out pods is creating pods: the
 * controller runs whatever pod template it is given, with any service
 * account, volume or security context of the namespace. Update and patch on
 * controllers can do the same by editing a template, but CIS 5.1.4 names
 * create, and flagging every writer of Deployments would bury the finding.
 */
const CONTROLLERS: readonly [string, string][] = [
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];

export default rbacPermissionRule({
  id: 'rbac-create-pods',
  description: 'Roles do not let subjects create pods or the workload controllers that create them.',
  severity: 'warning',
  remediation:
    'Remove create on pods and on workload controllers from roles of subjects that do not deploy workloads; give deployment rights to the CI or GitOps service account alone, in the namespaces it deploys to.',
  permissions: [
    { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
    ...CONTROLLERS.map(([group, resource]) => ({ verbs: ['create'], apiGroups: [group], resources: [resource] })),
  ],
});
