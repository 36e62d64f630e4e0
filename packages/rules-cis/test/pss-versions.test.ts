import { describe, expect, it } from 'vitest';
import { complianceReport, Linter, parseKubeVersion } from '@kubecomply/core';
import plugin from '../src/index.js';

/** A hardened pod whose probe targets another host (a check the policy has only since 1.34). */
const manifest = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: RuntimeDefault } }
  containers:
    - name: web
      image: registry.example.com/web:1.0.0
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
      livenessProbe: { httpGet: { host: 10.0.0.1, path: /, port: 8080 } }
`;

function report(version: string) {
  const kubeVersion = parseKubeVersion(version);
  if (!kubeVersion) throw new Error(version);
  const linter = new Linter({ plugins: [plugin], frameworks: ['pss-baseline', 'pss-restricted'], kubeVersion });
  return complianceReport(linter.lintText(manifest, 'pod.yaml'));
}

const control = (r: ReturnType<typeof report>, framework: string, id: string) =>
  r.frameworks.find((f) => f.id === framework)?.controls.find((c) => c.id === id);

describe('Pod Security Standards follow --kube-version (regression, issue 12)', () => {
  it('reports the policy version of the run, not the newest one', () => {
    expect(report('1.24').frameworks.map((f) => [f.id, f.version])).toEqual([
      ['pss-baseline', '1.24'],
      ['pss-restricted', '1.24'],
    ]);
    expect(report('1.36').frameworks.map((f) => f.version)).toEqual(['1.36', '1.36']);
    // A Kubernetes newer than the catalog keeps the catalog's own version.
    expect(report('1.37').frameworks.map((f) => f.version)).toEqual(['1.36', '1.36']);
  });

  it('scores the checks a policy version lacks as not applicable, not passed', () => {
    const old = report('1.24');
    expect(control(old, 'pss-baseline', 'hostProbesAndHostLifecycle')?.status).toBe('not-applicable');
    expect(control(old, 'pss-restricted', 'procMount_restricted')?.status).toBe('not-applicable');
    expect(control(old, 'pss-restricted', 'runAsUser')?.status).toBe('passed');
    expect(control(report('1.22'), 'pss-restricted', 'runAsUser')?.status).toBe('not-applicable');
    const current = report('1.36');
    expect(control(current, 'pss-baseline', 'hostProbesAndHostLifecycle')?.status).toBe('failed');
    expect(control(current, 'pss-restricted', 'procMount_restricted')?.status).toBe('passed');
  });

  it('findings cite controls of the run version only', () => {
    const linter = new Linter({ plugins: [plugin], frameworks: ['pss-restricted'], kubeVersion: { major: 1, minor: 24 } });
    const result = linter.lintText(manifest.replace('allowPrivilegeEscalation: false, ', 'allowPrivilegeEscalation: false, procMount: Unmasked, '), 'pod.yaml');
    const procMount = result.findings.find((f) => f.ruleId === 'proc-mount-unmasked');
    expect(procMount?.controls.map((c) => `${c.framework}@${c.version} ${c.id}`)).toEqual(['pss-restricted@1.24 procMount']);
  });
});
