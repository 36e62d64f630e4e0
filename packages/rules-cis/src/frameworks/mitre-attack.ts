import { defineFramework, type Control } from '@kubecomply/core';

/**
 * MITRE ATT&CK for Kubernetes as Microsoft's Threat Matrix for Kubernetes
 * lays it out: one control per technique, keyed by Microsoft's MS-TA90xx id,
 * with the ATT&CK technique ids in the title.
 *
 * A technique is not a requirement, so "passed" reads: the files show none
 * of the configuration that lets an attacker use it (a privileged container,
 * a writable hostPath, a role that may exec into pods). Techniques that live
 * only at run time (a shell in a container, a vulnerable application) are
 * not-static; those that depend on intent (is this CronJob a backdoor?) are
 * manual.
 *
 * Rules of @kubecomply/rules-pci (cde-*) are named where they give evidence.
 *
 * The matrix carries no version number: the version names the commit of
 * microsoft/Threat-Matrix-for-Kubernetes the ids were read from.
 */

const technique = (id: string, name: string, attack: string, rules: readonly string[]): Control => ({
  id,
  title: attack ? `${name} (ATT&CK ${attack})` : name,
  rules,
});

const judged = (id: string, name: string, attack: string, assessment: 'manual' | 'not-static', note: string, rules?: readonly string[]): Control => ({
  id,
  title: attack ? `${name} (ATT&CK ${attack})` : name,
  assessment,
  note,
  ...(rules ? { rules } : {}),
});

