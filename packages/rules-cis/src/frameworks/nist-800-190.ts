import { defineFramework } from '@kubecomply/core';

/**
 * NIST SP 800-190, Application Container Security Guide (September 2017):
 * the countermeasures of its section 4, each of which answers the risk of
 * the same number in section 3 (4.4.3 answers 3.4.3, insecure container
 * runtime configurations).
 *
 * Rules of @kubecomply/rules-pci (cde-*, pan-in-manifest) are named where
 * they give evidence.
 *
 * - automated: the listed rules decide the countermeasure from the files.
 * - manual: a person must attest it (a process, a design choice); listed
 *   rules, if any, are evidence against it only.
 * - not-static: the answer is in images, registries, hosts or hardware,
 *   none of which a manifest shows.
 */
export default defineFramework({
  id: 'nist-800-190',
  version: '2017',
  title: 'NIST SP 800-190 Application Container Security Guide',
  url: 'https://csrc.nist.gov/pubs/sp/800/190/final',
  controls: [
    // 4.1 Image countermeasures
    {
      id: '4.1.1',
      title: 'Image vulnerabilities are found and fixed',
      assessment: 'not-static',
      note: "Finding vulnerabilities takes a scanner over the images' contents; manifests only name the images.",
    },
    {
      id: '4.1.2',
      title: 'Images are free of configuration defects',
      rules: ['run-as-non-root-missing', 'run-as-user-zero', 'ssh-port-exposed', 'read-only-root-filesystem'],
    },
    { id: '4.1.3', title: 'Images carry no malware', assessment: 'not-static', note: "Malware is found by scanning the images' contents." },
    {
      id: '4.1.4',
      title: 'No clear-text secrets are embedded',
      rules: [
        'hardcoded-credential',
        'secret-in-env-var',
        'pan-in-manifest',
        'apiserver-encryption-config-missing',
        'encryption-provider-weak',
        'audit-policy-logs-sensitive-payloads',
      ],
    },
    {
      id: '4.1.5',
      title: 'Only trusted images run',
      rules: ['image-not-pinned-by-digest', 'apiserver-image-policy-webhook-missing', 'cde-image-from-unapproved-registry'],
    },

    // 4.2 Registry countermeasures
    {
      id: '4.2.1',
      title: 'Registries are reached over secure connections',
      assessment: 'not-static',
      note: 'How nodes connect to registries is set in the container runtime, not in the manifests.',
    },
    { id: '4.2.2', title: 'Stale images are not run', rules: ['image-tag-latest-or-missing', 'image-not-pinned-by-digest'] },
    {
      id: '4.2.3',
      title: 'Registry access is authenticated and authorized',
      rules: ['image-pull-policy-not-always'],
      assessment: 'manual',
      note: 'Registry permissions are set in the registry; imagePullSecrets show at most that some credential is used.',
    },

    // 4.3 Orchestrator countermeasures
    {
      id: '4.3.1',
      title: 'Administrative access is bounded',
      rules: [
        'cluster-admin-binding',
        'rbac-wildcard',
        'rbac-secrets-read',
        'rbac-create-pods',
        'rbac-pods-exec',
        'rbac-escalate-bind-impersonate',
        'rbac-create-persistentvolumes',
        'rbac-nodes-proxy-access',
        'rbac-csr-approval',
        'rbac-webhook-config-write',
        'rbac-create-serviceaccount-token',
        'rbac-system-masters-subject',
        'service-account-token-automount',
        'default-service-account-used',
        'apiserver-authorization-always-allow',
        'apiserver-authorization-rbac-missing',
      ],
    },
    {
      id: '4.3.2',
      title: 'Unauthorized access is prevented',
      rules: [
        'apiserver-anonymous-auth',
        'apiserver-token-auth-file',
        'rbac-anonymous-or-all-authenticated',
        'legacy-service-account-token-secret',
        'exposed-dashboard',
        'apiserver-profiling-enabled',
        'controller-manager-profiling-enabled',
        'scheduler-profiling-enabled',
        'controller-manager-bind-address-not-loopback',
        'scheduler-bind-address-not-loopback',
        'kube-proxy-metrics-bind-address-not-loopback',
        'apiserver-encryption-config-missing',
        'encryption-provider-weak',
        'apiserver-service-account-lookup-disabled',
        'apiserver-service-account-key-file-missing',
        'apiserver-service-account-token-extended-expiry',
      ],
    },
    {
      id: '4.3.3',
      title: 'Network traffic between containers is separated',
      rules: [
        'namespace-without-networkpolicy',
        'namespace-without-default-deny-networkpolicy',
        'networkpolicy-allow-all',
        'host-network',
        'host-port',
        'service-external-ips',
        'loadbalancer-without-source-ranges',
        'cde-namespace-without-default-deny',
        'cde-workload-exposed-externally',
        'workload-not-isolated-by-networkpolicy',
        'networkpolicy-selects-nothing',
        'service-type-nodeport',
      ],
    },
    {
      id: '4.3.4',
      title: 'Workloads of different sensitivity do not share hosts',
      rules: ['cde-workload-shares-nodes', 'cde-workload-in-shared-namespace'],
      assessment: 'manual',
      note: 'Which workloads are sensitive is a classification a person makes; for the PCI cardholder data environment, CDE workloads on shared nodes or namespaces are evidence against it.',
    },
    {
      id: '4.3.5',
      title: 'Orchestrator nodes are trusted and talk over authenticated TLS',
      rules: [
        'apiserver-node-restriction-missing',
        'apiserver-authorization-node-missing',
        'apiserver-kubelet-client-cert-missing',
        'apiserver-kubelet-ca-missing',
        'apiserver-tls-cert-missing',
        'apiserver-client-ca-missing',
        'apiserver-etcd-client-cert-missing',
        'apiserver-etcd-ca-missing',
        'apiserver-weak-tls-cipher-suites',
        'apiserver-always-admit-enabled',
        'apiserver-deny-service-external-ips-missing',
        'apiserver-event-rate-limit-missing',
        'apiserver-namespace-lifecycle-disabled',
        'apiserver-service-account-plugin-disabled',
        'kubelet-anonymous-auth',
        'kubelet-authorization-always-allow',
        'kubelet-read-only-port',
        'kubelet-client-ca-missing',
        'kubelet-tls-cert-missing',
        'kubelet-client-cert-rotation-disabled',
        'kubelet-server-cert-rotation-disabled',
        'kubelet-weak-tls-cipher-suites',
        'kubelet-streaming-idle-timeout-disabled',
        'kubelet-iptables-util-chains-disabled',
        'kubelet-hostname-override',
        'etcd-client-tls-missing',
        'etcd-client-cert-auth-disabled',
        'etcd-auto-tls-enabled',
        'etcd-peer-tls-missing',
        'etcd-peer-client-cert-auth-disabled',
        'etcd-peer-auto-tls-enabled',
        'etcd-ca-shared-with-apiserver',
        'controller-manager-terminated-pod-gc-threshold-missing',
        'controller-manager-service-account-credentials-disabled',
        'controller-manager-service-account-private-key-missing',
        'controller-manager-root-ca-missing',
        'controller-manager-kubelet-server-cert-rotation-disabled',
        'rbac-nodes-proxy-access',
        'rbac-csr-approval',
      ],
    },

    // 4.4 Container countermeasures
    {
      id: '4.4.1',
      title: 'Container runtime software is free of known vulnerabilities',
      assessment: 'not-static',
      note: 'The runtime version installed on each node is not in the manifests.',
    },
    {
      id: '4.4.2',
      title: 'Network access from containers is bounded',
      rules: ['metadata-api-not-blocked', 'namespace-without-default-deny-networkpolicy', 'networkpolicy-allow-all', 'cde-namespace-without-default-deny'],
    },
    {
      id: '4.4.3',
      title: 'Container runtime configurations are secure',
      rules: [
        'privileged-container',
        'host-pid',
        'host-ipc',
        'host-network',
        'allow-privilege-escalation',
        'run-as-non-root-missing',
        'run-as-user-zero',
        'capabilities-not-drop-all',
        'capability-net-raw',
        'capabilities-added-beyond-baseline',
        'capabilities-added-beyond-restricted',
        'windows-host-process',
        'container-runtime-socket-mount',
        'apparmor-unconfined',
        'selinux-options-custom',
        'proc-mount-unmasked',
        'proc-mount-unmasked-in-user-namespace',
        'seccomp-unconfined',
        'seccomp-profile-missing',
        'unsafe-sysctl',
        'probe-or-lifecycle-host-set',
        'missing-security-context',
        'namespace-pod-security-level',
        'pod-security-admission-rejected',
        'kubelet-pod-pids-unlimited',
        'kubelet-seccomp-default-disabled',
      ],
    },
    { id: '4.4.4', title: 'Application vulnerabilities are contained', rules: ['read-only-root-filesystem', 'seccomp-profile-missing'] },
    {
      id: '4.4.5',
      title: 'Rogue containers are kept out and noticed',
      rules: [
        'workload-in-default-namespace',
        'workload-without-namespace',
        'rbac-create-pods',
        'namespace-pod-security-level',
        'apiserver-audit-policy-file-missing',
        'apiserver-audit-log-path-missing',
        'apiserver-audit-log-maxage-low',
        'apiserver-audit-log-maxbackup-low',
        'apiserver-audit-log-maxsize-low',
        'audit-policy-logs-nothing',
        'audit-policy-missing-key-resources',
      ],
    },

    // 4.5 Host OS countermeasures
    {
      id: '4.5.1',
      title: 'The host OS attack surface is small (a container-specific OS)',
      assessment: 'not-static',
      note: "The nodes' operating system is not in the manifests.",
    },
    {
      id: '4.5.2',
      title: 'Containers share a kernel only with workloads of like sensitivity',
      assessment: 'manual',
      note: 'Grouping workloads by sensitivity onto nodes, or giving them sandboxed runtimes, is a design decision a person attests.',
    },
    {
      id: '4.5.3',
      title: 'Host OS components are patched',
      assessment: 'not-static',
      note: 'Patch levels are on the nodes.',
    },
    {
      id: '4.5.4',
      title: 'User access to hosts is limited',
      assessment: 'not-static',
      note: 'Who may log in to nodes is set on the nodes and in the identity provider.',
    },
    {
      id: '4.5.5',
      title: 'Containers cannot tamper with the host file system',
      rules: ['host-path-volume', 'writable-host-path', 'container-runtime-socket-mount', 'restricted-volume-type', 'sensitive-host-path-mount'],
    },

    // 4.6 Hardware countermeasures
    {
      id: '4.6',
      title: 'Hardware roots of trust anchor the hosts',
      assessment: 'not-static',
      note: 'Trusted boot and hardware attestation are properties of the machines.',
    },
  ],
});
