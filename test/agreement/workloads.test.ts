// @requires ../shared: reads the third-party corpus in ../shared/corpus.
/**
 * Agreement with kube-linter and checkov on the workload and network hygiene
 * rules: each covered check's own fixtures are linted with the covering
 * rule(s) only, and verdicts are compared resource by resource.
 *
 * - kube-linter: its fixtures name the objects that must not fire
 *   `dont-fire*`; every other object of a checked kind must fire
 *   (corpus/kube-linter/EXPECTED.tsv gives the report counts).
 * - checkov: corpus/checkov/EXPECTED.tsv gives passed/failed counts per
 *   check. The per-resource verdicts below were read from the fixtures and
 *   their file names; the test first proves they add up to those counts,
 *   then compares them with ours.
 *
 * Every disagreement must be listed with a reason; a listed disagreement
 * that no longer happens fails the test too, so the list stays true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter, definePlugin, defineRule, isWorkload, type Finding, type LintResult } from '@kubecomply/core';
import rulesBestPractices from '@kubecomply/rules-best-practices';
import rulesCis from '@kubecomply/rules-cis';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

type Verdict = 'pass' | 'fail' | 'n/a';
type TheirVerdict = 'pass' | 'fail' | 'unknown';

/** Keeps only the findings that answer the compared check (e.g. the CPU half of missing-resource-limits). */
type FindingFilter = (finding: Finding) => boolean;

const cpuLimit: FindingFilter = (f) => ['cpu', 'limits'].includes(String(f.path[f.path.length - 1]));
/** The findings about one kind of probe (probe-port-not-exposed covers kube-linter's three port checks). */
const probe =
  (field: string): FindingFilter =>
  (f) =>
    f.path.includes(field);
const only =
  (...kinds: string[]) =>
  (kind: string) =>
    kinds.includes(kind);
const cpuRequest: FindingFilter = (f) => ['cpu', 'requests'].includes(String(f.path[f.path.length - 1]));
const memoryRequest: FindingFilter = (f) => ['memory', 'requests'].includes(String(f.path[f.path.length - 1]));
const memoryLimit: FindingFilter = (f) => ['memory', 'limits'].includes(String(f.path[f.path.length - 1]));

interface Disagreement {
  /** `file|Kind/name` or `file|Kind/namespace/name`, as in the table. */
  resource: string;
  ours: Verdict;
  theirs: TheirVerdict;
  reason: string;
}

interface Row {
  tool: 'kube-linter' | 'checkov';
  check: string;
  rules: string[];
  compared: number;
  agreed: number;
  listed: number;
  unexplained: string[];
  stale: string[];
}

const table: Row[] = [];

function lint(inputs: string[], rules: string[]): LintResult {
  const linter = new Linter({ plugins: [rulesCis, rulesBestPractices], rules, cwd: corpus });
  return linter.lintPaths(inputs);
}

