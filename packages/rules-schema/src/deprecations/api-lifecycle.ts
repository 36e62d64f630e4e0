/**
 * When Kubernetes deprecated and stopped serving each group/version/kind,
 * 1.16 to the removals scheduled up to 1.42.
 *
 * Primary source [L]: the generated `zz_generated.prerelease-lifecycle.go`
 * files of `k8s.io/api` (tags v0.19.0 to v0.37.0-beta.0), whose
 * `APILifecycleRemoved` the API server enforces itself
 * (`staging/src/k8s.io/apiserver/pkg/server/deleted_kinds.go`). Cross-checks:
 * [E] `test/integration/etcd/data.go`, [G] the Deprecated API Migration Guide,
 * [P] pluto's `versions.yaml`, [K] kube-no-trouble's rego rules. Where they
 * disagree the row says so in `note`; docs/deprecated-apis.md lists every
 * such place.
 *
 * "removedIn" is the first minor release that no longer serves the kind.
 * Alpha versions that were deleted from `k8s.io/api` before their lifecycle
 * release count as removed from the release their types left.
 */
export interface ApiLifecycle {
  apiVersion: string;
  kinds: readonly string[];
  /** Release that deprecated it, e.g. '1.19'; absent for alpha versions that went without one. */
  deprecatedIn?: string;
  /** First release that no longer serves it. */
  removedIn: string;
  /** The apiVersion to move to, absent when there is none. */
  replacement?: string;
  /** First release that serves the replacement. */
  replacementSince?: string;
  /** What a user must change besides apiVersion, and source disagreements. */
  note?: string;
  /** True for kinds that were never part of this apiVersion although other tools list them. */
  neverServed?: boolean;
  /** Which sources give the numbers: L, E, G, P, K (see above). */
  sources: readonly string[];
}

const SELECTOR = 'spec.selector is required and immutable';

