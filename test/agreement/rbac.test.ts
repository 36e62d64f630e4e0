// @requires ../shared: reads the third-party corpus in ../shared/corpus.
/**
 * Agreement with other linters on RBAC and service account checks: each
 * covered check's own test inputs (from kube-linter's e2e fixtures and
 * checkov's unit tests, in ../shared/corpus) are linted with only the rules
 * that cover it, and the verdicts are compared per resource. A resource is
 * failed by us when one of those rules reports on it or names it in a related
 * location (our RBAC findings sit on the role and point at the bindings,
 * where kube-linter reports on the binding). Every disagreement must be
 * listed below with a reason; a listed one that no longer happens fails too,
 * so the list stays true.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter, WORKLOAD_KINDS, type LintResult, type ResourceRef } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

type Verdict = 'fail' | 'pass' | 'unknown';

interface Case {
  tool: 'kube-linter' | 'checkov';
  check: string;
  rules: readonly string[];
  /** Corpus-relative input files. */
  files: string[];
  /** Unit key -> what the other tool decides. */
  expected: Map<string, Verdict>;
  /** Where the expectations derived from the corpus do not add up to the other tool's own counts. */
  problems: string[];
}

/** kube-linter check -> the rules of ours that cover it. */
const KUBE_LINTER: Readonly<Record<string, readonly string[]>> = {
  'access-to-create-pods': ['rbac-create-pods'],
  'access-to-secrets': ['rbac-secrets-read'],
  'cluster-admin-role-binding': ['cluster-admin-binding'],
  'wildcard-in-rules': ['rbac-wildcard'],
  'default-service-account': ['default-service-account-used'],
};

/** checkov check -> the rules of ours that cover it, and the kinds it judges. */
const CHECKOV: Readonly<Record<string, { rules: readonly string[]; kinds: readonly string[] }>> = {
  CKV_K8S_38: { rules: ['service-account-token-automount'], kinds: WORKLOAD_KINDS },
  CKV_K8S_41: { rules: ['default-service-account-used'], kinds: ['ServiceAccount'] },
  CKV_K8S_42: { rules: ['default-service-account-used'], kinds: ['RoleBinding', 'ClusterRoleBinding'] },
  CKV_K8S_49: { rules: ['rbac-wildcard'], kinds: ['Role', 'ClusterRole'] },
  CKV_K8S_155: { rules: ['rbac-webhook-config-write'], kinds: ['Role', 'ClusterRole'] },
  CKV_K8S_156: { rules: ['rbac-csr-approval'], kinds: ['Role', 'ClusterRole'] },
  CKV_K8S_157: { rules: ['rbac-escalate-bind-impersonate'], kinds: ['Role', 'ClusterRole'] },
  CKV_K8S_158: { rules: ['rbac-escalate-bind-impersonate'], kinds: ['Role', 'ClusterRole'] },
};

/** `<tool> <check> <file> <Kind>/<name>` -> why we disagree, on purpose. */
const KNOWN_DISAGREEMENTS: ReadonlyMap<string, string> = new Map([
  [
    'kube-linter default-service-account kube-linter/tests/checks/default-service-account.yml DeploymentConfig/app',
    'DeploymentConfig is an OpenShift kind; kubecomply reads pod templates of Kubernetes workload kinds only.',
  ],
  [
    'checkov CKV_K8S_156 checkov/tests/kubernetes/checks/example_RbacApproveCertificateSigningRequests/clusterrole-passed-1.yaml ClusterRole/test-should-pass-1',
    'approve on signers ("*" groups and resources) is one of the two powers approval needs; checkov fails only roles that hold both, we report either (CIS 5.1.11 names the approval subresource, and the halves are often granted apart).',
  ],
  [
    'checkov CKV_K8S_157 checkov/tests/kubernetes/checks/example_RbacBindRoleBindings/clusterrole-failed-1.yaml ClusterRole/test-should-fail-1',
    'The role grants bind on rolebindings, which Kubernetes never checks (bind is authorized on roles and clusterroles), so it grants no escalation.',
  ],
  [
    'checkov CKV_K8S_157 checkov/tests/kubernetes/checks/example_RbacBindRoleBindings/role-passed-2.yaml Role/test-should-pass-2',
    'Verb "*" on serviceaccounts includes impersonate, which rbac-escalate-bind-impersonate covers along with bind (CIS 5.1.8); CKV_K8S_157 looks at bind only.',
  ],
  [
    'checkov CKV_K8S_158 checkov/tests/kubernetes/checks/example_RbacEscalateRoles/role-passed-2.yaml Role/test-should-pass-2',
    'Verb "*" on serviceaccounts includes impersonate, which rbac-escalate-bind-impersonate covers along with escalate (CIS 5.1.8); CKV_K8S_158 looks at escalate only.',
  ],
]);

