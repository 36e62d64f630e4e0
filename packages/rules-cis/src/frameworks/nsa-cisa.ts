import { defineFramework } from '@kubecomply/core';

/**
 * NSA/CISA Kubernetes Hardening Guidance v1.2 (August 2022), as a crosswalk
 * onto this package's rules. The guide is prose, not numbered controls; the
 * ids are the ones our research catalog gives its checkable items (PS = Pod
 * security, NS = network separation and hardening, AA = authentication and
 * authorization, AL = audit logging and threat detection, UP = upgrading and
 * application security).
 *
 * - automated: the listed rules decide the item from the files.
 * - manual: a person must judge it (a process, a design choice); listed
 *   rules, if any, only give evidence: a finding fails the item, no finding
 *   does not pass it.
 * - not-static: the answer is on machines or networks, not in manifests.
 *
 * Rules of @kubecomply/rules-pci (cde-*, pan-in-manifest) are named by id
 * where they give evidence; without that package they do not run, and the
 * report lists them as not run.
 *
 * An item lists every rule that gives evidence for it, so one finding may
 * count against several items and catalogs (a privileged container breaks
 * PS4 here and 4.4.3 of NIST SP 800-190); `kubecomply rules` lists them.
 */
export default defineFramework({
  id: 'nsa-cisa',
  version: '1.2',
  title: 'NSA/CISA Kubernetes Hardening Guidance',
  controls: [
    // Kubernetes Pod security
    {
      id: 'PS1',
      title: 'Containers run as a non-root user',
      rules: ['run-as-non-root-missing', 'run-as-user-zero', 'run-as-group-zero'],
    },
    { id: 'PS2', title: 'Container root file systems are immutable', rules: ['read-only-root-filesystem'] },
    {
      id: 'PS3',
      title: 'Images are built securely, scanned and traceable',
      rules: [
        'image-tag-latest-or-missing',
        'image-not-pinned-by-digest',
        'ssh-port-exposed',
        'apiserver-image-policy-webhook-missing',
        'cde-image-from-unapproved-registry',
      ],
      assessment: 'manual',
      note: 'Scanning and building images happen in the pipeline, outside the manifests; untraceable or unpinned images and an API server without image admission are evidence against this item.',
    },
    {
      id: 'PS4',
      title: 'Pod security is enforced',
      rules: [
        'privileged-container',
        'host-pid',
        'host-ipc',
        'host-network',
        'allow-privilege-escalation',
        'capabilities-not-drop-all',
        'capability-net-raw',
        'capabilities-added-beyond-baseline',
        'capabilities-added-beyond-restricted',
        'windows-host-process',
        'host-path-volume',
        'writable-host-path',
        'container-runtime-socket-mount',
        'host-port',
        'apparmor-unconfined',
        'selinux-options-custom',
        'proc-mount-unmasked',
        'proc-mount-unmasked-in-user-namespace',
        'seccomp-unconfined',
        'seccomp-profile-missing',
        'unsafe-sysctl',
        'probe-or-lifecycle-host-set',
        'restricted-volume-type',
        'missing-security-context',
        'namespace-pod-security-level',
        'pod-security-admission-rejected',
      ],
    },
    {
      id: 'PS5',
      title: 'Pod service account tokens are protected',
      rules: [
        'service-account-token-automount',
        'default-service-account-used',
        'legacy-service-account-token-secret',
        'apiserver-service-account-lookup-disabled',
        'apiserver-service-account-key-file-missing',
        'apiserver-service-account-token-extended-expiry',
      ],
    },
    {
      id: 'PS6',
      title: 'Container environments are hardened (sandboxed runtimes)',
      assessment: 'manual',
      note: 'Whether workloads need a sandboxed runtime (gVisor, Kata Containers) through runtimeClassName is a design decision a person makes.',
    },

    // Network separation and hardening
    { id: 'NS1', title: 'Namespaces separate workloads', rules: ['workload-in-default-namespace', 'workload-without-namespace'] },
    {
      id: 'NS2',
      title: 'Network policies restrict traffic, denying by default',
      rules: [
        'namespace-without-networkpolicy',
        'namespace-without-default-deny-networkpolicy',
        'networkpolicy-allow-all',
        'host-port',
        'service-external-ips',
        'cde-namespace-without-default-deny',
        'cde-workload-exposed-externally',
        'workload-reachable-from-all-namespaces',
        'cilium-policy-not-evaluated',
        'workload-not-isolated-by-networkpolicy',
        'networkpolicy-selects-nothing',
        'service-type-nodeport',
      ],
    },
    {
      id: 'NS3',
      title: 'Resource policies limit what workloads may use',
      rules: ['missing-resource-limits', 'kubelet-pod-pids-unlimited', 'missing-resource-requests'],
    },
    {
      id: 'NS4',
      title: 'The control plane is hardened and its exposure kept small',
      rules: [
        'apiserver-always-admit-enabled',
        'apiserver-always-pull-images-missing',
        'apiserver-deny-service-external-ips-missing',
        'apiserver-event-rate-limit-missing',
        'apiserver-namespace-lifecycle-disabled',
        'apiserver-node-restriction-missing',
        'apiserver-service-account-plugin-disabled',
        'apiserver-profiling-enabled',
        'apiserver-tls-cert-missing',
        'apiserver-client-ca-missing',
        'apiserver-kubelet-client-cert-missing',
        'apiserver-kubelet-ca-missing',
        'controller-manager-profiling-enabled',
        'controller-manager-bind-address-not-loopback',
        'controller-manager-terminated-pod-gc-threshold-missing',
        'controller-manager-service-account-credentials-disabled',
        'controller-manager-service-account-private-key-missing',
        'controller-manager-root-ca-missing',
        'controller-manager-kubelet-server-cert-rotation-disabled',
        'scheduler-profiling-enabled',
        'scheduler-bind-address-not-loopback',
        'kubelet-read-only-port',
        'kubelet-streaming-idle-timeout-disabled',
        'kubelet-iptables-util-chains-disabled',
        'kube-proxy-metrics-bind-address-not-loopback',
        'exposed-dashboard',
        'loadbalancer-without-source-ranges',
      ],
    },
    {
      id: 'NS5',
      title: 'etcd is reachable only over authenticated TLS',
      rules: [
        'apiserver-etcd-client-cert-missing',
        'apiserver-etcd-ca-missing',
        'etcd-client-tls-missing',
        'etcd-client-cert-auth-disabled',
        'etcd-auto-tls-enabled',
        'etcd-peer-tls-missing',
        'etcd-peer-client-cert-auth-disabled',
        'etcd-peer-auto-tls-enabled',
        'etcd-ca-shared-with-apiserver',
      ],
    },
    {
      id: 'NS6',
      title: 'Kubeconfig files are protected',
      assessment: 'not-static',
      note: 'Kubeconfig files live on nodes and workstations, whose file modes a manifest does not show; no rule yet looks for kubeconfig content inside Secrets or ConfigMaps.',
    },
    {
      id: 'NS7',
      title: 'Worker nodes are segmented from other networks',
      assessment: 'not-static',
      note: 'Firewalls and network segments are infrastructure, not Kubernetes objects.',
    },
    {
      id: 'NS8',
      title: 'Traffic is encrypted with strong TLS',
      rules: [
        'ingress-without-tls',
        'cde-ingress-without-tls',
        'apiserver-weak-tls-cipher-suites',
        'kubelet-weak-tls-cipher-suites',
        'kubelet-tls-cert-missing',
        'kubelet-client-ca-missing',
        'kubelet-client-cert-rotation-disabled',
        'kubelet-server-cert-rotation-disabled',
        'apiserver-kubelet-client-cert-missing',
        'apiserver-tls-cert-missing',
      ],
    },
    {
      id: 'NS9',
      title: 'Secrets are encrypted at rest and their access is limited',
      rules: [
        'secret-in-env-var',
        'hardcoded-credential',
        'pan-in-manifest',
        'rbac-secrets-read',
        'apiserver-encryption-config-missing',
        'encryption-provider-weak',
      ],
    },
    { id: 'NS10', title: 'Pods cannot reach the cloud instance metadata API', rules: ['metadata-api-not-blocked'] },

    // Authentication and authorization
    {
      id: 'AA1',
      title: 'Every request is authenticated',
      rules: ['apiserver-anonymous-auth', 'apiserver-token-auth-file', 'kubelet-anonymous-auth', 'rbac-anonymous-or-all-authenticated'],
    },
    {
      id: 'AA2',
      title: 'RBAC is on and grants least privilege',
      rules: [
        'apiserver-authorization-always-allow',
        'apiserver-authorization-node-missing',
        'apiserver-authorization-rbac-missing',
        'kubelet-authorization-always-allow',
        'cluster-admin-binding',
        'rbac-wildcard',
        'rbac-secrets-read',
        'rbac-create-pods',
        'rbac-pods-exec',
        'rbac-escalate-bind-impersonate',
        'rbac-create-persistentvolumes',
        'rbac-nodes-proxy-access',
        'rbac-csr-approval',
        'rbac-create-serviceaccount-token',
        'rbac-webhook-config-write',
        'rbac-system-masters-subject',
        'rbac-anonymous-or-all-authenticated',
      ],
    },

    // Audit logging and threat detection
    {
      id: 'AL1',
      title: 'Kubernetes audit logging is on and covers what matters',
      rules: [
        'apiserver-audit-policy-file-missing',
        'apiserver-audit-log-path-missing',
        'apiserver-audit-log-maxage-low',
        'apiserver-audit-log-maxbackup-low',
        'apiserver-audit-log-maxsize-low',
        'audit-policy-logs-nothing',
        'audit-policy-missing-key-resources',
        'audit-policy-logs-sensitive-payloads',
      ],
    },
    {
      id: 'AL2',
      title: 'Node and container logs are collected',
      assessment: 'manual',
      note: 'A log-shipping DaemonSet may hint at it, but only a person can confirm that node and container logs reach a store that keeps them.',
    },
    { id: 'AL3', title: 'Seccomp confines containers', rules: ['seccomp-profile-missing', 'seccomp-unconfined', 'kubelet-seccomp-default-disabled'] },
    {
      id: 'AL4',
      title: 'Alerts, SIEM, service mesh and fault tolerance are in place',
      assessment: 'manual',
      note: 'Monitoring, alerting and resilience are operations a person attests; manifests show at most that some tools are deployed.',
    },

    // Upgrading and application security practices
    {
      id: 'UP1',
      title: 'Components and images are kept up to date',
      rules: [
        'image-tag-latest-or-missing',
        'removed-api-version',
        'deprecated-api-version',
        'unknown-field',
        'invalid-field-value',
        'missing-required-field',
        'unknown-kind',
      ],
      assessment: 'manual',
      note: 'Patching is a process over time; images without a version are evidence against it, since they cannot be traced to a release, and so are API versions the target Kubernetes release deprecates or no longer serves and manifests its API server would reject (rules of @kubecomply/rules-schema).',
    },
  ],
});