export const API_LIFECYCLE: readonly ApiLifecycle[] = [
  // Removed in 1.16
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: `${SELECTOR}; spec.rollbackTo is gone`, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: `${SELECTOR}; spec.rollbackTo is gone`, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: `${SELECTOR}; spec.rollbackTo is gone`, sources: ['L', 'G'] },
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: `${SELECTOR}; spec.templateGeneration is gone`, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta2', kinds: ['DaemonSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: `${SELECTOR}; spec.templateGeneration is gone`, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta1', kinds: ['StatefulSet'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: SELECTOR, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta2', kinds: ['StatefulSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: SELECTOR, sources: ['L', 'G'] },
  { apiVersion: 'extensions/v1beta1', kinds: ['ReplicaSet'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: SELECTOR, sources: ['L', 'G'] },
  { apiVersion: 'apps/v1beta2', kinds: ['ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', note: SELECTOR, sources: ['L', 'G'] },
  {
    apiVersion: 'apps/v1beta1', kinds: ['ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', neverServed: true,
    note: 'G, P and K list it, but apps/v1beta1 never had a ReplicaSet type', sources: ['L'],
  },
  { apiVersion: 'apps/v1beta1', kinds: ['ControllerRevision'], deprecatedIn: '1.8', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', sources: ['L'] },
  { apiVersion: 'apps/v1beta2', kinds: ['ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9', sources: ['L'] },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1', replacementSince: '1.8', sources: ['L', 'G'] },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.11', removedIn: '1.16', replacement: 'policy/v1beta1', replacementSince: '1.10', note: 'policy/v1beta1 PodSecurityPolicy was itself removed in 1.25; use Pod Security Admission (P says deprecated in 1.10)', sources: ['L', 'P', 'K'] },

  // Removed in 1.22
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.16',
    note: 'webhooks[*].sideEffects (None or NoneOnDryRun) and admissionReviewVersions are required; failurePolicy now defaults to Fail, matchPolicy to Equivalent, timeoutSeconds to 10', sources: ['L', 'G'],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', replacementSince: '1.16',
    note: 'spec.scope is required; spec.version and spec.validation move into spec.versions[*] with a structural schema.openAPIV3Schema', sources: ['L', 'G'],
  },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', replacementSince: '1.10', note: 'P says deprecated in 1.10', sources: ['L', 'G'] },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1', replacementSince: '1.6', note: 'P says deprecated in 1.6', sources: ['L', 'G'] },
  {
    apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], deprecatedIn: '1.19', removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1', replacementSince: '1.6', note: 'spec.group is renamed spec.groups', sources: ['L', 'G'],
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', replacementSince: '1.19',
    note: 'spec.signerName and spec.usages are required', sources: ['L', 'G'],
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1', replacementSince: '1.14', note: 'P says deprecated in 1.14', sources: ['L', 'G'] },
  {
    apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19',
    note: 'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number or .name, and every path needs a pathType', sources: ['L', 'G'],
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19',
    note: 'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number or .name, and every path needs a pathType', sources: ['L', 'G'],
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', replacementSince: '1.19', note: 'L names IngressClassList as the replacement, a typo upstream', sources: ['L', 'G'] },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', replacementSince: '1.8', sources: ['L', 'G'] },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', replacementSince: '1.14', sources: ['L', 'G'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.19', sources: ['L', 'G'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.17', sources: ['L', 'G'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.6', note: 'P says deprecated in 1.6', sources: ['L', 'G'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.13', note: 'P says deprecated in 1.13', sources: ['L', 'G'] },
  { apiVersion: 'admission.k8s.io/v1beta1', kinds: ['AdmissionReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'admission.k8s.io/v1', note: 'a webhook request body, not a manifest', sources: ['L'] },

  // Removed in 1.25
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', replacementSince: '1.21', sources: ['L', 'G'] },
  {
    apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', replacementSince: '1.21',
    note: 'per-endpoint nodeName and zone replace topology', sources: ['L', 'G'],
  },
  {
    apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'events.k8s.io/v1', replacementSince: '1.19',
    note: 'type must be Normal or Warning, involvedObject becomes regarding (P says deprecated in 1.19)', sources: ['L', 'G'],
  },
  {
    apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', replacementSince: '1.23',
    note: 'targetAverageUtilization becomes target.averageUtilization with type Utilization, and metricName becomes metric.name', sources: ['L', 'G'],
  },
  {
    apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', replacementSince: '1.21',
    note: 'an empty spec.selector selects every pod of the namespace in policy/v1, none in v1beta1', sources: ['L', 'G'],
  },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', note: 'there is no replacement API: use Pod Security Admission (namespace labels) or an admission webhook', sources: ['L', 'G'] },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'node.k8s.io/v1', replacementSince: '1.20', sources: ['L', 'G'] },
  { apiVersion: 'policy/v1beta1', kinds: ['Eviction'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'policy/v1', note: 'a subresource request, not a manifest', sources: ['L'] },

  // Removed in 1.26, 1.27, 1.29, 1.32, 1.33, 1.34
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29',
    note: 'v1beta3 (1.26 to 1.31) was the replacement named by L and K, v1beta2 by G; P gives 1.24/1.29', sources: ['L', 'G'],
  },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2', replacementSince: '1.23', note: 'the field layout is already that of v2', sources: ['L', 'G'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1', replacementSince: '1.24', sources: ['L', 'G'] },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29',
    note: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares (P says deprecated in 1.24)', sources: ['L', 'G'],
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29',
    note: 'P says FlowSchema deprecated in 1.24 and PriorityLevelConfiguration in 1.31', sources: ['L', 'G'],
  },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['SelfSubjectReview'], deprecatedIn: '1.30', removedIn: '1.33', replacement: 'authentication.k8s.io/v1', note: 'a request object, not a manifest', sources: ['L'] },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], deprecatedIn: '1.31', removedIn: '1.34',
    replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.30', note: 'only apiVersion changes; G, P and K miss this removal', sources: ['L', 'E'],
  },

  // Deprecated, removal scheduled (L at v0.37.0-beta.0)
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IPAddress', 'ServiceCIDR'], deprecatedIn: '1.34', removedIn: '1.37', replacement: 'networking.k8s.io/v1', replacementSince: '1.33', sources: ['L', 'E'] },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.34', removedIn: '1.37', replacement: 'storage.k8s.io/v1', replacementSince: '1.34', note: 'P gives no removal release', sources: ['L', 'E'] },
  {
    apiVersion: 'resource.k8s.io/v1beta1', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.35', removedIn: '1.38',
    replacement: 'resource.k8s.io/v1', replacementSince: '1.34', note: 'request fields move under spec.devices.requests[].exactly; P says deprecated 1.33, removed 1.36', sources: ['L', 'E'],
  },
  { apiVersion: 'resource.k8s.io/v1beta2', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.36', removedIn: '1.39', replacement: 'resource.k8s.io/v1', replacementSince: '1.34', sources: ['L', 'E'] },
  { apiVersion: 'resource.k8s.io/v1beta2', kinds: ['DeviceTaintRule'], deprecatedIn: '1.39', removedIn: '1.42', sources: ['L', 'E'] },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['LeaseCandidate'], deprecatedIn: '1.36', removedIn: '1.39', sources: ['L', 'E'] },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding'], deprecatedIn: '1.37', removedIn: '1.40', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.36', sources: ['L', 'E'] },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['ClusterTrustBundle'], deprecatedIn: '1.37', removedIn: '1.40', replacement: 'certificates.k8s.io/v1', replacementSince: '1.37', note: 'E says removed in 1.39', sources: ['L', 'E'] },
  { apiVersion: 'storagemigration.k8s.io/v1beta1', kinds: ['StorageVersionMigration'], deprecatedIn: '1.37', removedIn: '1.40', replacement: 'storagemigration.k8s.io/v1', replacementSince: '1.37', note: 'E says removed in 1.41', sources: ['L', 'E'] },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['PodCertificateRequest'], deprecatedIn: '1.38', removedIn: '1.41', note: 'E says removed in 1.39', sources: ['L', 'E'] },

  // Alpha versions (never on by default)
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], removedIn: '1.17', replacement: 'scheduling.k8s.io/v1', replacementSince: '1.14', sources: ['P', 'L'] },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', replacementSince: '1.8', sources: ['P'] },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1alpha1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.20', removedIn: '1.21', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: '1.29', sources: ['L'] },
  { apiVersion: 'storage.k8s.io/v1alpha1', kinds: ['VolumeAttachment', 'CSIStorageCapacity'], deprecatedIn: '1.21', removedIn: '1.24', replacement: 'storage.k8s.io/v1', sources: ['L'] },
  { apiVersion: 'resource.k8s.io/v1alpha1', kinds: ['ResourceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'PodScheduling'], removedIn: '1.27', replacement: 'resource.k8s.io/v1', replacementSince: '1.34', note: 'classic DRA; package gone in k8s.io/api v0.27', sources: ['L'] },
  {
    apiVersion: 'resource.k8s.io/v1alpha2', kinds: ['ResourceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'PodSchedulingContext', 'ResourceSlice', 'ResourceClaimParameters', 'ResourceClassParameters'], removedIn: '1.31',
    replacement: 'resource.k8s.io/v1', replacementSince: '1.34', note: 'package gone in k8s.io/api v0.31', sources: ['L'],
  },
  { apiVersion: 'networking.k8s.io/v1alpha1', kinds: ['ClusterCIDR'], removedIn: '1.29', note: 'types gone in 1.29; L says 1.31', sources: ['L'] },
  { apiVersion: 'coordination.k8s.io/v1alpha1', kinds: ['LeaseCandidate'], removedIn: '1.32', replacement: 'coordination.k8s.io/v1beta1', replacementSince: '1.33', note: 'types gone in 1.32', sources: ['L'] },
  {
    apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], removedIn: '1.32', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.30',
    note: 'code deleted in 1.33 (P gives that release)', sources: ['L'],
  },
  { apiVersion: 'networking.k8s.io/v1alpha1', kinds: ['IPAddress', 'ServiceCIDR'], removedIn: '1.33', replacement: 'networking.k8s.io/v1', replacementSince: '1.33', sources: ['L'] },
  {
    apiVersion: 'resource.k8s.io/v1alpha3', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], removedIn: '1.34', replacement: 'resource.k8s.io/v1', replacementSince: '1.34',
    note: 'types deleted in 1.34 (L had said 1.37); DeviceTaintRule stays in v1alpha3', sources: ['L', 'P'],
  },
  { apiVersion: 'storage.k8s.io/v1alpha1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.32', removedIn: '1.35', replacement: 'storage.k8s.io/v1', replacementSince: '1.34', note: 'P says deprecated in 1.31', sources: ['L'] },
  { apiVersion: 'storagemigration.k8s.io/v1alpha1', kinds: ['StorageVersionMigration'], removedIn: '1.35', replacement: 'storagemigration.k8s.io/v1', replacementSince: '1.37', note: 'types gone in 1.35; L says 1.36', sources: ['L', 'P'] },
  { apiVersion: 'certificates.k8s.io/v1alpha1', kinds: ['PodCertificateRequest'], removedIn: '1.35', replacement: 'certificates.k8s.io/v1beta1', replacementSince: '1.35', sources: ['E'] },
  { apiVersion: 'apidiscovery.k8s.io/v2beta1', kinds: ['APIGroupDiscovery'], removedIn: '1.35', replacement: 'apidiscovery.k8s.io/v2', note: 'a discovery document, never written in manifests', sources: ['L'] },
  { apiVersion: 'certificates.k8s.io/v1alpha1', kinds: ['ClusterTrustBundle'], removedIn: '1.37', replacement: 'certificates.k8s.io/v1', replacementSince: '1.37', sources: ['L', 'E'] },
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding'], removedIn: '1.38', replacement: 'admissionregistration.k8s.io/v1', replacementSince: '1.36', sources: ['L', 'E'] },
  { apiVersion: 'coordination.k8s.io/v1alpha2', kinds: ['LeaseCandidate'], removedIn: '1.38', replacement: 'coordination.k8s.io/v1beta1', replacementSince: '1.33', sources: ['L', 'E'] },
];

/** apiVersion + kind -> its lifecycle row. */
const BY_KEY = new Map<string, ApiLifecycle>();
for (const row of API_LIFECYCLE) for (const kind of row.kinds) BY_KEY.set(`${row.apiVersion} ${kind}`, row);

export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

/** Every kind the table names, for the rules' `appliesTo`. */
export const LIFECYCLE_KINDS: readonly string[] = [...new Set(API_LIFECYCLE.flatMap((row) => row.kinds))].sort();
