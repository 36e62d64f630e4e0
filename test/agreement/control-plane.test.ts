// @requires ../shared: reads the third-party corpus in ../shared/corpus.
/**
 * Agreement with kubescape (regolibrary) and checkov on the CIS control-plane
 * and kubelet rules (CIS Kubernetes Benchmark v1.12 sections 1 to 4).
 *
 * For every regolibrary rule and checkov check that one of our rules covers,
 * the other tool's own test inputs (copied to ../shared/corpus) are linted
 * with the covering rules only, and the verdicts are compared:
 *
 * - regolibrary: per test case, its verdict (fail when expected.json holds an
 *   alert) and its number of alerts, against the number of input resources
 *   we fail (each input holds one Pod);
 * - checkov: per resource, read from the file-name convention (`PASSED` /
 *   `FAILED` in the path), the namespace convention (`should-pass` /
 *   `should-fail`) or the resource lists EXPECTED.tsv gives; the test first
 *   checks that these add up to checkov's own passed/failed counts.
 *
 * Every disagreement must be listed in KNOWN with a reason; a listed one that
 * no longer happens fails the test too, so the list stays true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter, type LintResult } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const regolibraryDir = path.join(corpus, 'control-plane/regolibrary');
const checkovDir = path.join(corpus, 'checkov');

type Verdict = 'pass' | 'fail';

/** regolibrary rule -> our rules that decide the same recommendation. */
const REGOLIBRARY: Readonly<Record<string, readonly string[]>> = {
  'ensure-that-the-api-server-anonymous-auth-argument-is-set-to-false': ['apiserver-anonymous-auth'],
  'ensure-that-the-api-server-token-auth-file-parameter-is-not-set': ['apiserver-token-auth-file'],
  'ensure-that-the-api-server-DenyServiceExternalIPs-is-set': ['apiserver-deny-service-external-ips-missing'],
  'ensure-that-the-api-server-DenyServiceExternalIPs-is-not-set': ['apiserver-deny-service-external-ips-missing'],
  'ensure-that-the-api-server-kubelet-client-certificate-and-kubelet-client-key-arguments-are-set-as-appropriate': ['apiserver-kubelet-client-cert-missing'],
  'ensure-that-the-api-server-kubelet-certificate-authority-argument-is-set-as-appropriate': ['apiserver-kubelet-ca-missing'],
  'ensure-that-the-api-server-authorization-mode-argument-is-not-set-to-AlwaysAllow': ['apiserver-authorization-always-allow'],
  'ensure-that-the-api-server-authorization-mode-argument-includes-Node': ['apiserver-authorization-node-missing'],
  'ensure-that-the-api-server-authorization-mode-argument-includes-RBAC': ['apiserver-authorization-rbac-missing'],
  'rbac-enabled-native': ['apiserver-authorization-rbac-missing'],
  'ensure-that-the-admission-control-plugin-EventRateLimit-is-set': ['apiserver-event-rate-limit-missing'],
  'ensure-that-the-admission-control-plugin-AlwaysAdmit-is-not-set': ['apiserver-always-admit-enabled'],
  'ensure-that-the-admission-control-plugin-AlwaysPullImages-is-set': ['apiserver-always-pull-images-missing'],
  'ensure-that-the-admission-control-plugin-ServiceAccount-is-set': ['apiserver-service-account-plugin-disabled'],
  'ensure-that-the-admission-control-plugin-NamespaceLifecycle-is-set': ['apiserver-namespace-lifecycle-disabled'],
  'ensure-that-the-admission-control-plugin-NodeRestriction-is-set': ['apiserver-node-restriction-missing'],
  'ensure-that-the-api-server-profiling-argument-is-set-to-false': ['apiserver-profiling-enabled'],
  'ensure-that-the-api-server-audit-log-path-argument-is-set': ['apiserver-audit-log-path-missing'],
  'ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate': ['apiserver-audit-log-maxage-low'],
  'ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate': ['apiserver-audit-log-maxbackup-low'],
  'ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate': ['apiserver-audit-log-maxsize-low'],
  'ensure-that-the-api-server-service-account-lookup-argument-is-set-to-true': ['apiserver-service-account-lookup-disabled'],
  'ensure-that-the-api-server-service-account-key-file-argument-is-set-as-appropriate': ['apiserver-service-account-key-file-missing'],
  'ensure-that-the-api-server-etcd-certfile-and-etcd-keyfile-arguments-are-set-as-appropriate': ['apiserver-etcd-client-cert-missing'],
  'ensure-that-the-api-server-tls-cert-file-and-tls-private-key-file-arguments-are-set-as-appropriate': ['apiserver-tls-cert-missing'],
  'ensure-that-the-api-server-client-ca-file-argument-is-set-as-appropriate': ['apiserver-client-ca-missing'],
  'ensure-that-the-api-server-etcd-cafile-argument-is-set-as-appropriate': ['apiserver-etcd-ca-missing'],
  'ensure-that-the-api-server-encryption-provider-config-argument-is-set-as-appropriate': ['apiserver-encryption-config-missing'],
  'etcd-encryption-native': ['apiserver-encryption-config-missing'],
  'ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers': ['apiserver-weak-tls-cipher-suites'],
  'ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers-cis1-10': ['apiserver-weak-tls-cipher-suites'],
  'ensure-that-the-api-server-service-account-extend-token-expiration-is-set-to-false': ['apiserver-service-account-token-extended-expiry'],
  'ensure-that-the-controller-manager-terminated-pod-gc-threshold-argument-is-set-as-appropriate': ['controller-manager-terminated-pod-gc-threshold-missing'],
  'ensure-that-the-controller-manager-profiling-argument-is-set-to-false': ['controller-manager-profiling-enabled'],
  'ensure-that-the-controller-manager-use-service-account-credentials-argument-is-set-to-true': ['controller-manager-service-account-credentials-disabled'],
  'ensure-that-the-controller-manager-service-account-private-key-file-argument-is-set-as-appropriate': [
    'controller-manager-service-account-private-key-missing',
  ],
  'ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate': ['controller-manager-root-ca-missing'],
  'ensure-that-the-controller-manager-RotateKubeletServerCertificate-argument-is-set-to-true': ['controller-manager-kubelet-server-cert-rotation-disabled'],
  'ensure-that-the-controller-manager-bind-address-argument-is-set-to-127.0.0.1': ['controller-manager-bind-address-not-loopback'],
  'ensure-that-the-scheduler-profiling-argument-is-set-to-false': ['scheduler-profiling-enabled'],
  'ensure-that-the-scheduler-bind-address-argument-is-set-to-127.0.0.1': ['scheduler-bind-address-not-loopback'],
  'etcd-tls-enabled': ['etcd-client-tls-missing'],
  'etcd-client-auth-cert': ['etcd-client-cert-auth-disabled'],
  'etcd-auto-tls-disabled': ['etcd-auto-tls-enabled'],
  'etcd-peer-tls-enabled': ['etcd-peer-tls-missing'],
  'etcd-peer-client-auth-cert': ['etcd-peer-client-cert-auth-disabled'],
  'etcd-peer-auto-tls-disabled': ['etcd-peer-auto-tls-enabled'],
  'etcd-unique-ca': ['etcd-ca-shared-with-apiserver'],
  'k8s-audit-logs-enabled-native': ['apiserver-audit-policy-file-missing'],
  'k8s-audit-logs-enabled-native-cis': ['apiserver-audit-policy-file-missing'],
};

