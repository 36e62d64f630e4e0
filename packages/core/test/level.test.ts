import { describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import { Linter, atProfileLevel } from '../src/index.js';

const cis = rulesCis.frameworks.find((f) => f.id === 'cis-kubernetes')!;

describe('profile levels', () => {
  it('level 1 keeps the Level 1 controls; level 2 keeps every control', () => {
    const level1 = atProfileLevel(cis, 1);
    expect(level1.id).toBe('cis-kubernetes');
    expect(level1.controls.every((c) => (c.level ?? 1) === 1)).toBe(true);
    expect(level1.controls.length).toBeLessThan(cis.controls.length);
    expect(atProfileLevel(cis, 2).controls).toHaveLength(cis.controls.length);
  });

  it('leaves frameworks without levels as they are', () => {
    const pss = rulesCis.frameworks.find((f) => f.id === 'pss-baseline')!;
    expect(atProfileLevel(pss, 1)).toBe(pss);
  });

  it('a run limited to cis-kubernetes at level 1 does not run rules that serve only Level 2 controls', () => {
    const ids = (level?: number) => new Linter({ plugins: [rulesCis], frameworks: ['cis-kubernetes'], ...(level ? { level } : {}) }).rules.map((r) => r.id);
    // CIS 5.4.1 (secrets as files, not environment variables) is a Level 2 recommendation.
    expect(ids()).toContain('secret-in-env-var');
    expect(ids(1)).not.toContain('secret-in-env-var');
    expect(ids(1)).toContain('privileged-container');
    const controls = new Linter({ plugins: [rulesCis], frameworks: ['cis-kubernetes'], level: 1 }).rules.flatMap((r) => r.controls);
    expect(controls.some((c) => c.id === '5.4.1')).toBe(false);
  });
});

describe('lookups from List documents', () => {
  it('reads a Namespace given inside a kind: List before the rules that look it up run', async () => {
    const { Linter: L } = await import('../src/index.js');
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Namespace',
      '    metadata:',
      '      name: locked',
      '      labels: { pod-security.kubernetes.io/enforce: restricted }',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p, namespace: locked }',
      'spec: { containers: [{ name: c, image: x }] }',
      '',
    ].join('\n');
    const result = new L({ plugins: [rulesCis], rules: ['pod-security-admission-rejected'] }).lintText(text, 'list.yaml');
    expect(result.findings.map((f) => [f.ruleId, f.resource?.name])).toEqual([['pod-security-admission-rejected', 'p']]);
  });
});