export default defineFramework({
  id: 'mitre-attack',
  version: 'b885d18',
  title: 'MITRE ATT&CK for Kubernetes (Microsoft Threat Matrix)',
  url: 'https://microsoft.github.io/Threat-Matrix-for-Kubernetes/',
  controls: [
    technique('MS-TA9001', 'Using cloud credentials', 'T1078.004', ['hardcoded-credential']),
    technique('MS-TA9002', 'Compromised image in registry', 'T1195.002, T1525', [
      'image-tag-latest-or-missing',
      'image-not-pinned-by-digest',
      'apiserver-image-policy-webhook-missing',
      'cde-image-from-unapproved-registry',
    ]),
    judged(
      'MS-TA9003',
      'Kubeconfig file',
      'T1552.001',
      'manual',
      'No rule yet looks for kubeconfig content (tokens, client keys) inside Secrets, ConfigMaps or hostPath mounts of admin.conf; review them.',
    ),
    judged(
      'MS-TA9004',
      'Application vulnerability',
      'T1190',
      'not-static',
      'Whether an exposed application is vulnerable takes a scanner or a test; the exposure itself is MS-TA9005.',
    ),
    technique('MS-TA9005', 'Exposed sensitive interfaces', 'T1133', [
      'exposed-dashboard',
      'loadbalancer-without-source-ranges',
      'kubelet-read-only-port',
      'controller-manager-bind-address-not-loopback',
      'scheduler-bind-address-not-loopback',
      'cde-workload-exposed-externally',
      'service-type-nodeport',
    ]),
    technique('MS-TA9006', 'Exec into container', 'T1609', ['rbac-pods-exec']),
    judged(
      'MS-TA9007',
      'Bash or cmd inside container',
      'T1059',
      'not-static',
      'Whether an image ships a shell is in the image, not in the manifest; running one is run-time behaviour.',
    ),
    technique('MS-TA9008', 'New container', 'T1610', ['rbac-create-pods', 'container-runtime-socket-mount']),
    judged('MS-TA9009', 'Application exploit (RCE)', 'T1190', 'not-static', 'Exploiting an application happens at run time.'),
    technique('MS-TA9010', 'SSH server running inside container', '', ['ssh-port-exposed']),
    technique('MS-TA9011', 'Sidecar injection', 'T1610', ['rbac-webhook-config-write']),
    judged(
      'MS-TA9012',
      'Backdoor container',
      'T1543',
      'manual',
      'Whether a DaemonSet or Deployment (in kube-system above all) is expected is a judgement about intent; review the workloads of system namespaces.',
    ),
    technique('MS-TA9013', 'Writable hostPath mount', 'T1611', [
      'writable-host-path',
      'host-path-volume',
      'container-runtime-socket-mount',
      'sensitive-host-path-mount',
    ]),
    judged(
      'MS-TA9014',
      'Kubernetes CronJob',
      'T1053.007',
      'manual',
      'A CronJob is legitimate or not by intent; review the CronJobs in the input, privileged ones first.',
    ),
    technique('MS-TA9015', 'Malicious admission controller', 'T1546', ['rbac-webhook-config-write']),
    technique('MS-TA9016', 'Container service account', 'T1528', [
      'service-account-token-automount',
      'default-service-account-used',
      'legacy-service-account-token-secret',
      'rbac-create-serviceaccount-token',
    ]),
    judged(
      'MS-TA9017',
      'Static pods',
      '',
      'manual',
      "A writable hostPath onto the node's manifest directory is evidence against it; the kubelet's staticPodURL is not checked yet.",
      ['writable-host-path'],
    ),
    technique('MS-TA9018', 'Privileged container', 'T1610, T1611', ['privileged-container', 'capabilities-added-beyond-baseline']),
    technique('MS-TA9019', 'Cluster-admin binding', 'T1078.003, T1098.006', [
      'cluster-admin-binding',
      'rbac-wildcard',
      'rbac-escalate-bind-impersonate',
      'rbac-system-masters-subject',
    ]),
    judged(
      'MS-TA9020',
      'Access cloud resources',
      'T1078.004',
      'manual',
      'Which cloud identity a workload gets (workload-identity annotations, node roles) is set outside the manifests or by provider conventions; review it.',
    ),
    technique('MS-TA9021', 'Clear container logs', 'T1070', ['writable-host-path']),
    judged('MS-TA9022', 'Delete Kubernetes events', 'T1070', 'manual', 'No rule yet flags roles that may delete events; review roles with delete on events.'),
    judged(
      'MS-TA9023',
      'Pod or container name similarity',
      'T1036.005',
      'manual',
      'A name that imitates a system component is a judgement about intent; review workloads in kube-system.',
    ),
    judged('MS-TA9024', 'Connect from proxy server', 'T1090', 'not-static', 'Where requests come from is seen in audit logs, not in manifests.'),
    technique('MS-TA9025', 'List Kubernetes secrets', 'T1552.007', ['rbac-secrets-read']),
    technique('MS-TA9026', 'Mount service principal', 'T1552.001', ['host-path-volume']),
    technique('MS-TA9027', 'Application credentials in configuration files', 'T1552.001', ['hardcoded-credential', 'secret-in-env-var']),
    technique('MS-TA9028', 'Access managed identity credentials', 'T1552.005', ['metadata-api-not-blocked', 'host-network']),
    technique('MS-TA9029', 'Access the Kubernetes API server', 'T1613', ['apiserver-anonymous-auth', 'rbac-anonymous-or-all-authenticated']),
    technique('MS-TA9030', 'Access Kubelet API', 'T1613', [
      'kubelet-anonymous-auth',
      'kubelet-authorization-always-allow',
      'kubelet-read-only-port',
      'rbac-nodes-proxy-access',
    ]),
    technique('MS-TA9031', 'Network mapping', 'T1046', ['capability-net-raw']),
    technique('MS-TA9032', 'Access Kubernetes dashboard', 'T1613', ['exposed-dashboard']),
    technique('MS-TA9033', 'Instance Metadata API', 'T1552.005', ['metadata-api-not-blocked', 'host-network']),
    technique('MS-TA9034', 'Cluster internal networking', 'T1210', [
      'namespace-without-networkpolicy',
      'namespace-without-default-deny-networkpolicy',
      'networkpolicy-allow-all',
      'cde-namespace-without-default-deny',
      'workload-not-isolated-by-networkpolicy',
    ]),
    judged(
      'MS-TA9035',
      'CoreDNS poisoning',
      'T1557',
      'manual',
      'No rule yet flags roles that may write the coredns ConfigMap in kube-system; review roles with write access to ConfigMaps there.',
    ),
    technique('MS-TA9036', 'ARP poisoning and IP spoofing', 'T1557', ['capability-net-raw']),
    judged(
      'MS-TA9037',
      'Images from a private registry',
      'T1530',
      'manual',
      'Who may pull from a private registry is set by registry credentials and node identities outside the manifests.',
    ),
    judged(
      'MS-TA9038',
      'Data destruction',
      'T1485',
      'manual',
      'No rule yet flags broad delete rights on volumes and workloads; review roles with delete or deletecollection.',
    ),
    technique('MS-TA9039', 'Resource hijacking', 'T1496', ['missing-resource-limits']),
    technique('MS-TA9040', 'Denial of service', 'T1498, T1499', ['missing-resource-limits', 'kubelet-pod-pids-unlimited', 'missing-resource-requests']),
  ],
});