/** regolibrary rules left out, and why: none of our rules decides what they check. */
const REGOLIBRARY_NOT_COVERED: Readonly<Record<string, string>> = {
  'ensure-that-the-api-server-request-timeout-argument-is-set-as-appropriate':
    'CIS 1.2.20 is a judgement (manual in our catalog); regolibrary fails any value set, even the 300s CIS suggests',
  'ensure-that-the-api-server-secure-port-argument-is-not-set-to-0': 'not a CIS v1.12 recommendation',
  'ensure-that-the-admission-control-plugin-SecurityContextDeny-is-set-if-PodSecurityPolicy-is-not-used':
    'not in CIS v1.12; SecurityContextDeny was removed in Kubernetes 1.30',
  'insecure-port-flag': 'not in CIS v1.12; --insecure-port was removed in Kubernetes 1.24',
  'psp-enabled-native': 'not in CIS v1.12; PodSecurityPolicy was removed in Kubernetes 1.25',
};

/** checkov check -> our rules that decide the same recommendation. */
const CHECKOV: Readonly<Record<string, readonly string[]>> = {
  CKV_K8S_68: ['apiserver-anonymous-auth'],
  CKV_K8S_70: ['apiserver-token-auth-file'],
  CKV_K8S_72: ['apiserver-kubelet-client-cert-missing'],
  CKV_K8S_73: ['apiserver-kubelet-ca-missing'],
  CKV_K8S_74: ['apiserver-authorization-always-allow'],
  CKV_K8S_75: ['apiserver-authorization-node-missing'],
  CKV_K8S_77: ['apiserver-authorization-rbac-missing'],
  CKV_K8S_78: ['apiserver-event-rate-limit-missing'],
  CKV_K8S_79: ['apiserver-always-admit-enabled'],
  CKV_K8S_80: ['apiserver-always-pull-images-missing'],
  CKV_K8S_82: ['apiserver-service-account-plugin-disabled'],
  CKV_K8S_83: ['apiserver-namespace-lifecycle-disabled'],
  CKV_K8S_85: ['apiserver-node-restriction-missing'],
  CKV_K8S_90: ['apiserver-profiling-enabled'],
  CKV_K8S_91: ['apiserver-audit-log-path-missing'],
  CKV_K8S_92: ['apiserver-audit-log-maxage-low'],
  CKV_K8S_93: ['apiserver-audit-log-maxbackup-low'],
  CKV_K8S_94: ['apiserver-audit-log-maxsize-low'],
  CKV_K8S_96: ['apiserver-service-account-lookup-disabled'],
  CKV_K8S_97: ['apiserver-service-account-key-file-missing'],
  CKV_K8S_99: ['apiserver-etcd-client-cert-missing'],
  CKV_K8S_100: ['apiserver-tls-cert-missing'],
  CKV_K8S_102: ['apiserver-etcd-ca-missing'],
  CKV_K8S_104: ['apiserver-encryption-config-missing'],
  CKV_K8S_105: ['apiserver-weak-tls-cipher-suites'],
  CKV_K8S_106: ['controller-manager-terminated-pod-gc-threshold-missing'],
  CKV_K8S_107: ['controller-manager-profiling-enabled'],
  CKV_K8S_108: ['controller-manager-service-account-credentials-disabled'],
  CKV_K8S_110: ['controller-manager-service-account-private-key-missing'],
  CKV_K8S_111: ['controller-manager-root-ca-missing'],
  CKV_K8S_112: ['controller-manager-kubelet-server-cert-rotation-disabled', 'kubelet-server-cert-rotation-disabled'],
  CKV_K8S_113: ['controller-manager-bind-address-not-loopback'],
  CKV_K8S_114: ['scheduler-profiling-enabled'],
  CKV_K8S_115: ['scheduler-bind-address-not-loopback'],
  CKV_K8S_116: ['etcd-client-tls-missing'],
  CKV_K8S_117: ['etcd-client-cert-auth-disabled'],
  CKV_K8S_118: ['etcd-auto-tls-enabled'],
  CKV_K8S_119: ['etcd-peer-tls-missing'],
  CKV_K8S_121: ['etcd-peer-client-cert-auth-disabled'],
  CKV_K8S_138: ['kubelet-anonymous-auth'],
  CKV_K8S_139: ['kubelet-authorization-always-allow'],
  CKV_K8S_140: ['kubelet-client-ca-missing'],
  CKV_K8S_141: ['kubelet-read-only-port'],
  CKV_K8S_143: ['kubelet-streaming-idle-timeout-disabled'],
  CKV_K8S_145: ['kubelet-iptables-util-chains-disabled'],
  CKV_K8S_146: ['kubelet-hostname-override'],
  CKV_K8S_148: ['kubelet-tls-cert-missing'],
  CKV_K8S_149: ['kubelet-client-cert-rotation-disabled'],
  CKV_K8S_151: ['kubelet-weak-tls-cipher-suites'],
};

