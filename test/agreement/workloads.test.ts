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
import rulesCis from '@kubecomply/rules-cis';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

type Verdict = 'pass' | 'fail' | 'n/a';
type TheirVerdict = 'pass' | 'fail' | 'unknown';

/** Keeps only the findings that answer the compared check (e.g. the CPU half of missing-resource-limits). */
type FindingFilter = (finding: Finding) => boolean;

const cpuLimit: FindingFilter = (f) => ['cpu', 'limits'].includes(String(f.path[f.path.length - 1]));
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
  const linter = new Linter({ plugins: [rulesCis], rules, cwd: corpus });
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

  it.each(kubeLinterCases)('$check', ({ check, rules, filter = () => true, disagreements = [] }) => {
    const row = expectedRows.get(check);
    if (!row) throw new Error(`${check} is not in kube-linter/EXPECTED.tsv`);
    const file = path.join(corpus, 'kube-linter', row.file);
    const result = lint([file], rules);
    expect(result.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
    const ours = ourVerdicts(result, filter, (kind) => isWorkload({ kind }));
    const expected = new Map<string, TheirVerdict>();
    for (const r of result.resources) {
      if (r.kind === DEPLOYMENT_CONFIG || !isWorkload(r)) continue;
      expected.set(keyOf(r.file, r), r.name.startsWith('dont-fire') ? 'pass' : 'fail');
    }
    const compared = compare({ tool: 'kube-linter', check, rules }, expected, ours, disagreements);
    expect(compared.unexplained).toEqual([]);
    expect(compared.stale).toEqual([]);
    // Report counts, for the kinds we read: one report per offending container or port, as ours.
    const theirCount = row.messages.filter((m) => !m.startsWith(`${DEPLOYMENT_CONFIG}:`)).length;
    const ourCount = result.findings.filter((f) => f.resource && isWorkload(f.resource) && filter(f)).length;
    expect(ourCount, `${check}: number of reports on kinds we read`).toBe(theirCount);
  });
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
];

/** Covered elsewhere or not comparable, with the reason; listed so the table is complete. */
const notCompared: ReadonlyArray<readonly [string, string]> = [
  ['checkov CKV_K8S_8 / CKV_K8S_9', 'liveness/readiness probes are availability checks, not in this rule set'],
  ['checkov CKV_K8S_10 / CKV_K8S_12', 'CPU/memory requests: missing-resource-limits checks limits (requests default to limits, and only limits bound a workload)'],
  ['checkov CKV_K8S_11 (example_Suppressed)', "tests checkov's own suppression comments"],
  ['checkov CKV_K8S_21 (test_summary_with_env_var)', "tests a checkov environment variable that changes the check's namespace"],
  ['kube-linter non-isolated-pod', 'per-pod isolation is asserted on the NetworkPolicy model in packages/core/test/network.test.ts'],
  ['kube-linter exposed-services', 'forbids NodePort Services by policy; loadbalancer-without-source-ranges judges LoadBalancers only'],
  ['kube-linter sensitive-host-mounts', 'host-path-volume (another area) reports every hostPath'],
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
    expect({
      passed: verdicts.filter(([, v]) => v === 'pass').length,
      failed: verdicts.filter(([, v]) => v === 'fail').length,
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
