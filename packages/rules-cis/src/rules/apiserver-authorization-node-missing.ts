import { authorizationRule } from '../checks/authorization.js';

export default authorizationRule({
  id: 'apiserver-authorization-node-missing',
  description: 'The API server uses the Node authorizer for kubelets.',
  severity: 'warning',
  remediation: 'Add Node to --authorization-mode on kube-apiserver (e.g. --authorization-mode=Node,RBAC), together with the NodeRestriction admission plugin.',
  problem: (types) =>
    types.includes('Node')
      ? undefined
      : 'without the Node authorizer a kubelet is not limited to the Secrets, ConfigMaps and volumes of the pods bound to its own node.',
});