/** checkov control-plane checks left out, and why. */
const CHECKOV_NOT_COVERED: Readonly<Record<string, string>> = {
  CKV_K8S_69: 'not in CIS v1.12; --basic-auth-file was removed in Kubernetes 1.19',
  CKV_K8S_71: 'not in CIS v1.12; --kubelet-https was removed in Kubernetes 1.20',
  CKV_K8S_81: 'not in CIS v1.12; SecurityContextDeny was removed in Kubernetes 1.30',
  CKV_K8S_84: 'not in CIS v1.12; PodSecurityPolicy was removed in Kubernetes 1.25',
  CKV_K8S_86: 'not in CIS v1.12; --insecure-bind-address was removed in Kubernetes 1.24',
  CKV_K8S_88: 'not in CIS v1.12; --insecure-port was removed in Kubernetes 1.24',
  CKV_K8S_89: 'not a CIS v1.12 recommendation',
  CKV_K8S_95: 'CIS 1.2.20 is a judgement (manual in our catalog)',
  CKV_K8S_144: 'not in CIS v1.12 (protect-kernel-defaults was dropped from section 4.2)',
  CKV_K8S_147: 'CIS 4.2.8 is a judgement (manual in our catalog): every eventRecordQPS is valid',
};

/**
 * Disagreements and why they are right for us. Keys: `regolibrary <rule>/<case>`
 * or `checkov <check> <file>#<resource>`.
 */
