import { rbacPermissionRule } from '../checks/rbac-permission.js';

const CERTIFICATES = 'certificates.k8s.io';

/** The signers whose certificates the API server and kubelets trust. */
const KUBERNETES_SIGNERS = [
  'kubernetes.io/kube-apiserver-client',
  'kubernetes.io/kube-apiserver-client-kubelet',
  'kubernetes.io/kubelet-serving',
  'kubernetes.io/legacy-unknown',
  'kubernetes.io/*',
];

export default rbacPermissionRule({
  id: 'rbac-csr-approval',
  description: 'Roles do not let subjects approve CertificateSigningRequests.',
  severity: 'warning',
  remediation:
    'Remove update on certificatesigningrequests/approval and approve on signers from the rule; leave approval to the controller manager, or limit approve to your own signer with resourceNames.',
  // Approving takes both powers; either one is reported, since they are often
  // granted apart and a subject may hold the other through another binding.
  permissions: [
    { verbs: ['update'], apiGroups: [CERTIFICATES], resources: ['certificatesigningrequests/approval'], clusterScoped: true },
    { verbs: ['approve'], apiGroups: [CERTIFICATES], resources: ['signers'], resourceNames: KUBERNETES_SIGNERS, clusterScoped: true },
  ],
});
