import { defineFramework } from '@kubecomply/core';

/**
 * PCI DSS v4.0.1 (same numbering as v4.0): the requirements Kubernetes
 * manifests can give evidence for. The mapping is ours; PCI SSC publishes
 * none (see ../shared/reference/frameworks.md §6).
 *
 * - automated: the listed rules decide the requirement for what the files
 *   hold. Rules named `cde-*` look only at the cardholder data environment
 *   (see src/checks/cde-scope.ts for what puts an object in it); the others
 *   harden the whole cluster, which is in scope as soon as it hosts the CDE
 *   (shared control plane and nodes are connected-to systems).
 * - manual: a person must attest it (a process, a review, a document);
 *   listed rules, if any, are evidence against it only.
 * - not-static: the answer is on the nodes, in images or in running tools.
 *
 * Requirement 4.2.1 is about card data on open networks, so it lists only the
 * CDE-aware TLS rules (ingress TLS, mesh mTLS, plain-HTTP Services), not the generic ingress-without-tls: a marketing
 * site's plain-HTTP Ingress says nothing about it.
 */
export default defineFramework({
  id: 'pci-dss',
  version: '4.0.1',
  title: 'PCI DSS',
  url: 'https://www.pcisecuritystandards.org/document_library/?category=pcidss',
  controls: [
    // Requirement 1: network security controls
    {
      id: '1.2.1',
      title: 'Network security control rulesets follow defined configuration standards',
      assessment: 'manual',
      rules: ['namespace-without-networkpolicy'],
      note: 'The standards must be written and kept current by people; NetworkPolicies in version control are the implemented rulesets, and a namespace without any is evidence against.',
    },
    {
      id: '1.2.5',
      title: 'Every allowed service, protocol and port is identified, approved and needed',
      assessment: 'manual',
      rules: ['networkpolicy-allow-all', 'cde-workload-reachable-from-outside-cde'],
      note: 'Approval and business need are recorded outside the manifests; policies that allow every peer are evidence against.',
    },
    {
      id: '1.2.6',
      title: 'Insecure services, protocols and ports in use have compensating security features',
      assessment: 'manual',
      rules: ['kubelet-read-only-port'],
      note: 'Which services are insecure, and what protects them, is a documented decision; the kubelet read-only port (plain HTTP, no authentication) is evidence against.',
    },
    {
      id: '1.3.1',
      title: 'Inbound traffic to the CDE is limited to what is needed, and the rest denied',
      rules: [
        'cde-namespace-without-default-deny',
        'cde-workload-reachable-from-outside-cde',
        'cde-workload-reachable-from-any-address',
        'namespace-without-networkpolicy',
        'namespace-without-default-deny-networkpolicy',
        'networkpolicy-allow-all',
        'service-external-ips',
        'host-network',
      ],
    },
    {
      id: '1.3.2',
      title: 'Outbound traffic from the CDE is limited to what is needed, and the rest denied',
      rules: [
        'cde-namespace-without-default-deny',
        'cde-egress-unrestricted',
        'namespace-without-default-deny-networkpolicy',
        'networkpolicy-allow-all',
        'metadata-api-not-blocked',
      ],
    },
    {
      id: '1.4.1',
      title: 'Network security controls stand between trusted and untrusted networks',
      rules: ['cde-workload-exposed-externally', 'cde-workload-reachable-from-any-address', 'loadbalancer-without-source-ranges'],
    },
    {
      id: '1.4.2',
      title: 'Inbound traffic from untrusted networks reaches only authorized public-facing components',
      rules: [
        'cde-workload-exposed-externally',
        'cde-workload-reachable-from-any-address',
        'loadbalancer-without-source-ranges',
        'service-external-ips',
        'host-network',
        'host-port',
        'controller-manager-bind-address-not-loopback',
        'scheduler-bind-address-not-loopback',
      ],
    },
    {
      id: '1.4.4',
      title: 'Components that store cardholder data are not reachable directly from untrusted networks',
      rules: ['cde-workload-exposed-externally', 'cde-workload-reachable-from-any-address'],
    },

    // Requirement 2: secure configurations
    {
      id: '2.2.1',
      title: 'Configuration standards cover every system component and follow industry hardening guidance',
      assessment: 'manual',
      rules: ['namespace-pod-security-level', 'pod-security-admission-rejected'],
      note: 'The standards are documents; enforcing a Pod Security Standard on every namespace is evidence of applying one.',
    },
    {
      id: '2.2.2',
      title: 'Vendor default accounts are disabled, removed or secured',
      rules: ['default-service-account-used'],
    },
    {
      id: '2.2.3',
      title: 'Functions of different security levels are kept apart',
      rules: ['cde-workload-in-shared-namespace', 'cde-workload-shares-nodes', 'workload-in-default-namespace'],
    },
    {
      id: '2.2.4',
      title: 'Only needed services, protocols and functions are enabled',
      rules: [
        'ssh-port-exposed',
        'exposed-dashboard',
        'apiserver-profiling-enabled',
        'controller-manager-profiling-enabled',
        'scheduler-profiling-enabled',
        'controller-manager-bind-address-not-loopback',
        'scheduler-bind-address-not-loopback',
        'kube-proxy-metrics-bind-address-not-loopback',
        'kubelet-read-only-port',
      ],
    },
    {
      id: '2.2.5',
      title: 'Insecure services that remain are justified and protected',
      rules: ['kubelet-read-only-port', 'ssh-port-exposed'],
    },
    {
      id: '2.2.6',
      title: 'System security parameters are set to prevent misuse',
      rules: [
        'privileged-container',
        'host-pid',
        'host-ipc',
        'allow-privilege-escalation',
        'run-as-non-root-missing',
        'run-as-user-zero',
        'capabilities-not-drop-all',
        'capability-net-raw',
        'capabilities-added-beyond-baseline',
        'capabilities-added-beyond-restricted',
        'windows-host-process',
        'host-path-volume',
        'container-runtime-socket-mount',
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
        'apiserver-always-admit-enabled',
        'apiserver-always-pull-images-missing',
        'apiserver-event-rate-limit-missing',
        'apiserver-namespace-lifecycle-disabled',
        'apiserver-node-restriction-missing',
        'apiserver-service-account-plugin-disabled',
        'apiserver-deny-service-external-ips-missing',
        'apiserver-image-policy-webhook-missing',
        'controller-manager-root-ca-missing',
        'controller-manager-service-account-credentials-disabled',
        'controller-manager-service-account-private-key-missing',
        'controller-manager-terminated-pod-gc-threshold-missing',
        'controller-manager-kubelet-server-cert-rotation-disabled',
        'kubelet-iptables-util-chains-disabled',
        'kubelet-hostname-override',
        'kubelet-streaming-idle-timeout-disabled',
        'kubelet-pod-pids-unlimited',
        'kubelet-seccomp-default-disabled',
      ],
    },
    {
      id: '2.2.7',
      title: 'Non-console administrative access is encrypted with strong cryptography',
      rules: [
        'apiserver-tls-cert-missing',
        'apiserver-client-ca-missing',
        'apiserver-kubelet-ca-missing',
        'apiserver-kubelet-client-cert-missing',
        'apiserver-etcd-ca-missing',
        'apiserver-etcd-client-cert-missing',
        'apiserver-weak-tls-cipher-suites',
        'etcd-client-tls-missing',
        'etcd-peer-tls-missing',
        'etcd-client-cert-auth-disabled',
        'etcd-peer-client-cert-auth-disabled',
        'etcd-auto-tls-enabled',
        'etcd-peer-auto-tls-enabled',
        'etcd-ca-shared-with-apiserver',
        'kubelet-tls-cert-missing',
        'kubelet-client-ca-missing',
        'kubelet-server-cert-rotation-disabled',
        'kubelet-client-cert-rotation-disabled',
        'kubelet-weak-tls-cipher-suites',
      ],
    },

    // Requirement 3: stored account data
    {
      id: '3.2.1',
      title: 'Stored account data is kept to the minimum that retention policies allow',
      assessment: 'manual',
      rules: ['pan-in-manifest'],
      note: 'Retention and disposal are processes over the data stores; a card number in a manifest is account data stored outside them.',
    },
    {
      id: '3.3.1',
      title: 'Sensitive authentication data is not kept after authorization',
      assessment: 'manual',
      note: 'Card verification codes and PINs cannot be told apart from other short numbers in files; pan-in-manifest reports full track data it finds as a card number.',
    },
    {
      id: '3.5.1',
      title: 'Card numbers are unreadable wherever they are stored',
      rules: ['pan-in-manifest', 'apiserver-encryption-config-missing', 'encryption-provider-weak'],
    },

    // Requirement 4: transmission over open networks
    {
      id: '4.2.1',
      title: 'Card numbers crossing open, public networks are protected by strong cryptography',
      rules: ['cde-ingress-without-tls', 'cde-mesh-mtls-not-strict', 'cde-service-plain-http'],
    },

    // Requirement 6: secure systems and software
    {
      id: '6.3.1',
      title: 'Security vulnerabilities are identified and ranked',
      assessment: 'not-static',
      note: 'Vulnerabilities are found by scanning the images and tracking advisories; manifests only name the images.',
    },
    {
      id: '6.3.2',
      title: 'An inventory of bespoke and third-party software components is kept',
      rules: ['image-tag-latest-or-missing', 'image-not-pinned-by-digest', 'cde-image-from-unapproved-registry'],
    },
    {
      id: '6.3.3',
      title: 'Known vulnerabilities are patched, critical ones within a month',
      assessment: 'not-static',
      note: 'Whether an image carries the patches is in its contents and the registry, not in the manifest.',
    },
    {
      id: '6.4.1',
      title: 'Public-facing web applications are protected against known attacks',
      assessment: 'manual',
      note: 'Application reviews and web application firewalls are outside the manifests; cde-workload-exposed-externally lists the public-facing CDE components to cover.',
    },
    {
      id: '6.5.3',
      title: 'Pre-production environments are separated from production',
      assessment: 'manual',
      note: 'Separate clusters or namespaces with separate access; which manifests are pre-production is known to the team, not the files.',
    },
    {
      id: '6.5.4',
      title: 'Production and pre-production roles are separated',
      assessment: 'manual',
      note: 'Who deploys where is set in RBAC and CI permissions across environments; a single set of manifests cannot show it.',
    },
    {
      id: '6.5.5',
      title: 'Live card numbers are not used in pre-production',
      rules: ['pan-in-manifest'],
    },
    {
      id: '6.5.6',
      title: 'Test data and accounts are removed before going to production',
      assessment: 'manual',
      note: 'Test data lives in databases and applications; published test card numbers are ignored by pan-in-manifest on purpose.',
    },

    // Requirement 7: access by need to know
    {
      id: '7.2.1',
      title: 'An access control model is defined',
      assessment: 'manual',
      rules: ['cluster-admin-binding'],
      note: 'The model is a document; bindings of cluster-admin are evidence that access is not granted by it.',
    },
    {
      id: '7.2.2',
      title: 'Access, privileged access included, follows least privilege',
      rules: [
        'cluster-admin-binding',
        'rbac-wildcard',
        'rbac-secrets-read',
        'rbac-create-pods',
        'rbac-escalate-bind-impersonate',
        'rbac-create-persistentvolumes',
        'rbac-webhook-config-write',
        'rbac-nodes-proxy-access',
        'rbac-csr-approval',
        'rbac-create-serviceaccount-token',
        'cde-secrets-readable',
        'cde-pods-exec-allowed',
        'cde-pods-creatable',
      ],
    },
    {
      id: '7.2.5',
      title: 'Application and system accounts have only the access they need',
      rules: ['service-account-token-automount', 'default-service-account-used'],
    },
    {
      id: '7.2.5.1',
      title: 'Access of application and system accounts is reviewed periodically',
      assessment: 'manual',
      note: 'A review on a schedule set by risk analysis; files show the state, not the review.',
    },
    {
      id: '7.2.6',
      title: 'Direct query access to cardholder data stores is restricted',
      rules: ['rbac-pods-exec', 'rbac-secrets-read', 'cde-secrets-readable', 'cde-pods-exec-allowed'],
    },
    {
      id: '7.3.1',
      title: 'An access control system restricts access on a need-to-know basis',
      rules: ['apiserver-authorization-always-allow', 'apiserver-authorization-rbac-missing', 'kubelet-authorization-always-allow'],
    },
    {
      id: '7.3.2',
      title: 'The access control system enforces privileges by job function',
      rules: ['apiserver-authorization-rbac-missing', 'apiserver-authorization-node-missing', 'apiserver-node-restriction-missing'],
    },
    {
      id: '7.3.3',
      title: 'The access control system denies all by default',
      rules: ['apiserver-anonymous-auth', 'kubelet-anonymous-auth', 'rbac-anonymous-or-all-authenticated', 'apiserver-authorization-always-allow'],
    },

    // Requirement 8: identification and authentication
    {
      id: '8.2.1',
      title: 'Every user has a unique ID',
      rules: ['apiserver-token-auth-file', 'apiserver-anonymous-auth', 'kubelet-anonymous-auth'],
    },
    {
      id: '8.2.2',
      title: 'Shared and generic accounts are used only by exception',
      rules: ['rbac-system-masters-subject', 'rbac-anonymous-or-all-authenticated', 'default-service-account-used'],
    },
    {
      id: '8.3.2',
      title: 'Authentication factors are unreadable in transit and at rest',
      rules: ['apiserver-token-auth-file', 'apiserver-encryption-config-missing', 'encryption-provider-weak', 'audit-policy-logs-sensitive-payloads'],
    },
    {
      id: '8.6.1',
      title: 'Interactive use of system and application accounts is controlled',
      rules: ['legacy-service-account-token-secret', 'rbac-pods-exec', 'cde-pods-exec-allowed'],
    },
    {
      id: '8.6.2',
      title: 'No passwords are hard-coded in scripts, configuration or source',
      rules: ['hardcoded-credential'],
    },
    {
      id: '8.6.3',
      title: 'Passwords of system and application accounts are protected against misuse',
      rules: [
        'service-account-token-automount',
        'legacy-service-account-token-secret',
        'apiserver-service-account-token-extended-expiry',
        'apiserver-service-account-lookup-disabled',
        'apiserver-service-account-key-file-missing',
        'secret-in-env-var',
      ],
    },

    // Requirement 10: logging
    {
      id: '10.2.1',
      title: 'Audit logs are enabled and active',
      rules: ['apiserver-audit-policy-file-missing', 'apiserver-audit-log-path-missing', 'audit-policy-logs-nothing', 'cde-access-not-audited'],
    },
    {
      id: '10.2.1.1',
      title: 'Audit logs record individual access to cardholder data',
      rules: ['cde-access-not-audited', 'audit-policy-missing-key-resources', 'audit-policy-logs-nothing', 'apiserver-audit-policy-file-missing'],
    },
    {
      id: '10.2.1.2',
      title: 'Audit logs record every action of administrators',
      rules: ['cde-access-not-audited', 'audit-policy-missing-key-resources', 'audit-policy-logs-nothing', 'apiserver-audit-policy-file-missing'],
    },
    {
      id: '10.2.1.3',
      title: 'Audit logs record access to the audit logs',
      assessment: 'not-static',
      note: 'The API server writes its audit log to a file or a webhook; who reads them is recorded by the host or the log store.',
    },
    {
      id: '10.2.1.4',
      title: 'Audit logs record invalid access attempts',
      rules: ['audit-policy-logs-nothing', 'apiserver-audit-policy-file-missing'],
    },
    {
      id: '10.2.1.5',
      title: 'Audit logs record changes to credentials and privileges',
      assessment: 'manual',
      rules: ['audit-policy-logs-nothing', 'apiserver-audit-policy-file-missing'],
      note: 'No rule yet checks that the audit policy covers RBAC objects, service accounts, tokens and certificate signing requests; read the policy.',
    },
    {
      id: '10.2.1.6',
      title: 'Audit logs record the start, stop and pause of audit logging',
      assessment: 'not-static',
      note: 'Starting and stopping the API server and its log backends shows in host and log-pipeline records.',
    },
    {
      id: '10.2.1.7',
      title: 'Audit logs record creation and deletion of system-level objects',
      assessment: 'manual',
      rules: ['audit-policy-logs-nothing', 'apiserver-audit-policy-file-missing'],
      note: 'No rule yet checks that the audit policy covers namespaces, custom resource definitions and admission webhooks; read the policy.',
    },
    {
      id: '10.3.1',
      title: 'Read access to audit logs is limited to a job-related need',
      assessment: 'not-static',
      note: 'File permissions on the control-plane nodes and access to the log store.',
    },
    {
      id: '10.3.2',
      title: 'Audit logs are protected from modification',
      assessment: 'not-static',
      note: 'File permissions on the control-plane nodes and immutability of the log store.',
    },
    {
      id: '10.3.3',
      title: 'Audit logs are promptly backed up to a central store that is hard to alter',
      assessment: 'manual',
      note: 'An audit webhook or a log shipper sends them away; where they land and how it is protected is attested, not read from manifests.',
    },
    {
      id: '10.3.4',
      title: 'Changes to existing audit logs raise alerts',
      assessment: 'not-static',
      note: 'File integrity monitoring runs on the nodes or in the log store.',
    },
    {
      id: '10.5.1',
      title: 'Audit logs are kept for twelve months, the last three at hand',
      assessment: 'manual',
      rules: ['apiserver-audit-log-maxage-low', 'apiserver-audit-log-maxbackup-low', 'apiserver-audit-log-maxsize-low'],
      note: 'Retention is normally a property of the central log store; local audit files alone would need --audit-log-maxage of 365 or more.',
    },

    // Requirement 11: testing
    {
      id: '11.4.5',
      title: 'Segmentation controls are tested at least yearly',
      assessment: 'manual',
      rules: ['cde-namespace-without-default-deny', 'cde-workload-in-shared-namespace', 'cde-workload-reachable-from-outside-cde'],
      note: 'Penetration tests of segmentation are performed on the running network; missing CDE isolation in the manifests is evidence against it.',
    },
    {
      id: '11.5.1',
      title: 'Intrusions into the network are detected or prevented',
      assessment: 'not-static',
      note: 'Detection runs in the cluster (a runtime security agent) or the network; its presence and alerting are checked live.',
    },
    {
      id: '11.5.2',
      title: 'Unauthorized changes to critical files raise alerts',
      assessment: 'manual',
      rules: ['read-only-root-filesystem', 'writable-host-path', 'image-not-pinned-by-digest'],
      note: 'Change detection itself runs on the nodes; writable root file systems and host paths, and images that can change under a tag, are evidence against.',
    },

    // Requirement 12: scope
    {
      id: '12.5.1',
      title: 'An inventory of in-scope system components is kept current',
      assessment: 'manual',
      note: "kubecomply names the CDE workloads and namespaces in its findings; the inventory itself, with each component's function, is kept by the team.",
    },
    {
      id: '12.5.2',
      title: 'PCI DSS scope is documented and confirmed yearly and after significant changes',
      assessment: 'manual',
      note: 'Confirm that the pci.scope selectors (or the pci-scope labels and CDE namespace names) cover the whole CDE.',
    },
  ],
  unsuppressible: ['pan-in-manifest', 'cde-namespace-without-default-deny', 'cde-ingress-without-tls'],
});