const SPLIT_ITEM =
  'the flag is written inside another list item ("--a=x --b=y" as one string); Kubernetes passes each item as one argument, so the component reads it as part of the other flag\'s value and never sees this flag';
const AUDIT_DEFAULT = (what: string) =>
  `the flag is not set; the API server then passes 0 to its log library, which means ${what}, so the CIS value is met (regolibrary and checkov fail a missing flag)`;
const NO_COMMAND =
  "the container has no command, only flags in args, so what runs is the image's entrypoint, which the manifest does not show; we recognise a component by its executable, checkov by the image name (b.gcr.io/kuar/etcd)";
const OLDER_PLUGIN_CHECK =
  'the plugin is on by default and only --disable-admission-plugins can turn it off (CIS v1.12 checks that flag); checkov follows older CIS versions that required it in --enable-admission-plugins';
const KNOWN: Readonly<Record<string, string>> = {
  'regolibrary ensure-that-the-api-server-token-auth-file-parameter-is-not-set/failed': `one of the two inputs: ${SPLIT_ITEM}`,
  'regolibrary ensure-that-the-api-server-service-account-lookup-argument-is-set-to-true/failed': `one of the two inputs: ${SPLIT_ITEM}`,
  'regolibrary ensure-that-the-api-server-DenyServiceExternalIPs-is-not-set/failed':
    'this regolibrary rule checks the reverse of CIS v1.12 1.2.3 (older CIS asked for the plugin to be off); we follow v1.12',
  'regolibrary ensure-that-the-api-server-DenyServiceExternalIPs-is-not-set/passed':
    'this regolibrary rule checks the reverse of CIS v1.12 1.2.3; we follow v1.12',
  'regolibrary ensure-that-the-api-server-DenyServiceExternalIPs-is-not-set/rke2-args':
    'this regolibrary rule checks the reverse of CIS v1.12 1.2.3; we follow v1.12',
  'regolibrary ensure-that-the-api-server-DenyServiceExternalIPs-is-not-set/rke2-args-fail':
    'this regolibrary rule checks the reverse of CIS v1.12 1.2.3; we follow v1.12',
  'regolibrary ensure-that-the-admission-control-plugin-EventRateLimit-is-set/passed':
    'EventRateLimit is on but --admission-control-config-file, which CIS 1.2.9 also requires for its limits, is not set',
  'regolibrary ensure-that-the-admission-control-plugin-EventRateLimit-is-set/rke2-args':
    'EventRateLimit is on but --admission-control-config-file, which CIS 1.2.9 also requires for its limits, is not set',
  'regolibrary ensure-that-the-api-server-audit-log-maxage-argument-is-set-to-30-or-as-appropriate/failed': `one of the two inputs: ${AUDIT_DEFAULT('no file is deleted because of its age')}`,
  'regolibrary ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate/failed':
    'one input sets --audit-log-maxbackup=10, which CIS 1.2.18 accepts (10 or more; kube-bench agrees) and regolibrary fails; the other leaves it unset, which keeps every rotated file',
  'regolibrary ensure-that-the-api-server-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate/rke2-args':
    'sets --audit-log-maxbackup=10, which CIS 1.2.18 accepts (10 or more; kube-bench agrees) and regolibrary fails',
  'regolibrary ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate/failed':
    'one input sets --audit-log-maxsize=100, which CIS 1.2.19 accepts (100 or more; kube-bench agrees) and regolibrary fails; the other leaves it unset, which rotates at the library default of 100 MB',
  'regolibrary ensure-that-the-api-server-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate/rke2-args':
    'sets --audit-log-maxsize=100, which CIS 1.2.19 accepts (100 or more; kube-bench agrees) and regolibrary fails',
  'regolibrary ensure-that-the-api-server-encryption-provider-config-argument-is-set-as-appropriate/failed':
    "regolibrary also fails its ControlPlaneInfo input, host-scan data of kubescape's own, not a manifest",
  'regolibrary ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers/passed':
    'the list includes CBC suites (e.g. TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA), which CIS v1.12 1.2.29 no longer accepts; regolibrary still uses an older list',
  'regolibrary ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers/rke2-args':
    'the list includes CBC suites, which CIS v1.12 1.2.29 no longer accepts; regolibrary still uses an older list',
  'regolibrary ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers-cis1-10/failed':
    "this variant checks the CIS v1.10 list and fails 2 of the 3 inputs; CIS v1.12 accepts only the listed AEAD suites, so all three fail here (one sets no --tls-cipher-suites, so Go's default list with CBC suites applies)",
  'regolibrary ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers-cis1-10/passed':
    'this variant checks the CIS v1.10 list, which still allowed CBC suites; CIS v1.12 does not',
  'regolibrary ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers-cis1-10/rke2-args':
    'this variant checks the CIS v1.10 list, which still allowed CBC suites; CIS v1.12 does not',
  'regolibrary ensure-that-the-controller-manager-terminated-pod-gc-threshold-argument-is-set-as-appropriate/rke2-args':
    'sets --terminated-pod-gc-threshold=12500 explicitly; CIS 1.3.1 asks only that a threshold be chosen, and regolibrary fails the value because it equals the default',
  'checkov CKV_K8S_78 ApiServerAdmissionControlEventRateLimit-FAILED.yaml#admission-configuration-failed':
    'checkov judges an AdmissionConfiguration file on its own; the rule judges the API server (EventRateLimit enabled and --admission-control-config-file set), since a configuration file alone neither turns a plugin on nor shows it is in use',
  'checkov CKV_K8S_93 ApiServer-FAILED.yaml#kube-apiserver-missing': AUDIT_DEFAULT('every rotated file is kept'),
  'checkov CKV_K8S_94 ApiServer-FAILED.yaml#kube-apiserver-missing': AUDIT_DEFAULT('rotation at the library default of 100 MB'),
  'checkov CKV_K8S_74 ApiServer-PASSED-2.yaml#kube-apiserver-no-mode':
    'no --authorization-mode and no --authorization-config: the API server then uses AlwaysAllow (its documented default), which CIS 1.2.6 forbids; checkov passes a missing flag',
  'checkov CKV_K8S_83 ApiServerNamespaceLifecyclePlugin-FAILED.yaml#kube-apiserver': OLDER_PLUGIN_CHECK,
  'checkov CKV_K8S_82 ApiServerServiceAccountPlugin-FAILED.yaml#kube-apiserver': OLDER_PLUGIN_CHECK,
  'checkov CKV_K8S_97 ApiServerServiceAccountKeyFile-FAILED.yaml#kube-apiserver':
    'the key file is set; checkov also wants its name to end in .pem, which CIS 1.2.22 does not ask (kubeadm uses sa.pub)',
  'checkov CKV_K8S_96 ApiServer-FAILED-2.yaml#kube-apiserver':
    '--service-account-lookup is not set and defaults to true; CIS 1.2.21 accepts it absent (kube-bench agrees), checkov fails it',
  'checkov CKV_K8S_111 ApiServer-FAILED.yaml#kube-controller-manager-no-pem':
    'the root CA file is set; checkov also wants its name to end in .pem, which CIS 1.3.5 does not ask',
  'checkov CKV_K8S_111 ApiServer-PASSED_2.yaml#kube-controller-manager-none':
    '--root-ca-file is not set, which CIS 1.3.5 fails (kube-bench agrees); checkov passes a missing flag',
  'checkov CKV_K8S_110 ApiServer-FAILED.yaml#kube-controller-manager-no-pem':
    'the key file is set; checkov also wants its name to end in .pem, which CIS 1.3.4 does not ask',
  'checkov CKV_K8S_110 ApiServer-PASSED-2.yaml#kube-controller-manager-none':
    '--service-account-private-key-file is not set, which CIS 1.3.4 fails (kube-bench agrees); checkov passes a missing flag',
  'checkov CKV_K8S_121 PeerClientCertAuthTrue-FAILED.yaml#etcd': `${NO_COMMAND}`,
  'checkov CKV_K8S_121 PeerClientCertAuthTrue-FAILED2.yaml#etcd': `${NO_COMMAND}`,
  'checkov CKV_K8S_106 ApiServer-PASSED-2.yaml#kube-controller-manager-default':
    '--terminated-pod-gc-threshold is written with no value, so it sets no threshold (the controller manager rejects it); checkov passes it',
};

