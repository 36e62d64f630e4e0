// @requires ../shared: reads the third-party corpus in ../shared/corpus.
/**
 * What kubecomply says about real third-party manifests: the real-world
 * corpus (../shared/corpus/real-world, 148 files; provenance in
 * ../shared/corpus/SOURCES.md) linted with every rule of every package.
 *
 * The counts per rule are snapshots: a change to a rule that moves them must
 * update them here, and the reviewer of that change sees which findings
 * appeared or went away. docs/real-world-findings.md explains the counts of
 * the one bundle snapshotted separately (microservices-demo), and the last
 * test checks that its table shows the same numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Linter, type Finding, type LintResult } from '@kubecomply/core';
import rulesBestPractices from '@kubecomply/rules-best-practices';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/real-world');
/** The bundle docs/real-world-findings.md walks through, as its display path prefix. */
const BUNDLE = '../shared/corpus/real-world/microservices-demo/';

/** {ruleId: count}, keys sorted. */
function countsByRule(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of findings.map((f) => f.ruleId).sort()) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

function lint(target: string): LintResult {
  // cwd = the repository root, so display paths are '../shared/corpus/...' wherever vitest runs from.
  return new Linter({ plugins: [rulesCis, rulesPci, rulesBestPractices], cwd: repoRoot }).lintPaths([target]);
}

describe('the real-world corpus, every rule', () => {
  let result: LintResult;
  beforeAll(() => {
    if (!existsSync(corpus)) throw new Error(`real-world corpus not found at ${corpus}`);
    result = lint(corpus);
  });

  it('reads every file, with no parse error and no rule error', () => {
    expect(result.files.length).toBe(148);
    expect(result.skipped).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-error')).toEqual([]);
  });

  it('gives the same findings on every run', () => {
    const again = lint(corpus).findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`);
    expect(again).toEqual(result.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`));
  });

  it('findings per rule, whole corpus', () => {
    expect({ resources: result.resources.length, findings: result.findings.length }).toMatchInlineSnapshot(`
      {
        "findings": 1406,
        "resources": 516,
      }
    `);
    expect(countsByRule(result.findings)).toMatchInlineSnapshot(`
      {
        "allow-privilege-escalation": 52,
        "capabilities-added-beyond-baseline": 1,
        "capabilities-added-beyond-restricted": 1,
        "capabilities-not-drop-all": 53,
        "capability-net-raw": 53,
        "default-service-account-used": 9,
        "deployment-single-replica": 64,
        "hardcoded-credential": 4,
        "host-network": 3,
        "host-path-volume": 16,
        "host-pid": 1,
        "host-port": 7,
        "image-not-pinned-by-digest": 104,
        "image-pull-policy-not-always": 86,
        "image-tag-latest-or-missing": 15,
        "job-without-ttl": 3,
        "liveness-probe-missing": 55,
        "liveness-readiness-probe-identical": 20,
        "loadbalancer-without-source-ranges": 5,
        "metadata-api-not-blocked": 7,
        "missing-resource-limits": 84,
        "missing-resource-requests": 80,
        "missing-security-context": 32,
        "namespace-pod-security-level": 5,
        "namespace-without-default-deny-networkpolicy": 1,
        "namespace-without-networkpolicy": 6,
        "networkpolicy-allow-all": 10,
        "pdb-unhealthy-pod-eviction-policy-unset": 5,
        "priority-class-not-set": 73,
        "privileged-container": 4,
        "privileged-port": 4,
        "rbac-create-persistentvolumes": 1,
        "rbac-create-pods": 4,
        "rbac-create-serviceaccount-token": 1,
        "rbac-csr-approval": 1,
        "rbac-escalate-bind-impersonate": 1,
        "rbac-nodes-proxy-access": 2,
        "rbac-pods-exec": 1,
        "rbac-secrets-read": 25,
        "rbac-webhook-config-write": 5,
        "rbac-wildcard": 11,
        "read-only-root-filesystem": 63,
        "readiness-probe-missing": 51,
        "replicas-without-spread": 2,
        "restricted-volume-type": 16,
        "run-as-non-root-missing": 44,
        "seccomp-profile-missing": 67,
        "secret-in-env-var": 17,
        "secret-in-manifest": 4,
        "sensitive-host-path-mount": 4,
        "service-account-token-automount": 77,
        "statefulset-service-missing": 1,
        "workload-in-default-namespace": 3,
        "workload-not-isolated-by-networkpolicy": 73,
        "workload-reachable-from-all-namespaces": 1,
        "workload-without-namespace": 53,
        "workload-without-pdb": 3,
        "writable-host-path": 12,
      }
    `);
  });

  it('findings per rule, microservices-demo (see docs/real-world-findings.md)', () => {
    const bundle = result.findings.filter((f) => f.file.startsWith(BUNDLE));
    expect(countsByRule(bundle)).toMatchInlineSnapshot(`
      {
        "default-service-account-used": 1,
        "deployment-single-replica": 12,
        "image-not-pinned-by-digest": 12,
        "image-pull-policy-not-always": 12,
        "liveness-probe-missing": 1,
        "liveness-readiness-probe-identical": 10,
        "loadbalancer-without-source-ranges": 1,
        "missing-resource-limits": 1,
        "missing-resource-requests": 1,
        "priority-class-not-set": 12,
        "readiness-probe-missing": 1,
        "seccomp-profile-missing": 13,
        "service-account-token-automount": 12,
        "workload-not-isolated-by-networkpolicy": 12,
        "workload-without-namespace": 12,
      }
    `);
    // docs/real-world-findings.md explains these counts: its table must show the same ones.
    const table = [...readFileSync(path.join(repoRoot, 'docs/real-world-findings.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \| \w+ \| (\d+) \|/gm)];
    expect(Object.fromEntries(table.map((m) => [m[1], Number(m[2])]))).toEqual(countsByRule(bundle));
    // The bundle's findings do not depend on the rest of the corpus: linted alone, it gives the same.
    const alone = lint(path.resolve(repoRoot, BUNDLE));
    expect(alone.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`)).toEqual(
      bundle.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`),
    );
  });
});
