import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'controller-manager-service-account-credentials-disabled',
  description: 'The controller manager runs each controller with its own service account.',
  severity: 'warning',
  remediation:
    'Set --use-service-account-credentials=true on kube-controller-manager; the system:controller:* ClusterRoles grant each controller what it needs.',
  component: 'kube-controller-manager',
  flag: 'use-service-account-credentials',
  required: true,
  defaultValue: false,
  consequence: "every controller acts with the controller manager's own, broad credentials.",
});