interface Row {
  tool: string;
  check: string;
  rules: string;
  units: number;
  agree: number;
  known: number;
  unexpected: number;
}

const rows: Row[] = [];
const problems: string[] = [];
const seenKnown = new Set<string>();

function readTsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const columns = (head as string).split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** Resources (file + identity) that the given rules report on. */
function failedUnits(result: LintResult, rules: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of result.findings) {
    if (!rules.includes(f.ruleId) || !f.resource) continue;
    out.add(`${f.file}#${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`);
  }
  return out;
}

function lint(rules: readonly string[], cwd: string, files: readonly string[]): LintResult {
  const linter = new Linter({ plugins: [rulesCis], rules, cwd });
  return linter.lintPaths(files);
}

function compare(tool: string, check: string, rules: readonly string[], units: { key: string; ours: string; theirs: string }[]): string[] {
  const unexpected: string[] = [];
  let agree = 0;
  let known = 0;
  for (const unit of units) {
    if (unit.ours === unit.theirs) {
      agree++;
      continue;
    }
    if (KNOWN[unit.key]) {
      known++;
      seenKnown.add(unit.key);
      continue;
    }
    unexpected.push(`${unit.key}: we say ${unit.ours}, ${tool} says ${unit.theirs}`);
  }
  rows.push({ tool, check, rules: rules.join(', '), units: units.length, agree, known, unexpected: unexpected.length });
  return unexpected;
}

