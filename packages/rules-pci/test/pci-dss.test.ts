import { describe, expect, it } from 'vitest';
import { Linter, type Finding } from '@kubecomply/core';
import { GovernancePolicy } from '../../core/src/policy/governance.js';
import plugin from '../src/index.js';
import pciDss from '../src/frameworks/pci-dss.js';

describe('the pci-dss catalog', () => {
  it('is PCI DSS 4.0.1 with requirement ids in the standard numbering', () => {
    expect(pciDss).toMatchObject({ id: 'pci-dss', version: '4.0.1' });
    for (const control of pciDss.controls) expect(control.id).toMatch(/^(?:[1-9]|1[0-2])\.\d+\.\d+(?:\.\d+)?$/);
  });

  it('maps every rule of the package, and says why each manual or not-static control is so', () => {
    const mapped = new Set(pciDss.controls.flatMap((c) => c.rules ?? []));
    for (const rule of plugin.rules) expect(mapped, rule.id).toContain(rule.id);
    for (const control of pciDss.controls) {
      if (control.assessment === 'manual' || control.assessment === 'not-static') expect(control.note, control.id).toBeTruthy();
      else expect(control.rules?.length, `${control.id} is automated but lists no rule`).toBeGreaterThan(0);
    }
  });
});

describe('unsuppressible rules under pci-dss', () => {
  const manifest = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: seed',
    '  annotations:',
    '    ignore.kubecomply.io/pan-in-manifest: "only a test number"',
    'data:',
    '  card: "4539 1488 0343 6467"',
    '',
  ].join('\n');

  const run = (frameworks?: string[]): Finding => {
    const policy = new GovernancePolicy({ frameworks: plugin.frameworks, today: '2026-11-27', knownRules: new Set(plugin.rules.map((r) => r.id)) });
    const linter = new Linter({ plugins: [plugin], rules: ['pan-in-manifest'], policy, ...(frameworks ? { frameworks } : {}) });
    const findings = policy.finish(linter.lintText(manifest, 'seed.yaml')).findings.filter((f) => f.ruleId === 'pan-in-manifest');
    expect(findings).toHaveLength(1);
    return findings[0] as Finding;
  };

  it('an annotation does not suppress a card number, and the finding says why', () => {
    const finding = run(['pci-dss']);
    expect(finding.suppression).toBeUndefined();
    expect(finding.message).toMatch(/\[not suppressed: pci-dss does not allow an annotation to suppress pan-in-manifest\]$/);
    expect(finding.message).not.toContain('4539 1488 0343 6467');
    expect(finding.controls.map((c) => c.id)).toEqual(['3.2.1', '3.5.1', '6.5.5']);
  });
});
