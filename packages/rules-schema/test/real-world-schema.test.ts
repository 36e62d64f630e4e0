/**
 * ../shared/corpus/real-world through every rule of this package, each
 * bundle at the Kubernetes release it targets. Every finding left is listed
 * here and reviewed in docs/real-world-findings.md ("Schema and API
 * versions"); any other finding fails the test.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule, definePlugin, Linter, type Resource } from '@kubecomply/core';
import plugin, { crdValidationStats } from '../src/index.js';
import { CRD_KIND, crdSet } from '../src/schema/crd-source.js';
import { isBuiltinGroup, splitApiVersion } from '../src/schema/kube-schema.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/real-world');

/**
 * The release each bundle is written for. Most are current upstream heads
 * and target the newest release; calico's CRDs use ValidationRule.reason
 * (Kubernetes 1.28 on), and jaeger-kubernetes was written for releases before
 * 1.16, older than any we support, so it is linted at the oldest (1.22).
 */
const TARGETS: Record<string, number> = {
  'argo-cd': 36,
  calico: 29,
  'cert-manager': 36,
  'ingress-nginx': 36,
  'istio-addons': 36,
  'jaeger-kubernetes': 22,
  'kube-prometheus': 36,
  'kubernetes-dashboard': 36,
  'microservices-demo': 36,
  'opentelemetry-demo': 36,
};

/** Reviewed findings (docs/real-world-findings.md): file:line rule. All are true: these API versions are gone since 1.16. */
const REVIEWED: Record<string, string[]> = {
  'jaeger-kubernetes': [
    'jaeger-kubernetes/all-in-one/jaeger-all-in-one-template.yml:18 removed-api-version',
    'jaeger-kubernetes/jaeger-production-template.yml:18 removed-api-version',
    'jaeger-kubernetes/jaeger-production-template.yml:115 removed-api-version',
    'jaeger-kubernetes/jaeger-production-template.yml:182 removed-api-version',
    'jaeger-kubernetes/production-elasticsearch/elasticsearch.yml:18 removed-api-version',
    'jaeger-kubernetes/production/cassandra.yml:44 removed-api-version',
  ],
};

/** Records, for every custom resource, whether a CRD of the same run gives its schema. */
function coverageProbe() {
  const covered: string[] = [];
  const uncovered: string[] = [];
  const probe = definePlugin({
    name: 'probe',
    frameworks: [],
    rules: [
      defineRule({
        id: 'probe-crd-coverage',
        description: 'test probe',
        remediation: 'none',
        severity: 'info',
        appliesTo: 'all',
        positions: 'on-demand',
        uses: [CRD_KIND],
        check(resource: Resource, ctx) {
          if (isBuiltinGroup(splitApiVersion(resource.apiVersion).group)) return;
          (crdSet(ctx.lookup(CRD_KIND)).find(resource.apiVersion, resource.kind) ? covered : uncovered).push(
            `${resource.apiVersion} ${resource.kind} ${resource.name}`,
          );
        },
      }),
    ],
  });
  return { probe, covered, uncovered };
}

describe.skipIf(!existsSync(corpus))('real-world corpus: schema, API versions and custom resources', () => {
  const bundles = existsSync(corpus) ? readdirSync(corpus).sort() : [];

  it('has a target release for every bundle', () => {
    expect(bundles).toEqual(Object.keys(TARGETS).sort());
  });

  it.each(bundles)('%s validates with no finding but the reviewed ones, and every custom resource with its CRD in the bundle is checked', (bundle) => {
    const { probe, covered, uncovered } = coverageProbe();
    const before = crdValidationStats.resources;
    const linter = new Linter({ plugins: [plugin, probe], kubeVersion: { major: 1, minor: TARGETS[bundle] as number }, cwd: corpus });
    const result = linter.lintPaths([bundle]);
    const findings = result.findings.filter((f) => f.ruleId !== 'probe-crd-coverage');
    expect(findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`)).toEqual(REVIEWED[bundle] ?? []);
    // Each custom resource whose CRD is in the bundle went through the CRD schema, once.
    expect(crdValidationStats.resources - before).toBe(covered.length);
    // And a custom resource without one would be counted, not passed in silence.
    expect(uncovered).toEqual([]);
  });

  it('validates the custom resources of the bundles that have them', () => {
    const { probe, covered } = coverageProbe();
    new Linter({ plugins: [plugin, probe], cwd: corpus }).lintPaths(['kube-prometheus', 'argo-cd', 'calico', 'cert-manager']);
    expect(covered.length).toBeGreaterThanOrEqual(20);
  });
});