/** `file|Kind/name`, or `file|Kind/namespace/name` for objects that name their namespace. */
const keyOf = (file: string, r: { kind: string; name: string; namespace?: string | undefined }) =>
  `${path.basename(file)}|${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** Our verdict on every resource of the run: fail when a kept finding names it, n/a when it is no workload the rules read. */
function ourVerdicts(result: LintResult, filter: FindingFilter, scope: (kind: string) => boolean): Map<string, Verdict> {
  const failing = new Set(result.findings.filter((f) => f.resource && filter(f)).map((f) => keyOf(f.file, f.resource as { kind: string; name: string })));
  const out = new Map<string, Verdict>();
  for (const r of result.resources) {
    const key = keyOf(r.file, r);
    out.set(key, failing.has(key) ? 'fail' : scope(r.kind) ? 'pass' : 'n/a');
  }
  return out;
}

function compare(
  row: Omit<Row, 'compared' | 'agreed' | 'listed' | 'unexplained' | 'stale'>,
  expected: ReadonlyMap<string, TheirVerdict>,
  ours: ReadonlyMap<string, Verdict>,
  disagreements: readonly Disagreement[],
): Row {
  const listed = new Map(disagreements.map((d) => [d.resource, d]));
  const result: Row = { ...row, compared: 0, agreed: 0, listed: 0, unexplained: [], stale: [] };
  for (const [key, theirs] of expected) {
    const mine = ours.get(key);
    if (mine === undefined) {
      result.unexplained.push(`${key}: not among the resources we read`);
      continue;
    }
    result.compared++;
    const note = listed.get(key);
    const agrees = theirs === mine;
    if (agrees && !note) result.agreed++;
    else if (agrees && note) result.stale.push(`${key}: listed as ours=${note.ours}, theirs=${note.theirs}, but both now say ${mine}`);
    else if (note && note.ours === mine && note.theirs === theirs) result.listed++;
    else result.unexplained.push(`${key}: ours=${mine}, theirs=${theirs}`);
  }
  for (const key of listed.keys()) if (!expected.has(key)) result.stale.push(`${key}: listed but not compared`);
  table.push(result);
  return result;
}

// ---------------------------------------------------------------- kube-linter

interface KubeLinterCase {
  check: string;
  rules: string[];
  filter?: FindingFilter;
  /** Kinds the check judges (default: workloads). */
  scope?: (kind: string) => boolean;
  /** The names of the objects kube-linter reports, where its fixture does not name the others `dont-fire*`. */
  fires?: (name: string) => boolean;
  /** Whether kube-linter reports once per offending item as we do, so report counts compare (default true). */
  countsCompare?: boolean;
  disagreements?: Disagreement[];
}

/** OpenShift DeploymentConfig is not a workload kind of kubecomply's model: none of its rules read it. */
const DEPLOYMENT_CONFIG = 'DeploymentConfig';

const kubeLinterCases: KubeLinterCase[] = [
  { check: 'docker-sock', rules: ['container-runtime-socket-mount'] },
  { check: 'env-var-secret', rules: ['hardcoded-credential'] },
  { check: 'latest-tag', rules: ['image-tag-latest-or-missing'] },
  { check: 'no-read-only-root-fs', rules: ['read-only-root-filesystem'] },
  { check: 'read-secret-from-env-var', rules: ['secret-in-env-var'] },
  { check: 'ssh-port', rules: ['ssh-port-exposed'] },
  // kube-linter's unset-* checks want requests and limits; the fixtures set neither (the fields are misplaced), so limits decide.
  { check: 'unset-cpu-requirements', rules: ['missing-resource-limits'], filter: cpuLimit },
  { check: 'unset-memory-requirements', rules: ['missing-resource-limits'], filter: memoryLimit },
  { check: 'use-namespace', rules: ['workload-in-default-namespace'] },
  { check: 'writable-host-mount', rules: ['writable-host-path'] },
  // Pod Security checks.
  { check: 'privileged-container', rules: ['privileged-container'] },
  { check: 'host-ipc', rules: ['host-ipc'] },
  { check: 'host-network', rules: ['host-network'] },
  { check: 'host-pid', rules: ['host-pid'] },
  { check: 'privilege-escalation-container', rules: ['allow-privilege-escalation'] },
  {
    check: 'drop-net-raw-capability',
    rules: ['capability-net-raw'],
    countsCompare: false,
    disagreements: [
      {
        resource: 'drop-net-raw-capability.yml|Deployment/dont-fire',
        ours: 'fail',
        theirs: 'pass',
        reason:
          'the container keeps the runtime default NET_RAW (capabilities is empty); kube-linter reports only an added NET_RAW, CIS 5.2.8 asks for it to be dropped',
      },
    ],
  },
  // kube-linter reports runAsNonRoot and runAsGroup 0 once per container; run-as-non-root-missing reports the pod once when no level sets it.
  { check: 'run-as-non-root', rules: ['run-as-non-root-missing', 'run-as-group-zero'], countsCompare: false },
  { check: 'unsafe-proc-mount', rules: ['proc-mount-unmasked'] },
  { check: 'unsafe-sysctls', rules: ['unsafe-sysctl'] },
  // Best practices (@kubecomply/rules-best-practices).
  // kube-linter also reports a probe on a port number the container does not declare; the kubelet probes it all the same,
  // so we report only port names that do not resolve. Per object the verdicts agree; the report counts do not.
  { check: 'liveness-port', rules: ['probe-port-not-exposed'], filter: probe('livenessProbe'), countsCompare: false },
  { check: 'readiness-port', rules: ['probe-port-not-exposed'], filter: probe('readinessProbe'), countsCompare: false },
  { check: 'startup-port', rules: ['probe-port-not-exposed'], filter: probe('startupProbe'), countsCompare: false },
  { check: 'no-liveness-probe', rules: ['liveness-probe-missing'] },
  { check: 'no-readiness-probe', rules: ['readiness-probe-missing'] },
  { check: 'duplicate-env-var', rules: ['duplicate-env-var'] },
  { check: 'deprecated-service-account-field', rules: ['deprecated-service-account-field'] },
  { check: 'mismatching-selector', rules: ['selector-does-not-match-template'] },
  { check: 'no-anti-affinity', rules: ['replicas-without-spread'] },
  { check: 'privileged-ports', rules: ['privileged-port'] },
  { check: 'sensitive-host-mounts', rules: ['sensitive-host-path-mount'] },
  { check: 'non-existent-service-account', rules: ['service-account-not-found'] },
  {
    check: 'non-isolated-pod',
    rules: ['workload-not-isolated-by-networkpolicy'],
    disagreements: [
      {
        resource: 'non-isolated-pod.yml|Deployment/dont-fire',
        ours: 'fail',
        theirs: 'pass',
        reason:
          'a policy selects the pods for Ingress only; we also want Egress restricted (reported as info), as kube-score pod-networkpolicy and the NSA/CISA default-deny guidance do',
      },
    ],
  },
  {
    check: 'no-rolling-update-strategy',
    rules: ['deployment-not-rolling-update'],
    disagreements: [
      {
        resource: 'no-rolling-update-strategy.yml|Deployment/app3',
        ours: 'pass',
        theirs: 'fail',
        reason: 'no strategy is written; the API server defaults it to RollingUpdate, which kube-linter does not assume',
      },
    ],
  },
  {
    check: 'minimum-three-replicas',
    rules: ['deployment-single-replica'],
    disagreements: [
      {
        resource: 'minimum-three-replicas.yml|Deployment/app',
        ours: 'pass',
        theirs: 'fail',
        reason: 'two replicas: kube-linter asks for three, we for two (the fewest that survive the loss of one pod, as Polaris and kube-score)',
      },
    ],
  },
  {
    check: 'job-ttl-seconds-after-finished',
    rules: ['job-without-ttl'],
    scope: only('Job', 'CronJob'),
    fires: (name) => name.startsWith('bad-'),
    disagreements: [
      {
        resource: 'job-ttl-seconds-after-finished.yaml|CronJob/bad-cronjob',
        ours: 'pass',
        theirs: 'fail',
        reason:
          "the CronJob's job template sets ttlSecondsAfterFinished; kube-linter warns it may interact with the history limits, while the TTL controller cleans those Jobs up as intended",
      },
    ],
  },
  { check: 'env-value-from', rules: ['config-reference-not-found'], fires: (name) => name.startsWith('should-fire') },
  {
    check: 'dangling-service',
    rules: ['service-selects-nothing'],
    scope: only('Service'),
    disagreements: ['dangling-service.yml|Service/app1', 'dangling-service.yml|Service/app2'].map((resource) => ({
      resource,
      ours: 'pass' as const,
      theirs: 'fail' as const,
      reason:
        'the Deployments have a pod template without a pod spec (the API server rejects them), so their pod labels are not read and the namespace has no workload to judge against',
    })),
  },
  { check: 'dangling-ingress', rules: ['ingress-backend-service-missing'], scope: only('Ingress') },
  { check: 'dangling-horizontalpodautoscaler', rules: ['hpa-target-missing'], scope: only('HorizontalPodAutoscaler'), fires: (name) => name === 'hpa1' },
  {
    check: 'dangling-networkpolicy',
    rules: ['networkpolicy-selects-nothing'],
    scope: only('NetworkPolicy'),
    disagreements: [
      {
        resource: 'dangling-networkpolicy.yml|NetworkPolicy/app',
        ours: 'pass',
        theirs: 'fail',
        reason:
          'the file holds the NetworkPolicy alone; a policy shipped without workloads of its namespace governs pods deployed elsewhere, so it is not judged',
      },
    ],
  },
  {
    check: 'dangling-networkpolicypeer-podselector',
    rules: ['networkpolicy-selects-nothing'],
    scope: only('NetworkPolicy'),
    disagreements: [
      {
        resource: 'dangling-networkpolicypeer-podselector.yml|NetworkPolicy/app',
        ours: 'pass',
        theirs: 'fail',
        reason:
          'the file holds the NetworkPolicy alone; a policy shipped without workloads of its namespace governs pods deployed elsewhere, so it is not judged',
      },
    ],
  },
  {
    check: 'hpa-minimum-three-replicas',
    rules: ['hpa-min-replicas-below-two'],
    scope: only('HorizontalPodAutoscaler'),
    disagreements: [
      {
        resource: 'hpa-minimum-three-replicas.yml|HorizontalPodAutoscaler/app',
        ours: 'pass',
        theirs: 'fail',
        reason: 'minReplicas 2: kube-linter asks for three, we for two (as Polaris hpaMinAvailability and kube-score)',
      },
    ],
  },
  { check: 'pdb-max-unavailable', rules: ['pdb-blocks-all-disruptions'], scope: only('PodDisruptionBudget'), fires: (name) => name === 'foo' },
  {
    check: 'pdb-min-available',
    rules: ['pdb-blocks-all-disruptions'],
    scope: only('PodDisruptionBudget'),
    fires: () => true,
    disagreements: [
      ...['pdb-min-available.yaml|PodDisruptionBudget/bar/baz', 'pdb-min-available.yaml|PodDisruptionBudget/bar2/baz2'].map((resource) => ({
        resource,
        ours: 'pass' as const,
        theirs: 'fail' as const,
        reason:
          "the Deployment has no pod spec (the API server rejects it), so its pods' labels, which a budget selects, are not read; kube-linter matches the budget against the Deployment's selector",
      })),
      {
        resource: 'pdb-min-available.yaml|PodDisruptionBudget/bar3/baz3',
        ours: 'pass',
        theirs: 'fail',
        reason: 'as above, and the replica count comes from a KEDA ScaledObject, a custom resource we do not read',
      },
    ],
  },
  { check: 'pdb-unhealthy-pod-eviction-policy', rules: ['pdb-unhealthy-pod-eviction-policy-unset'], scope: only('PodDisruptionBudget') },
  { check: 'exposed-services', rules: ['service-type-nodeport', 'loadbalancer-without-source-ranges'], scope: only('Service') },
  {
    check: 'invalid-target-ports',
    rules: ['port-name-invalid'],
    scope: (kind) => kind === 'Service' || isWorkload({ kind }),
    fires: (name) => name === 'invalid-target-ports',
  },
];

function kubeLinterExpected(): Map<string, { file: string; count: number; messages: string[] }> {
  const lines = readFileSync(path.join(corpus, 'kube-linter/EXPECTED.tsv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split('\t');
  const col = (name: string) => header.indexOf(name);
  const out = new Map<string, { file: string; count: number; messages: string[] }>();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    out.set(cells[col('test')] as string, {
      file: cells[col('file')] as string,
      count: Number(cells[col('expected_report_count')]),
      messages: (cells[col('expected_messages')] ?? '').split(' || ').filter((m) => m !== ''),
    });
  }
  return out;
}

describe('agreement with kube-linter', () => {
  const expectedRows = kubeLinterExpected();

  it.each(kubeLinterCases)(
    '$check',
    ({
      check,
      rules,
      filter = () => true,
      scope = (kind) => isWorkload({ kind }),
      fires = (name) => !name.startsWith('dont-fire'),
      countsCompare = true,
      disagreements = [],
    }) => {
      const row = expectedRows.get(check);
      if (!row) throw new Error(`${check} is not in kube-linter/EXPECTED.tsv`);
      const file = path.join(corpus, 'kube-linter', row.file);
      const result = lint([file], rules);
      expect(result.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
      const ours = ourVerdicts(result, filter, scope);
      const expected = new Map<string, TheirVerdict>();
      for (const r of result.resources) {
        if (r.kind === DEPLOYMENT_CONFIG || !scope(r.kind)) continue;
        expected.set(keyOf(r.file, r), fires(r.name) ? 'fail' : 'pass');
      }
      const compared = compare({ tool: 'kube-linter', check, rules }, expected, ours, disagreements);
      expect(compared.unexplained).toEqual([]);
      expect(compared.stale).toEqual([]);
      // Where a verdict differs (listed above) the counts differ with it.
      if (!countsCompare || disagreements.length > 0) return;
      // Report counts, for the kinds we read: one report per offending container or port, as ours.
      const kindOf = (message: string) => /^[A-Za-z]+/.exec(message)?.[0] ?? '';
      const theirCount = row.messages.filter((m) => kindOf(m) !== DEPLOYMENT_CONFIG && scope(kindOf(m))).length;
      const ourCount = result.findings.filter((f) => f.resource && scope(f.resource.kind) && filter(f)).length;
      expect(ourCount, `${check}: number of reports on kinds we read`).toBe(theirCount);
    },
  );
});

// ---------------------------------------------------------------- checkov

interface CheckovCase {
  check: string;
  folder: string;
  /** Which EXPECTED.tsv row, when a check has several for one folder. */
  derivedFrom?: string;
  rules: string[];
  filter?: FindingFilter;
  /** Kinds the compared rule reads; other rows of `verdicts` only prove the counts. */
  scope?: (kind: string) => boolean;
  /** checkov's verdict on each resource it counts, keyed as keyOf does. */
  verdicts: Record<string, TheirVerdict>;
  /** Keys that name several objects of one file (two Pods called pod4): how many checkov counts. */
  duplicates?: Record<string, number>;
  disagreements?: Disagreement[];
}

const malformedResources =
  'the manifest is malformed (resources is a list), which the API server rejects; checkov skips the container, we read it as setting no limits';

const checkovCases: CheckovCase[] = [
  {
    check: 'CKV_K8S_11',
    folder: 'example_Requests_Limits',
    rules: ['missing-resource-limits'],
    filter: cpuLimit,
    verdicts: {
      'cronjob-request-limit-1FAILED.yaml|CronJob/pghero-capture-query-stats': 'fail',
      'pod-requests-limits-1FAILED1PASSED.yaml|Pod/frontend': 'fail',
      'pod-requests-limits-2PASSED.yaml|Pod/frontend': 'pass',
      'pod-requests-limits-UNKNOWN.yaml|Pod/frontend': 'unknown',
      'pod-requests-limits-UNKNOWN2.yaml|Pod/frontend': 'pass',
    },
    disagreements: [{ resource: 'pod-requests-limits-UNKNOWN.yaml|Pod/frontend', ours: 'fail', theirs: 'unknown', reason: malformedResources }],
  },
  {
    check: 'CKV_K8S_13',
    folder: 'example_Requests_Limits',
    rules: ['missing-resource-limits'],
    filter: memoryLimit,
    verdicts: {
      'cronjob-request-limit-1FAILED.yaml|CronJob/pghero-capture-query-stats': 'fail',
      'pod-requests-limits-1FAILED1PASSED.yaml|Pod/frontend': 'fail',
      'pod-requests-limits-2PASSED.yaml|Pod/frontend': 'pass',
      'pod-requests-limits-UNKNOWN.yaml|Pod/frontend': 'unknown',
      'pod-requests-limits-UNKNOWN2.yaml|Pod/frontend': 'pass',
    },
    disagreements: [{ resource: 'pod-requests-limits-UNKNOWN.yaml|Pod/frontend', ours: 'fail', theirs: 'unknown', reason: malformedResources }],
  },
  {
    check: 'CKV_K8S_14',
    folder: 'example_ImageTagFixed',
    rules: ['image-tag-latest-or-missing'],
    verdicts: {
      'imageWithDigest-PASSED.yaml|StatefulSet/kafka': 'pass',
      'imageWithTagAndDigest-PASSED.yaml|StatefulSet/kafka': 'pass',
      'job-ImageTagLatest-FAILED.yaml|Job/countdown': 'fail',
      'kafka-ImageWithRepo-PASSED.yaml|StatefulSet/kafka': 'pass',
      'kafka-PASSED.yaml|StatefulSet/kafka': 'pass',
      'storm-zookeeper-FAILED.json|Pod/zookeeper': 'fail',
    },
  },
  {
    check: 'CKV_K8S_21',
    folder: 'example_DefaultNamespace',
    derivedFrom: 'test_summary',
    // CKV_K8S_21 fails an explicit default and a missing namespace alike; kubecomply splits the two (warning / info).
    rules: ['workload-in-default-namespace', 'workload-without-namespace'],
    verdicts: {
      'default-k8s-service-and-sa-PASSED2.yaml|ServiceAccount/default/default': 'pass',
      'default-k8s-service-and-sa-PASSED2.yaml|ServiceAccount/default': 'pass',
      'default-k8s-service-and-sa-PASSED2.yaml|Service/default/kubernetes': 'pass',
      'default-k8s-service-and-sa-PASSED2.yaml|Service/kubernetes': 'pass',
      'nginx-statefulset-FAILED.yaml|Service/nginx': 'fail',
      'nginx-statefulset-FAILED.yaml|StatefulSet/web': 'fail',
      'scope-PASSED.yaml|ServiceAccount/weave/weave-scope': 'pass',
      'scope-PASSED.yaml|Deployment/weave/weave-scope-app': 'pass',
      'scope-PASSED.yaml|Service/weave/weave-scope-app': 'pass',
      'scope-PASSED.yaml|Deployment/weave/weave-scope-cluster-agent': 'pass',
      'scope-PASSED.yaml|DaemonSet/weave/weave-scope-agent': 'pass',
    },
  },
  {
    check: 'CKV_K8S_22',
    folder: 'example_ReadOnlyFilesystem',
    rules: ['read-only-root-filesystem'],
    verdicts: {
      'frontend-replicaset-FAILED.yaml|ReplicaSet/frontend': 'fail',
      'pod-readonly-PASSED.yaml|Pod/readonly-container': 'pass',
      'pod-readonly-false-FAILED.yaml|Pod/readonly-container': 'fail',
    },
  },
  {
    check: 'CKV_K8S_27',
    folder: 'example_DockerSocketVolume',
    rules: ['container-runtime-socket-mount'],
    verdicts: {
      'CronJob-pass.yaml|CronJob/nginx-pod': 'pass',
      'cloudwatch-agent-1PASSED-1FAILED.yaml|DaemonSet/amazon-cloudwatch/cloudwatch-agent': 'fail',
      'cloudwatch-agent-1PASSED-1FAILED.yaml|DaemonSet/amazon-cloudwatch/fluentd-cloudwatch': 'pass',
      'scope-2PASSED-1FAILED.yaml|Deployment/weave/weave-scope-app': 'pass',
      'scope-2PASSED-1FAILED.yaml|Deployment/weave/weave-scope-cluster-agent': 'pass',
      'scope-2PASSED-1FAILED.yaml|DaemonSet/weave/weave-scope-agent': 'fail',
      'scope-UNKNOWN.yaml|Pod/nginx-pod': 'unknown',
    },
    disagreements: [
      {
        resource: 'CronJob-pass.yaml|CronJob/nginx-pod',
        ours: 'n/a',
        theirs: 'pass',
        reason: 'jobTemplate.spec is null, so the CronJob has no pod template for any workload rule to read; checkov counts it as passing',
      },
      {
        resource: 'scope-UNKNOWN.yaml|Pod/nginx-pod',
        ours: 'pass',
        theirs: 'unknown',
        reason: 'containers and volumes are mappings instead of lists (malformed); checkov skips the Pod, we find no hostPath volume in it',
      },
    ],
  },
  {
    check: 'CKV_K8S_29',
    folder: 'example_SecurityContexts',
    rules: ['missing-security-context'],
    verdicts: {
      'frontend-replicaset-both-FAILED.yaml|ReplicaSet/frontend': 'fail',
      'pod-container-FAILED_malformed_spec.yaml|Pod/security-context-demo': 'fail',
      'pod-container-both-PASSED.yaml|Pod/security-context-demo': 'pass',
      'podFAILED-containerPASSED.yaml|Pod/pod-drop-net-raw-capability': 'fail',
      'podPassed-containerFailed.yaml|CronJob/hello': 'pass',
    },
    disagreements: [
      {
        resource: 'pod-container-FAILED_malformed_spec.yaml|Pod/security-context-demo',
        ours: 'n/a',
        theirs: 'fail',
        reason: 'spec is a list, not a pod spec; the API server rejects it and no workload rule can read it',
      },
      {
        resource: 'podFAILED-containerPASSED.yaml|Pod/pod-drop-net-raw-capability',
        ours: 'pass',
        theirs: 'fail',
        reason: 'CKV_K8S_29 wants a pod-level securityContext; missing-security-context (CIS 5.6.3) accepts one on the pod or on every container',
      },
    ],
  },
  {
    check: 'CKV_K8S_30',
    folder: 'example_SecurityContexts',
    rules: ['missing-security-context'],
    verdicts: {
      'frontend-replicaset-both-FAILED.yaml|ReplicaSet/frontend': 'fail',
      'pod-container-FAILED_malformed_spec.yaml|Pod/security-context-demo': 'unknown',
      'pod-container-both-PASSED.yaml|Pod/security-context-demo': 'pass',
      'podFAILED-containerPASSED.yaml|Pod/pod-drop-net-raw-capability': 'pass',
      'podPassed-containerFailed.yaml|CronJob/hello': 'fail',
    },
    disagreements: [
      {
        resource: 'pod-container-FAILED_malformed_spec.yaml|Pod/security-context-demo',
        ours: 'n/a',
        theirs: 'unknown',
        reason: 'spec is a list, not a pod spec; neither tool can read it',
      },
      {
        resource: 'podPassed-containerFailed.yaml|CronJob/hello',
        ours: 'pass',
        theirs: 'fail',
        reason:
          'CKV_K8S_30 wants a container-level securityContext; the pod-level one here (runAsUser, fsGroup) applies to the container, and the hardening it lacks is reported by the specific rules (allow-privilege-escalation, capabilities-not-drop-all, read-only-root-filesystem)',
      },
    ],
  },
  {
    check: 'CKV_K8S_33',
    folder: 'example_KubernetesDashboard',
    rules: ['exposed-dashboard'],
    verdicts: {
      'kube-dashboard-FAILED.yaml|Deployment/helm-kubernetes-dashboard': 'fail',
      'kube-dashboard-no-image-FAILED.yaml|Pod/': 'fail',
      'kube-dashboard-no-image-PASSED.yaml|Pod/': 'pass',
      'kubernetes-dashboard-deployment.yaml|Deployment/kubernetes-dashboard/kubernetes-dashboard': 'fail',
      'nginx-deployment-FAILED.yaml|Deployment/my-nginx': 'fail',
      'nginx-deployment-PASSED.yaml|Deployment/my-nginx': 'pass',
    },
    disagreements: [
      ...[
        'kube-dashboard-FAILED.yaml|Deployment/helm-kubernetes-dashboard',
        'kube-dashboard-no-image-FAILED.yaml|Pod/',
        'kubernetes-dashboard-deployment.yaml|Deployment/kubernetes-dashboard/kubernetes-dashboard',
        'nginx-deployment-FAILED.yaml|Deployment/my-nginx',
      ].map((resource) => ({
        resource,
        ours: 'pass' as const,
        theirs: 'fail' as const,
        reason:
          'CKV_K8S_33 fails any deployed dashboard; exposed-dashboard fails one exposed outside the cluster (LoadBalancer, NodePort, externalIPs, Ingress) or run with its login turned off, and none here is (ClusterIP only, no --enable-skip-login)',
      })),
    ],
  },
  {
    check: 'CKV_K8S_35',
    folder: 'example_Secrets',
    rules: ['secret-in-env-var'],
    verdicts: {
      'nginx-NoSecret-PASSED.yaml|Deployment/my-nginx': 'pass',
      'pod-secretEnvironment-FAILED.yaml|Pod/secret-test-pod': 'fail',
      'pod-secretEnvironment-FAILED.yaml|Pod/secret-test-pod-2': 'fail',
      'pod-secretVolume-PASSED.yaml|Pod/secret-test-pod': 'pass',
      'pod-secretsEnvironment-UNKNOWN.yaml|Pod/secret-test-pod': 'unknown',
    },
    disagreements: [
      {
        resource: 'pod-secretsEnvironment-UNKNOWN.yaml|Pod/secret-test-pod',
        ours: 'pass',
        theirs: 'unknown',
        reason: 'env is the string "env", not a list; checkov does not evaluate it, we find no Secret reference in it',
      },
    ],
  },
  {
    check: 'CKV_K8S_43',
    folder: 'example_ImageDigest',
    rules: ['image-not-pinned-by-digest'],
    verdicts: {
      'imageWithTagAndDigest-PASSED.yaml|StatefulSet/kafka': 'pass',
      'job-ImageTagLatest-FAILED.yaml|Job/countdown': 'fail',
      'kafka-PASSED.yaml|StatefulSet/kafka': 'pass',
      'kafka-withrepo-PASSED.yaml|StatefulSet/kafka': 'pass',
      'storm-zookeeper-FAILED.json|Pod/zookeeper': 'fail',
    },
  },

  // Pod Security checks.
  {
    check: 'CKV_K8S_16',
    folder: 'example_PrivilegedContainers',
    rules: ['privileged-container'],
    verdicts: {
      'nginx-deployment-PASSED.yaml|Deployment/my-nginx': 'pass',
      'privilegedDaemonSet-FAILED.yaml|DaemonSet/privileged': 'fail',
      'privilegedPod-FAILED.yaml|Pod/privileged': 'fail',
    },
  },
  ...(['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'] as const).map((check, i) => ({
    check,
    folder: 'example_ShareHost',
    rules: [['host-pid', 'host-ipc', 'host-network'][i] as string],
    verdicts: {
      'cronjob-hostresources-FAILED.yaml|CronJob/hello': 'fail',
      'jenkinsDeployment-PASSED.yaml|Deployment/default/RELEASE-NAME-jenkins': 'pass',
      'memcachedStatefulSet-PASSED.yaml|StatefulSet/default/RELEASE-NAME-memcached': 'pass',
      'privilegedDaemonSet-FAILED.yaml|DaemonSet/privileged': 'fail',
      'privilegedPod-FAILED.yaml|Pod/privileged': 'fail',
      'privilegedPod-PASS.yaml|Pod/privileged': 'pass',
    } as Record<string, TheirVerdict>,
  })),
  {
    check: 'CKV_K8S_20',
    folder: 'example_AllowPrivilegeEscalation',
    rules: ['allow-privilege-escalation'],
    verdicts: {
      'ds-nginx-ingress-FAILED.yaml|DaemonSet/example-ns/nginx-ingress-controller': 'fail',
      'nginx-app-FAILED.json|Pod/nginx/my-nginx': 'fail',
      'oc-deploymentConfig-FAILED.yml|DeploymentConfig/frontend': 'fail',
      'oc-deploymentConfig-PASSED.yml|DeploymentConfig/frontend': 'pass',
      'pod-runas1000-PASSED.yaml|Pod/security-context-demo': 'pass',
      'pod-runas1000-malformed-PASSED.yaml|Pod/security-context-demo': 'unknown',
      'pod-to-node-FAILED.yaml|Pod/attacker-pod': 'fail',
      'rootDeployment-PASSED.yaml|Deployment/hello': 'pass',
    },
    disagreements: [
      {
        resource: 'pod-runas1000-malformed-PASSED.yaml|Pod/security-context-demo',
        ours: 'pass',
        theirs: 'unknown',
        reason: 'containers is a mapping, not a list (malformed); checkov skips the Pod, we find no container that allows escalation',
      },
    ],
  },
  {
    check: 'CKV_K8S_23',
    folder: 'example_RootContainers',
    rules: ['run-as-non-root-missing', 'run-as-user-zero'],
    duplicates: { 'rootContainersFAILED.yaml|Pod/pod4': 2 },
    verdicts: {
      'rootContainersFAILED-malformed-spec.yaml|Pod/pod1': 'fail',
      'rootContainersFAILED.yaml|Pod/pod1': 'fail',
      'rootContainersFAILED.yaml|Pod/pod2': 'fail',
      'rootContainersFAILED.yaml|Pod/pod3': 'fail',
      'rootContainersFAILED.yaml|Pod/pod4': 'fail',
      'rootContainersFAILED_2.yaml|Deployment/external-dns/external-dns': 'fail',
      'rootContainersPASSED.yaml|Pod/pod1': 'pass',
      'rootContainersPASSED.yaml|Pod/pod2': 'pass',
      'rootContainersPASSED.yaml|Pod/pod3': 'pass',
      'rootContainersPASSED.yaml|Pod/pod4': 'pass',
      'rootContainersPASSED.yaml|Pod/pod5': 'pass',
      'rootContainersUNKNOWN.yaml|Pod/nginx-pod': 'unknown',
    },
    disagreements: [
      {
        resource: 'rootContainersFAILED-malformed-spec.yaml|Pod/pod1',
        ours: 'n/a',
        theirs: 'fail',
        reason: 'spec is not a pod spec (malformed); the API server rejects it and no workload rule can read it',
      },
      {
        resource: 'rootContainersPASSED.yaml|Pod/pod3',
        ours: 'fail',
        theirs: 'pass',
        reason:
          'the pod sets runAsNonRoot: false; the restricted Pod Security profile rejects an explicit false at pod level even when every container sets true',
      },
      ...['rootContainersPASSED.yaml|Pod/pod4', 'rootContainersPASSED.yaml|Pod/pod5'].map((resource) => ({
        resource,
        ours: 'fail' as const,
        theirs: 'pass' as const,
        reason:
          'runAsUser 1000 without runAsNonRoot: true; the restricted Pod Security profile asks for runAsNonRoot whatever the user id, since the image may change the user',
      })),
      {
        resource: 'rootContainersUNKNOWN.yaml|Pod/nginx-pod',
        ours: 'pass',
        theirs: 'unknown',
        reason: 'containers is a mapping, not a list (malformed); checkov skips the Pod, we find no container to judge',
      },
    ],
  },
  {
    check: 'CKV_K8S_25',
    folder: 'example_AllowedCapabilities',
    rules: ['capabilities-added-beyond-baseline'],
    verdicts: {
      'cassandra-FAILED.yaml|StatefulSet/cassandra': 'fail',
      'cronjob-PASSED.yaml|CronJob/hello': 'pass',
      'cronjob-UNKOWN.yaml|CronJob/hello': 'unknown',
      'nginx-deployment-PASSED.yaml|Deployment/my-nginx': 'pass',
    },
    disagreements: [
      {
        resource: 'cronjob-UNKOWN.yaml|CronJob/hello',
        ours: 'n/a',
        theirs: 'unknown',
        reason: 'the CronJob has an empty spec; neither tool has a container to judge',
      },
    ],
  },
  {
    check: 'CKV_K8S_28',
    folder: 'example_DropCapabilities',
    rules: ['capability-net-raw'],
    verdicts: {
      'pod-drop-NET_RAW-capabilities-FAILED-MISSING.yaml|Pod/pod-drop-net-raw-capability': 'fail',
      'pod-drop-NET_RAW-capabilities-PASSED.yaml|Pod/pod-drop-net-raw-capability': 'pass',
      'pod-drop-all-capabilities-PASSED.yaml|Pod/pod-drop-all-capability': 'pass',
      'pod-drop-all-capabilities-PASSED2.yaml|Pod/pod-drop-all-capability': 'pass',
      'pod-drop-none-FAILED.yaml|Pod/pod-drop-none': 'fail',
    },
    disagreements: [
      {
        resource: 'pod-drop-all-capabilities-PASSED2.yaml|Pod/pod-drop-all-capability',
        ours: 'fail',
        theirs: 'pass',
        reason: 'drops "all" in lower case; capability names are case-sensitive, and the restricted Pod Security profile, like this rule, recognises only ALL',
      },
    ],
  },
  {
    check: 'CKV_K8S_31',
    folder: 'example_Seccomp',
    rules: ['seccomp-profile-missing', 'seccomp-unconfined'],
    verdicts: {
      'cronjob-seccomp-FAILED.yaml|CronJob/cronjob-failed': 'fail',
      'cronjob-seccomp-PASSED.yaml|CronJob/cronjob-passed': 'pass',
      'cronjob-seccomp-PASSED2.yaml|CronJob/cronjob-passed2': 'pass',
      'cronjob-seccomp-PASSED3.yaml|CronJob/cronjob-passed3': 'pass',
      'cronjob-seccomp-securityContext-PASSED.yaml|CronJob/cronjob-securityContext-passed': 'pass',
      'pod-seccomp-FAILED.yaml|Pod/seccomp-failed': 'fail',
      'pod-seccomp-FAILED2.yaml|Deployment/infra/app-cert-manager': 'fail',
      'pod-seccomp-FAILED3.yaml|Pod/my-insecure-pod': 'fail',
      'pod-seccomp-PASSED.yaml|Pod/seccomp-passed-metadata-annotations-docker': 'pass',
      'pod-seccomp-PASSED2.yaml|Pod/seccomp-passed-metadata-annotations-runtime': 'pass',
      'pod-seccomp-PASSED3.yaml|Pod/seccomp-passed-security-context': 'pass',
      'pod-seccomp-PASSED4.yaml|Deployment/seccomp-passed-deployment': 'pass',
      'pod-seccomp-PASSED5.yaml|StatefulSet/default/RELEASE-NAME': 'pass',
      'pod-seccomp-PASSED6.yaml|Deployment/seccomp-passed-metadata-annotations': 'pass',
      'pod-seccomp-PASSED7.yaml|Pod/my-secure-pod': 'pass',
      'template.yaml|Deployment/aws-dev/fdn-svc': 'pass',
    },
    disagreements: [
      'cronjob-seccomp-PASSED.yaml|CronJob/cronjob-passed',
      'pod-seccomp-PASSED.yaml|Pod/seccomp-passed-metadata-annotations-docker',
      'pod-seccomp-PASSED2.yaml|Pod/seccomp-passed-metadata-annotations-runtime',
      'pod-seccomp-PASSED6.yaml|Deployment/seccomp-passed-metadata-annotations',
    ].map((resource) => ({
      resource,
      ours: 'fail' as const,
      theirs: 'pass' as const,
      reason:
        'seccomp is set only through the seccomp.security.alpha.kubernetes.io annotations, which Kubernetes stopped honouring in 1.27; the restricted Pod Security profile reads securityContext.seccompProfile',
    })),
  },
  // Best practices (@kubecomply/rules-best-practices).
  ...(['CKV_K8S_8', 'CKV_K8S_9'] as const).map((check, i) => ({
    check,
    folder: 'example_LivenessReadiness',
    rules: [['liveness-probe-missing', 'readiness-probe-missing'][i] as string],
    verdicts: {
      'pod-liveness-readiness-2pods.yaml|Pod/liveness-exec': 'fail',
      'pod-liveness-readiness-PASSED.yaml|Pod/liveness-exec': 'pass',
    } as Record<string, TheirVerdict>,
  })),
  ...(['CKV_K8S_10', 'CKV_K8S_12'] as const).map((check, i) => ({
    check,
    folder: 'example_Requests_Limits',
    rules: ['missing-resource-requests'],
    filter: [cpuRequest, memoryRequest][i] as FindingFilter,
    verdicts: {
      'cronjob-request-limit-1FAILED.yaml|CronJob/pghero-capture-query-stats': 'fail',
      'pod-requests-limits-1FAILED1PASSED.yaml|Pod/frontend': 'fail',
      'pod-requests-limits-2PASSED.yaml|Pod/frontend': 'pass',
      'pod-requests-limits-UNKNOWN.yaml|Pod/frontend': 'unknown',
      'pod-requests-limits-UNKNOWN2.yaml|Pod/frontend': 'unknown',
    } as Record<string, TheirVerdict>,
    disagreements: [
      { resource: 'pod-requests-limits-UNKNOWN.yaml|Pod/frontend', ours: 'fail' as const, theirs: 'unknown' as const, reason: malformedResources },
      {
        resource: 'pod-requests-limits-UNKNOWN2.yaml|Pod/frontend',
        ours: 'pass' as const,
        theirs: 'unknown' as const,
        reason:
          'requests is a list (malformed) and checkov skips the container; its limits are readable and, as the API server does, we take them as the requests',
      },
    ],
  })),
  {
    check: 'CKV_K8S_15',
    folder: 'example_ImagePullPolicy',
    rules: ['image-pull-policy-not-always'],
    verdicts: {
      'cassandra-PullPolicyAlways-PASSED.yaml|StatefulSet/cassandra': 'pass',
      'imageWithDigest-DefaultPullPolicy-PASSED.yaml|StatefulSet/cassandra': 'pass',
      'imageWithDigest-PullPolicyAlways-PASSED.yaml|StatefulSet/cassandra': 'pass',
      'job-ImageTagLatest-PASSED.yaml|Job/countdown': 'pass',
      'kafka-PullPolicyAlways-PASSED.yaml|StatefulSet/kafka': 'pass',
      'replctrl-PullIfNotPresent-FAILED.yaml|ReplicationController/myapp': 'fail',
      'storm-nimbus-ImageUntagged-PASSED.json|Pod/nimbus': 'pass',
      'wordpress-ImageTagged-DefaultPullPolicy-FAILED.yaml|Deployment/wordpress-mysql': 'fail',
      'wordpress-ImageTagged-DefaultPullPolicy-FAILED.yaml|Deployment/wordpress': 'fail',
    },
  },
];

/** Covered elsewhere or not comparable, with the reason; listed so the table is complete. */
const notCompared: ReadonlyArray<readonly [string, string]> = [
  ['checkov CKV_K8S_11 (example_Suppressed)', "tests checkov's own suppression comments"],
  ['checkov CKV_K8S_21 (test_summary_with_env_var)', "tests a checkov environment variable that changes the check's namespace"],
];

function checkovCounts(): Map<string, { passed: number; failed: number }> {
  const lines = readFileSync(path.join(corpus, 'checkov/EXPECTED.tsv'), 'utf8').trim().split('\n');
  const header = (lines[0] as string).split('\t');
  const col = (name: string) => header.indexOf(name);
  const out = new Map<string, { passed: number; failed: number }>();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const folder = path.basename(cells[col('folder')] as string);
    const test = (cells[col('derived_from')] as string).split(':').pop() as string;
    const value = { passed: Number(cells[col('passed')]), failed: Number(cells[col('failed')]) };
    out.set(`${cells[col('check_id')]}|${folder}|${test}`, value);
    if (!out.has(`${cells[col('check_id')]}|${folder}`)) out.set(`${cells[col('check_id')]}|${folder}`, value);
  }
  return out;
}

describe('agreement with checkov', () => {
  const counts = checkovCounts();

  it.each(checkovCases)('$check ($folder)', (c) => {
    const expectedCounts = counts.get(c.derivedFrom ? `${c.check}|${c.folder}|${c.derivedFrom}` : `${c.check}|${c.folder}`);
    if (!expectedCounts) throw new Error(`${c.check} ${c.folder} is not in checkov/EXPECTED.tsv`);
    const verdicts = Object.entries(c.verdicts);
    // The per-resource reading of the fixtures must add up to checkov's own counts.
    const times = (key: string) => c.duplicates?.[key] ?? 1;
    expect({
      passed: verdicts.filter(([, v]) => v === 'pass').reduce((n, [key]) => n + times(key), 0),
      failed: verdicts.filter(([, v]) => v === 'fail').reduce((n, [key]) => n + times(key), 0),
    }).toEqual(expectedCounts);

    const result = lint([path.join(corpus, 'checkov/tests/kubernetes/checks', c.folder)], c.rules);
    expect(result.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    const scope = c.scope ?? ((kind: string) => isWorkload({ kind }));
    const ours = ourVerdicts(result, c.filter ?? (() => true), scope);
    // A workload whose pod spec cannot be read is out of every workload rule's reach.
    const unreadable = unreadablePodSpecs([path.join(corpus, 'checkov/tests/kubernetes/checks', c.folder)]);
    for (const key of unreadable) if (ours.get(key) === 'pass') ours.set(key, 'n/a');
    const expected = new Map(verdicts.filter(([key]) => scope(key.split('|')[1]?.split('/')[0] ?? '')));
    const compared = compare({ tool: 'checkov', check: c.check, rules: c.rules }, expected, ours, c.disagreements ?? []);
    expect(compared.unexplained).toEqual([]);
    expect(compared.stale).toEqual([]);
  });
});

/** Workloads of the input whose pod spec is not an object (a malformed fixture), as `file|Kind/name`. */
function unreadablePodSpecs(inputs: string[]): Set<string> {
  const keys = new Set<string>();
  const probe = defineRule({
    id: 'pod-spec-probe',
    description: 'Notes workloads without a readable pod spec.',
    remediation: 'None.',
    severity: 'info',
    appliesTo: 'workloads',
    check(resource, ctx) {
      if (!ctx.podSpec(resource)) keys.add(keyOf(resource.source.file, resource));
    },
  });
  new Linter({ plugins: [definePlugin({ name: 'probe', rules: [probe], frameworks: [] })], cwd: corpus }).lintPaths(inputs);
  return keys;
}

describe('agreement summary', () => {
  it('prints the agreement table', () => {
    const ruleWidth = Math.max(8, ...table.map((r) => r.rules.join(', ').length));
    const lines = [
      `${'tool'.padEnd(12)} ${'check'.padEnd(26)} ${'rule(s)'.padEnd(ruleWidth)} compared  agree  listed  unexplained`,
      ...table.map(
        (r) =>
          `${r.tool.padEnd(12)} ${r.check.padEnd(26)} ${r.rules.join(', ').padEnd(ruleWidth)} ${String(r.compared).padStart(8)}  ${String(r.agreed).padStart(5)}  ${String(r.listed).padStart(6)}  ${String(r.unexplained.length + r.stale.length).padStart(11)}`,
      ),
      '',
      'not compared:',
      ...notCompared.map(([what, why]) => `  ${what}: ${why}`),
    ];
    console.log(lines.join('\n'));
    expect(table.length).toBe(kubeLinterCases.length + checkovCases.length);
  });
});
