import { cdeAccessRule } from '../checks/cde-access.js';

const CONTROLLERS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets'];

export default cdeAccessRule({
  id: 'cde-pods-creatable',
  description: 'Only the deployment pipeline may create pods in namespaces of the cardholder data environment.',
  severity: 'warning',
  power: 'create pods (directly or through a controller)',
  remediation:
    'Grant create on pods and workload controllers in CDE namespaces only to the service account of the deployment pipeline; people deploy through it, reviewed.',
  requests: () => [
    { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['create'], apiGroups: ['apps'], resources: CONTROLLERS },
    { verbs: ['create'], apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  ],
});