const regolibraryRows = readTsv(path.join(regolibraryDir, 'EXPECTED.tsv'));
const regolibraryRules = [...new Set(regolibraryRows.map((r) => r['rule'] as string))];

describe('agreement with kubescape regolibrary on control-plane rules', () => {
  it('every regolibrary control-plane rule is covered or listed as not covered', () => {
    const unlisted = regolibraryRules.filter((r) => !REGOLIBRARY[r] && !REGOLIBRARY_NOT_COVERED[r]);
    expect(unlisted).toEqual([]);
  });

  it.each(Object.keys(REGOLIBRARY))('%s', (rule) => {
    const ours = REGOLIBRARY[rule] as readonly string[];
    const units = regolibraryRows
      .filter((r) => r['rule'] === rule)
      .map((r) => {
        const files = (r['input_files'] as string).split(' ').filter((f) => f !== '');
        const verdict = r['verdict'] as Verdict;
        const alerts = Number(r['n_alerts']);
        if (files.length === 0) return undefined;
        const failed = failedUnits(lint(ours, regolibraryDir, files), ours).size;
        const our: Verdict = failed > 0 ? 'fail' : 'pass';
        // A failing case must fail as many inputs as it has alerts; each input holds one Pod.
        return { key: `regolibrary ${rule}/${r['case']}`, ours: `${our} (${failed})`, theirs: `${verdict} (${verdict === 'pass' ? 0 : alerts})` };
      })
      .filter((u): u is { key: string; ours: string; theirs: string } => u !== undefined);
    expect(units.length).toBeGreaterThan(0);
    expect(compare('regolibrary', rule, ours, units)).toEqual([]);
  });
});

const checkovRows = readTsv(path.join(checkovDir, 'EXPECTED.tsv')).filter((r) => CHECKOV[r['check_id'] as string]);

