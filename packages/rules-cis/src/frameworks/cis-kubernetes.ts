import { defineFramework, type Control } from '@kubecomply/core';

/**
 * CIS Kubernetes Benchmark v1.12.0: all 131 recommendations, with their
 * profile level (1 or 2) and how this tool can assess each one.
 *
 * - automated: the listed rules decide the control from the files; a finding
 *   fails it, no finding passes it.
 * - manual: a person must decide. Listed rules, if any, only give evidence:
 *   a finding shows the control fails, but no finding does not show it passes.
 * - not-static: the answer is on a running node or cluster (file modes and
 *   owners, the network plugin in use), not in any manifest.
 *
 * Each rule serves one recommendation (or, for section 5, the few that share
 * it), so a finding counts against exactly the control it breaks.
 *
 * Level 1 is the base profile and Level 2 adds to it; the Linter's `level`
 * option (`kubecomply --level 1`) narrows this catalog to Level 1.
 */

const NODE_FILE = 'The file mode and owner live on the node (stat); a manifest does not carry them.';

const notStatic = (id: string, title: string, note = NODE_FILE): Control => ({ id, title, level: 1, assessment: 'not-static', note });

export default defineFramework({
  id: 'cis-kubernetes',
  version: '1.12.0',
  title: 'CIS Kubernetes Benchmark',
  url: 'https://www.cisecurity.org/benchmark/kubernetes',
  controls: [
    // 1.1 Control-plane node configuration files
    notStatic('1.1.1', 'API server Pod manifest is mode 600 or stricter'),
    notStatic('1.1.2', 'API server Pod manifest is owned by root:root'),
    notStatic('1.1.3', 'Controller manager Pod manifest is mode 600 or stricter'),
    notStatic('1.1.4', 'Controller manager Pod manifest is owned by root:root'),
    notStatic('1.1.5', 'Scheduler Pod manifest is mode 600 or stricter'),
    notStatic('1.1.6', 'Scheduler Pod manifest is owned by root:root'),
    notStatic('1.1.7', 'etcd Pod manifest is mode 600 or stricter'),
    notStatic('1.1.8', 'etcd Pod manifest is owned by root:root'),
    notStatic('1.1.9', 'CNI configuration files are mode 600 or stricter'),
    notStatic('1.1.10', 'CNI configuration files are owned by root:root'),
    notStatic('1.1.11', 'etcd data directory is mode 700 or stricter'),
    notStatic('1.1.12', 'etcd data directory is owned by etcd:etcd'),
    notStatic('1.1.13', 'Admin kubeconfig files (admin.conf, super-admin.conf) are mode 600'),
    notStatic('1.1.14', 'Admin kubeconfig files are owned by root:root'),
    notStatic('1.1.15', 'scheduler.conf is mode 600 or stricter'),
    notStatic('1.1.16', 'scheduler.conf is owned by root:root'),
    notStatic('1.1.17', 'controller-manager.conf is mode 600 or stricter'),
    notStatic('1.1.18', 'controller-manager.conf is owned by root:root'),
    notStatic('1.1.19', 'The PKI directory and its files are owned by root:root'),
    notStatic('1.1.20', 'PKI certificate files are mode 644 or stricter'),
    notStatic('1.1.21', 'PKI key files are mode 600'),

    // 1.2 API server
    { id: '1.2.1', level: 1, title: 'Anonymous requests to the API server are refused', rules: ['apiserver-anonymous-auth'], assessment: 'automated' },
    { id: '1.2.2', level: 1, title: 'The API server takes no static token file', rules: ['apiserver-token-auth-file'], assessment: 'automated' },
    {
      id: '1.2.3',
      level: 1,
      title: 'Service external IPs are blocked at admission',
      rules: ['apiserver-deny-service-external-ips-missing'],
      assessment: 'automated',
    },
    {
      id: '1.2.4',
      level: 1,
      title: 'The API server authenticates to kubelets with a client certificate',
      rules: ['apiserver-kubelet-client-cert-missing'],
      assessment: 'automated',
    },
    {
      id: '1.2.5',
      level: 1,
      title: "The API server verifies kubelets' serving certificates",
      rules: ['apiserver-kubelet-ca-missing'],
      assessment: 'automated',
    },
    { id: '1.2.6', level: 1, title: 'The API server does not authorize everything', rules: ['apiserver-authorization-always-allow'], assessment: 'automated' },
    { id: '1.2.7', level: 1, title: 'The Node authorizer is on', rules: ['apiserver-authorization-node-missing'], assessment: 'automated' },
    { id: '1.2.8', level: 1, title: 'The RBAC authorizer is on', rules: ['apiserver-authorization-rbac-missing'], assessment: 'automated' },
    { id: '1.2.9', level: 1, title: 'Event creation is rate limited', rules: ['apiserver-event-rate-limit-missing'], assessment: 'automated' },
    { id: '1.2.10', level: 1, title: 'The AlwaysAdmit admission plugin is off', rules: ['apiserver-always-admit-enabled'], assessment: 'automated' },
    { id: '1.2.11', level: 1, title: 'Images are pulled again for every new pod', rules: ['apiserver-always-pull-images-missing'], assessment: 'automated' },
    {
      id: '1.2.12',
      level: 2,
      title: 'The ServiceAccount admission plugin stays on',
      rules: ['apiserver-service-account-plugin-disabled'],
      assessment: 'automated',
    },
    {
      id: '1.2.13',
      level: 2,
      title: 'The NamespaceLifecycle admission plugin stays on',
      rules: ['apiserver-namespace-lifecycle-disabled'],
      assessment: 'automated',
    },
    { id: '1.2.14', level: 2, title: 'The NodeRestriction admission plugin is on', rules: ['apiserver-node-restriction-missing'], assessment: 'automated' },
    { id: '1.2.15', level: 1, title: 'API server profiling is off', rules: ['apiserver-profiling-enabled'], assessment: 'automated' },
    { id: '1.2.16', level: 1, title: 'The API server writes an audit log file', rules: ['apiserver-audit-log-path-missing'], assessment: 'automated' },
    { id: '1.2.17', level: 1, title: 'Rotated audit logs are kept 30 days or as needed', rules: ['apiserver-audit-log-maxage-low'], assessment: 'automated' },
    {
      id: '1.2.18',
      level: 1,
      title: 'At least 10 rotated audit logs are kept, or as needed',
      rules: ['apiserver-audit-log-maxbackup-low'],
      assessment: 'automated',
    },
    { id: '1.2.19', level: 1, title: 'Audit logs rotate at 100 MB or as needed', rules: ['apiserver-audit-log-maxsize-low'], assessment: 'automated' },
    {
      id: '1.2.20',
      level: 1,
      title: 'The API server request timeout suits the cluster',
      rules: ['apiserver-request-timeout-extreme'],
      assessment: 'manual',
      note: 'The rule flags a --request-timeout of 0, below 5s or above 1h; the default of 60s is fine and a value in between may still not suit the cluster (e.g. 300s for slow connections), so a finding proves failure but no finding does not prove a pass.',
    },
    {
      id: '1.2.21',
      level: 1,
      title: 'Service account tokens are checked against existing service accounts',
      rules: ['apiserver-service-account-lookup-disabled'],
      assessment: 'automated',
    },
    {
      id: '1.2.22',
      level: 1,
      title: 'The API server names the service account verification key',
      rules: ['apiserver-service-account-key-file-missing'],
      assessment: 'automated',
    },
    {
      id: '1.2.23',
      level: 1,
      title: 'The API server authenticates to etcd with a client certificate',
      rules: ['apiserver-etcd-client-cert-missing'],
      assessment: 'automated',
    },
    {
      id: '1.2.24',
      level: 1,
      title: 'The API server serves TLS with its own certificate and key',
      rules: ['apiserver-tls-cert-missing'],
      assessment: 'automated',
    },
    { id: '1.2.25', level: 1, title: 'The API server names a client CA', rules: ['apiserver-client-ca-missing'], assessment: 'automated' },
    { id: '1.2.26', level: 1, title: "The API server verifies etcd's certificate", rules: ['apiserver-etcd-ca-missing'], assessment: 'automated' },
    {
      id: '1.2.27',
      level: 1,
      title: 'Data at rest is encrypted through an encryption configuration',
      rules: ['apiserver-encryption-config-missing'],
      assessment: 'automated',
    },
    { id: '1.2.28', level: 1, title: 'Encryption at rest uses a strong provider', rules: ['encryption-provider-weak'], assessment: 'automated' },
    { id: '1.2.29', level: 1, title: 'The API server offers only strong TLS ciphers', rules: ['apiserver-weak-tls-cipher-suites'], assessment: 'automated' },
    {
      id: '1.2.30',
      level: 1,
      title: 'Service account token lifetimes are not extended',
      rules: ['apiserver-service-account-token-extended-expiry'],
      assessment: 'automated',
    },

    // 1.3 Controller manager
    {
      id: '1.3.1',
      level: 1,
      title: 'Terminated pods are garbage collected at a chosen threshold',
      rules: ['controller-manager-terminated-pod-gc-threshold-missing'],
      assessment: 'automated',
    },
    { id: '1.3.2', level: 1, title: 'Controller manager profiling is off', rules: ['controller-manager-profiling-enabled'], assessment: 'automated' },
    {
      id: '1.3.3',
      level: 1,
      title: 'Each controller uses its own service account',
      rules: ['controller-manager-service-account-credentials-disabled'],
      assessment: 'automated',
    },
    {
      id: '1.3.4',
      level: 1,
      title: 'The controller manager names the service account signing key',
      rules: ['controller-manager-service-account-private-key-missing'],
      assessment: 'automated',
    },
    { id: '1.3.5', level: 1, title: 'Pods receive the root CA for the API server', rules: ['controller-manager-root-ca-missing'], assessment: 'automated' },
    {
      id: '1.3.6',
      level: 1,
      title: 'Kubelet serving certificate rotation is not turned off',
      rules: ['controller-manager-kubelet-server-cert-rotation-disabled'],
      assessment: 'automated',
    },
    {
      id: '1.3.7',
      level: 1,
      title: 'The controller manager listens on loopback only',
      rules: ['controller-manager-bind-address-not-loopback'],
      assessment: 'automated',
    },

    // 1.4 Scheduler
    { id: '1.4.1', level: 1, title: 'Scheduler profiling is off', rules: ['scheduler-profiling-enabled'], assessment: 'automated' },
    { id: '1.4.2', level: 1, title: 'The scheduler listens on loopback only', rules: ['scheduler-bind-address-not-loopback'], assessment: 'automated' },

    // 2 etcd
    { id: '2.1', level: 1, title: 'etcd serves clients over TLS', rules: ['etcd-client-tls-missing'], assessment: 'automated' },
    { id: '2.2', level: 1, title: 'etcd requires client certificates', rules: ['etcd-client-cert-auth-disabled'], assessment: 'automated' },
    { id: '2.3', level: 1, title: 'etcd does not use self-signed client TLS', rules: ['etcd-auto-tls-enabled'], assessment: 'automated' },
    { id: '2.4', level: 1, title: 'etcd peers talk over TLS', rules: ['etcd-peer-tls-missing'], assessment: 'automated' },
    { id: '2.5', level: 1, title: 'etcd requires peer certificates', rules: ['etcd-peer-client-cert-auth-disabled'], assessment: 'automated' },
    { id: '2.6', level: 1, title: 'etcd does not use self-signed peer TLS', rules: ['etcd-peer-auto-tls-enabled'], assessment: 'automated' },
    {
      id: '2.7',
      level: 2,
      title: 'etcd has a CA of its own',
      rules: ['etcd-ca-shared-with-apiserver'],
      assessment: 'manual',
      note: "The rule flags etcd trusting the same file path as the API server's client CA; different paths can still hold the same CA, so a person must compare the certificates.",
    },

    // 3 Control-plane configuration
    {
      id: '3.1.1',
      level: 1,
      title: 'People do not sign in with client certificates',
      assessment: 'manual',
      note: 'Which credentials people use is not in any manifest; check that users sign in through OIDC or another revocable method.',
    },
    {
      id: '3.1.2',
      level: 1,
      title: 'People do not sign in with service account tokens',
      assessment: 'manual',
      note: 'Who uses which service account token is not in any manifest; check that tokens are used by workloads only.',
    },
    {
      id: '3.1.3',
      level: 1,
      title: 'People do not sign in with bootstrap tokens',
      rules: ['bootstrap-token-auth-enabled'],
      assessment: 'manual',
      note: 'The rule reports --enable-bootstrap-token-auth=true and Secrets of type bootstrap.kubernetes.io/token, which are normal for joining nodes; who uses the tokens is not in any manifest, so check that no person does. No finding does not prove a pass.',
    },
    {
      id: '3.2.1',
      level: 1,
      title: 'A minimal audit policy is in place',
      rules: ['apiserver-audit-policy-file-missing', 'audit-policy-logs-nothing'],
      assessment: 'automated',
    },
    {
      id: '3.2.2',
      level: 2,
      title: 'The audit policy covers the key security concerns',
      rules: ['audit-policy-missing-key-resources', 'audit-policy-logs-sensitive-payloads'],
      assessment: 'automated',
    },

    // 4.1 Worker node configuration files
    notStatic('4.1.1', 'kubelet service file is mode 600 or stricter'),
    notStatic('4.1.2', 'kubelet service file is owned by root:root'),
    notStatic('4.1.3', 'kube-proxy kubeconfig is mode 600 or stricter'),
    notStatic('4.1.4', 'kube-proxy kubeconfig is owned by root:root'),
    notStatic('4.1.5', 'kubelet.conf is mode 600 or stricter'),
    notStatic('4.1.6', 'kubelet.conf is owned by root:root'),
    notStatic('4.1.7', 'The client CA file is mode 644 or stricter'),
    notStatic('4.1.8', 'The client CA file is owned by root:root'),
    notStatic('4.1.9', 'The kubelet config.yaml is mode 600 or stricter'),
    notStatic('4.1.10', 'The kubelet config.yaml is owned by root:root'),

    // 4.2 Kubelet
    { id: '4.2.1', level: 1, title: 'Anonymous requests to the kubelet are refused', rules: ['kubelet-anonymous-auth'], assessment: 'automated' },
    { id: '4.2.2', level: 1, title: 'The kubelet does not authorize everything', rules: ['kubelet-authorization-always-allow'], assessment: 'automated' },
    { id: '4.2.3', level: 1, title: 'The kubelet names a client CA', rules: ['kubelet-client-ca-missing'], assessment: 'automated' },
    { id: '4.2.4', level: 1, title: 'The kubelet read-only port is closed', rules: ['kubelet-read-only-port'], assessment: 'automated' },
    { id: '4.2.5', level: 1, title: 'Idle streaming connections time out', rules: ['kubelet-streaming-idle-timeout-disabled'], assessment: 'automated' },
    { id: '4.2.6', level: 1, title: 'The kubelet manages its iptables chains', rules: ['kubelet-iptables-util-chains-disabled'], assessment: 'automated' },
    {
      id: '4.2.7',
      level: 1,
      title: 'The kubelet keeps the node hostname',
      rules: ['kubelet-hostname-override'],
      assessment: 'manual',
      note: '--hostname-override is a flag only, usually set in the systemd unit or kubeadm-flags.env, which are not manifests; the rule sees it only on kubelets run as containers.',
    },
    {
      id: '4.2.8',
      level: 2,
      title: 'Kubelet event recording rate suits the cluster',
      rules: ['kubelet-event-qps-unlimited'],
      assessment: 'manual',
      note: 'The rule flags eventRecordQPS: 0 (--event-qps=0), which removes the limit and can flood the API server and etcd; any positive value may still drop events or be too high, so a finding proves failure but no finding does not prove a pass.',
    },
    { id: '4.2.9', level: 1, title: 'The kubelet serves TLS with a proper certificate', rules: ['kubelet-tls-cert-missing'], assessment: 'automated' },
    { id: '4.2.10', level: 1, title: 'Kubelet client certificate rotation is on', rules: ['kubelet-client-cert-rotation-disabled'], assessment: 'automated' },
    {
      id: '4.2.11',
      level: 1,
      title: 'Kubelet serving certificate rotation is not turned off',
      rules: ['kubelet-server-cert-rotation-disabled'],
      assessment: 'automated',
    },
    { id: '4.2.12', level: 1, title: 'The kubelet offers only strong TLS ciphers', rules: ['kubelet-weak-tls-cipher-suites'], assessment: 'automated' },
    { id: '4.2.13', level: 1, title: 'Pods have a process-count limit', rules: ['kubelet-pod-pids-unlimited'], assessment: 'automated' },
    {
      id: '4.2.14',
      level: 1,
      title: 'Containers get the runtime default seccomp profile',
      rules: ['kubelet-seccomp-default-disabled'],
      assessment: 'automated',
    },

    // 4.3 kube-proxy
    {
      id: '4.3.1',
      level: 1,
      title: 'kube-proxy metrics listen on loopback only',
      rules: ['kube-proxy-metrics-bind-address-not-loopback'],
      assessment: 'automated',
    },

    // 5.1 RBAC and service accounts
    { id: '5.1.1', level: 1, title: 'cluster-admin is bound only where required', rules: ['cluster-admin-binding'], assessment: 'automated' },
    { id: '5.1.2', level: 1, title: 'Few subjects can read Secrets', rules: ['rbac-secrets-read'], assessment: 'automated' },
    { id: '5.1.3', level: 1, title: 'Roles avoid wildcards', rules: ['rbac-wildcard'], assessment: 'automated' },
    { id: '5.1.4', level: 1, title: 'Few subjects can create pods', rules: ['rbac-create-pods'], assessment: 'automated' },
    { id: '5.1.5', level: 1, title: 'Default service accounts are not used', rules: ['default-service-account-used'], assessment: 'automated' },
    {
      id: '5.1.6',
      level: 1,
      title: 'Service account tokens are mounted only where needed',
      rules: ['service-account-token-automount'],
      assessment: 'automated',
    },
    {
      id: '5.1.7',
      level: 1,
      title: 'The system:masters group is avoided',
      rules: ['rbac-system-masters-subject'],
      assessment: 'manual',
      note: 'The rule finds bindings to system:masters; client certificates with O=system:masters are not in any manifest, so a person must check who holds them.',
    },
    { id: '5.1.8', level: 1, title: 'Bind, impersonate and escalate are rarely granted', rules: ['rbac-escalate-bind-impersonate'], assessment: 'automated' },
    { id: '5.1.9', level: 1, title: 'Few subjects can create PersistentVolumes', rules: ['rbac-create-persistentvolumes'], assessment: 'automated' },
    { id: '5.1.10', level: 1, title: 'Few subjects can reach nodes/proxy', rules: ['rbac-nodes-proxy-access'], assessment: 'automated' },
    { id: '5.1.11', level: 1, title: 'Few subjects can approve CSRs', rules: ['rbac-csr-approval'], assessment: 'automated' },
    { id: '5.1.12', level: 1, title: 'Few subjects can change admission webhooks', rules: ['rbac-webhook-config-write'], assessment: 'automated' },
    { id: '5.1.13', level: 1, title: 'Few subjects can create service account tokens', rules: ['rbac-create-serviceaccount-token'], assessment: 'automated' },

    // 5.2 Pod security standards
    {
      id: '5.2.1',
      level: 1,
      title: 'A policy control mechanism is in place',
      rules: ['namespace-pod-security-level'],
      assessment: 'manual',
      note: 'The rule checks Pod Security Admission labels on Namespaces; a cluster may instead rely on a policy engine (Kyverno, Gatekeeper) or admission defaults a person must confirm.',
    },
    { id: '5.2.2', level: 1, title: 'Privileged containers are not admitted', rules: ['privileged-container'], assessment: 'automated' },
    { id: '5.2.3', level: 1, title: 'Containers do not share the host PID namespace', rules: ['host-pid'], assessment: 'automated' },
    { id: '5.2.4', level: 1, title: 'Containers do not share the host IPC namespace', rules: ['host-ipc'], assessment: 'automated' },
    { id: '5.2.5', level: 1, title: 'Containers do not share the host network namespace', rules: ['host-network'], assessment: 'automated' },
    { id: '5.2.6', level: 1, title: 'Privilege escalation is not allowed', rules: ['allow-privilege-escalation'], assessment: 'automated' },
    { id: '5.2.7', level: 2, title: 'Containers do not run as root', rules: ['run-as-non-root-missing', 'run-as-user-zero'], assessment: 'automated' },
    { id: '5.2.8', level: 1, title: 'Containers drop NET_RAW', rules: ['capability-net-raw'], assessment: 'automated' },
    { id: '5.2.9', level: 2, title: 'Containers are not given capabilities', rules: ['capabilities-not-drop-all'], assessment: 'automated' },
    { id: '5.2.10', level: 1, title: 'Windows HostProcess containers are not admitted', rules: ['windows-host-process'], assessment: 'automated' },
    {
      id: '5.2.11',
      level: 1,
      title: 'hostPath volumes are not admitted',
      rules: ['host-path-volume', 'sensitive-host-path-mount'],
      assessment: 'automated',
    },
    { id: '5.2.12', level: 1, title: 'Containers do not use host ports', rules: ['host-port'], assessment: 'automated' },

    // 5.3 Network policies and CNI
    {
      id: '5.3.1',
      level: 1,
      title: 'The network plugin enforces NetworkPolicies',
      assessment: 'not-static',
      note: 'Which network plugin runs, and whether it enforces NetworkPolicy, is known only on the running cluster.',
    },
    {
      id: '5.3.2',
      level: 2,
      title: 'Every namespace has NetworkPolicies',
      rules: [
        'namespace-without-networkpolicy',
        'namespace-without-default-deny-networkpolicy',
        'workload-reachable-from-all-namespaces',
        'workload-not-isolated-by-networkpolicy',
      ],
      assessment: 'automated',
    },

    // 5.4 Secrets management
    { id: '5.4.1', level: 2, title: 'Secrets are mounted as files, not environment variables', rules: ['secret-in-env-var'], assessment: 'automated' },
    {
      id: '5.4.2',
      level: 2,
      title: 'An external secret store is considered',
      rules: ['secret-in-manifest'],
      assessment: 'manual',
      note: 'The rule reports Secrets whose values are written into the manifests; whether Secrets live in an external store (ExternalSecret, SecretProviderClass, a Vault injector) is a design choice a person must review, so a finding proves failure but no finding does not prove a pass.',
    },

    // 5.5 Extensible admission control
    {
      id: '5.5.1',
      level: 2,
      title: 'Image provenance is checked by ImagePolicyWebhook',
      rules: ['apiserver-image-policy-webhook-missing'],
      assessment: 'automated',
    },

    // 5.6 General policies
    {
      id: '5.6.1',
      level: 1,
      title: 'Namespaces separate resources',
      rules: ['workload-without-namespace'],
      assessment: 'manual',
      note: 'The rule finds objects with no explicit namespace; whether the namespaces match the administrative boundaries is for a person to judge.',
    },
    { id: '5.6.2', level: 2, title: 'Pods use the RuntimeDefault seccomp profile', rules: ['seccomp-profile-missing'], assessment: 'automated' },
    { id: '5.6.3', level: 2, title: 'Pods and containers set a security context', rules: ['missing-security-context'], assessment: 'automated' },
    { id: '5.6.4', level: 2, title: 'The default namespace is not used', rules: ['workload-in-default-namespace'], assessment: 'automated' },
  ],
});