function readTsv(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const names = (header as string).split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

/** Identity of a resource within one input file; duplicates of a name in a file are one unit. */
const unitKey = (file: string, r: Pick<ResourceRef, 'kind' | 'name'>) => `${file} ${r.kind}/${r.name}`;

function lint(rules: readonly string[], files: readonly string[]): LintResult {
  const linter = new Linter({ plugins: [rulesCis], rules, cwd: corpus });
  return linter.lintPaths(files);
}

function kubeLinterCases(): Case[] {
  return readTsv(path.join(corpus, 'kube-linter/EXPECTED.tsv'))
    .filter((row) => Object.hasOwn(KUBE_LINTER, row['test'] as string))
    .map((row) => {
      const check = row['test'] as string;
      const file = `kube-linter/${row['file']}`;
      // Messages read "Kind: text"; kube-linter reports on objects of those kinds and names the ones it must not report "dont-fire".
      const kinds = new Set((row['expected_messages'] as string).split(' || ').map((m) => m.replace(/^CONTAINS: /, '').split(':')[0] as string));
      const rules = KUBE_LINTER[check] as readonly string[];
      const expected = new Map<string, Verdict>();
      for (const r of lint(rules, [file]).resources) {
        if (kinds.has(r.kind)) expected.set(unitKey(file, r), r.name.startsWith('dont-fire') ? 'pass' : 'fail');
      }
      const failing = [...expected.values()].filter((v) => v === 'fail').length;
      const problems =
        failing === Number(row['expected_report_count']) ? [] : [`${failing} objects expected to fail, kube-linter reports ${row['expected_report_count']}`];
      return { tool: 'kube-linter' as const, check, rules, files: [file], expected, problems };
    });
}

function checkovVerdict(file: string): Verdict | undefined {
  const name = path.basename(file).toUpperCase();
  if (name.includes('FAILED')) return 'fail';
  if (name.includes('PASSED')) return 'pass';
  if (name.includes('UNKNOWN') || name.includes('UNKOWN')) return 'unknown';
  return undefined;
}

function checkovCases(): Case[] {
  return readTsv(path.join(corpus, 'checkov/EXPECTED.tsv'))
    .filter((row) => Object.hasOwn(CHECKOV, row['check_id'] as string))
    .map((row) => {
      const check = row['check_id'] as string;
      const { rules, kinds } = CHECKOV[check] as (typeof CHECKOV)[string];
      const folder = `checkov/${row['folder']}`;
      const files = readdirSync(path.join(corpus, folder))
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
        .map((f) => `${folder}/${f}`);
      const listedFailed = new Set((row['expected_failed_resources'] as string).split(' ').filter(Boolean));
      const listedPassed = new Set((row['expected_passed_resources'] as string).split(' ').filter(Boolean));
      const expected = new Map<string, Verdict>();
      const problems: string[] = [];
      for (const r of lint(rules, files).resources) {
        if (!kinds.includes(r.kind)) continue;
        const id = `${r.kind}.${r.namespace ?? 'default'}.${r.name}`;
        const verdict = listedFailed.has(id) ? 'fail' : listedPassed.has(id) ? 'pass' : checkovVerdict(r.file);
        if (verdict) expected.set(unitKey(r.file, r), verdict);
        else problems.push(`no expectation for ${id} in ${r.file}`);
      }
      const count = (v: Verdict) => [...expected.values()].filter((x) => x === v).length;
      if (count('pass') !== Number(row['passed']) || count('fail') !== Number(row['failed'])) {
        problems.push(`derived ${count('pass')} passed / ${count('fail')} failed, checkov counts ${row['passed']} / ${row['failed']}`);
      }
      return { tool: 'checkov' as const, check, rules, files, expected, problems };
    });
}

interface Outcome {
  case: Case;
  agree: number;
  listed: string[];
  unlisted: string[];
  stale: string[];
}

function compare(c: Case): Outcome {
  const result = lint(c.rules, c.files);
  const failed = new Set<string>();
  for (const f of result.findings) {
    if (!c.rules.includes(f.ruleId)) continue;
    if (f.resource) failed.add(unitKey(f.file, f.resource));
    for (const r of f.related ?? []) if (r.resource) failed.add(unitKey(r.file, r.resource));
  }
  const outcome: Outcome = { case: c, agree: 0, listed: [], unlisted: [], stale: [] };
  for (const [unit, verdict] of c.expected) {
    const ours = failed.has(unit) ? 'fail' : 'pass';
    const key = `${c.tool} ${c.check} ${unit}`;
    const same = verdict === 'unknown' ? ours === 'pass' : ours === verdict;
    if (same) {
      outcome.agree++;
      if (KNOWN_DISAGREEMENTS.has(key)) outcome.stale.push(key);
    } else if (KNOWN_DISAGREEMENTS.has(key)) {
      outcome.listed.push(`${key}: they say ${verdict}, we say ${ours}. ${KNOWN_DISAGREEMENTS.get(key)}`);
    } else {
      outcome.unlisted.push(`${key}: they say ${verdict}, we say ${ours}`);
    }
  }
  return outcome;
}

const outcomes: Outcome[] = [];

describe.runIf(existsSync(corpus))('RBAC agreement with kube-linter and checkov', () => {
  const cases = [...kubeLinterCases(), ...checkovCases()];

  it('covers every RBAC check named in the brief', () => {
    expect(cases.map((c) => c.check).sort()).toEqual([...Object.keys(KUBE_LINTER), ...Object.keys(CHECKOV)].sort());
  });

  it.each(cases.map((c) => [`${c.tool} ${c.check}`, c] as const))('%s agrees, or the disagreement is listed with a reason', (_, c) => {
    expect(c.problems, "expectations derived from the corpus match the tool's own counts").toEqual([]);
    const outcome = compare(c);
    outcomes.push(outcome);
    expect(outcome.unlisted, 'disagreements without a reason').toEqual([]);
    expect(outcome.stale, 'listed disagreements that no longer happen').toEqual([]);
  });

  afterAll(() => {
    const rows = outcomes.map((o) => {
      const units = o.case.expected.size;
      return `| ${o.case.tool} | ${o.case.check} | ${o.case.rules.join(', ')} | ${units} | ${o.agree} | ${o.listed.length} | ${o.unlisted.length} |`;
    });
    const table = [
      '| tool | check | our rules | resources | agree | listed disagreements | unlisted |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      ...outcomes.flatMap((o) => o.listed.map((l) => `- ${l}`)),
    ].join('\n');
    console.log(`RBAC agreement\n${table}`);
  });
});