/** Kind.namespace.name, as checkov names resources. */
function checkovId(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}.${namespace ?? 'default'}.${name}`;
}

describe('agreement with checkov on control-plane and kubelet checks', () => {
  it('every checkov control-plane check is covered or listed as not covered', () => {
    const all = readTsv(path.join(checkovDir, 'EXPECTED.tsv'));
    const controlPlane = all.filter((r) =>
      /ApiServer|Etcd|KubeControllerManager|ControllerManager|Kubelet|Kublet|Scheduler|PeerClient|RotateKubelet/.test(r['check_class'] as string),
    );
    const unlisted = controlPlane.map((r) => r['check_id'] as string).filter((id) => !CHECKOV[id] && !CHECKOV_NOT_COVERED[id]);
    expect(unlisted).toEqual([]);
  });

  it.each(checkovRows.map((r) => [r['check_id'] as string, r] as const))('%s', (check, row) => {
    const ours = CHECKOV[check] as readonly string[];
    const folder = row['folder'] as string;
    const dir = path.join(checkovDir, folder);
    const files = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => path.join(folder, f));
    const result = lint(ours, checkovDir, files);
    const failed = failedUnits(result, ours);
    const listedFailed = new Set((row['expected_failed_resources'] as string).split(/\s+/).filter((s) => s !== ''));
    const listedPassed = new Set((row['expected_passed_resources'] as string).split(/\s+/).filter((s) => s !== ''));
    const units: { key: string; ours: string; theirs: string }[] = [];
    for (const resource of result.resources) {
      const id = checkovId(resource.kind, resource.namespace, resource.name);
      let theirs: Verdict | undefined;
      if (listedFailed.has(id)) theirs = 'fail';
      else if (listedPassed.has(id)) theirs = 'pass';
      else if (/UNKNOWN/.test(resource.file)) theirs = undefined;
      else if (resource.namespace === 'should-fail') theirs = 'fail';
      else if (resource.namespace === 'should-pass') theirs = 'pass';
      else if (/FAILED/.test(resource.file)) theirs = 'fail';
      else if (/PASSED/.test(resource.file)) theirs = 'pass';
      const unit = `${resource.file}#${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
      const our: Verdict = failed.has(unit) ? 'fail' : 'pass';
      units.push({ key: `checkov ${check} ${path.basename(resource.file)}#${resource.name}`, ours: our, theirs: theirs ?? 'not evaluated' });
    }
    // The verdicts read from the corpus must add up to checkov's own counts.
    const fails = units.filter((u) => u.theirs === 'fail').length;
    const passes = units.filter((u) => u.theirs === 'pass').length;
    if (fails !== Number(row['failed']) || passes !== Number(row['passed'])) {
      problems.push(`${check}: read ${passes} passed / ${fails} failed, checkov counts ${row['passed']} / ${row['failed']}`);
    }
    expect(problems.filter((p) => p.startsWith(`${check}:`))).toEqual([]);
    // A resource checkov did not evaluate must not be failed by us either.
    const judged = units.map((u) => (u.theirs === 'not evaluated' ? { ...u, theirs: 'pass' } : u));
    expect(compare('checkov', check, ours, judged)).toEqual([]);
  });
});

describe('agreement list', () => {
  it('every known disagreement still happens', () => {
    const stale = Object.keys(KNOWN).filter((k) => !seenKnown.has(k));
    expect(stale).toEqual([]);
  });
});

afterAll(() => {
  const table = [
    '| tool | their check | our rules | units | agree | known disagreements | unexpected |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.tool} | ${r.check} | ${r.rules} | ${r.units} | ${r.agree} | ${r.known} | ${r.unexpected} |`),
  ];
  const total = rows.reduce((a, r) => ({ units: a.units + r.units, agree: a.agree + r.agree, known: a.known + r.known }), { units: 0, agree: 0, known: 0 });
  table.push(`\n${total.agree}/${total.units} units agree; ${total.known} known disagreements (reasons in KNOWN).`);
  table.push(`Not covered: ${Object.keys(REGOLIBRARY_NOT_COVERED).length} regolibrary rules, ${Object.keys(CHECKOV_NOT_COVERED).length} checkov checks.`);
  console.log(table.join('\n'));
});
