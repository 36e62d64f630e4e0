import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import {
  BASELINE_VERSION,
  Linter,
  applyBaseline,
  createBaseline,
  fingerprint,
  formatBaseline,
  parseBaseline,
  type Finding,
  type LintResult,
} from '../src/index.js';
import { fingerprints } from '../src/policy/baseline.js';
import { GovernancePolicy } from '../src/policy/governance.js';

const cwd = path.resolve('/repo');
const RULES = ['host-pid', 'host-network', 'host-ipc', 'privileged-container'];

function lint(files: Record<string, string>): LintResult {
  const policy = new GovernancePolicy({ cwd, today: '2026-11-27' });
  const linter = new Linter({ plugins: [rulesCis], rules: RULES, cwd, policy });
  const results = Object.entries(files).map(([file, text]) => policy.finish(linter.lintText(text, file)));
  const findings = results.flatMap((r) => r.findings);
  return { ...(results[0] as LintResult), findings };
}

const BLOCK = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      hostPID: true
      containers:
        - name: app
          image: app
          securityContext:
            privileged: true
`;

/** The same Deployment in flow style, with comments and another resource before it. */
const REFORMATTED = `# moved below a ConfigMap and rewritten in flow style
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { a: b }
---
apiVersion: apps/v1beta2  # an older version of the same API group
kind: Deployment
metadata: {namespace: shop, name: web}
spec: {template: {spec: {containers: [{name: app, image: app, securityContext: {privileged: true}}], hostPID: true}}}
`;

const AS_LIST_ITEM = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: first, namespace: shop }
  - ${BLOCK.trimEnd().split('\n').join('\n    ')}
`;

const prints = (r: LintResult) => Object.fromEntries(r.findings.map((f, i) => [f.ruleId, fingerprints(r.findings)[i]]));

describe('fingerprint', () => {
  it('is sha256 of rule, resource identity and path, not of the file or line', () => {
    const original = lint({ 'a.yaml': BLOCK });
    expect(original.findings.map((f) => f.ruleId).sort()).toEqual(['host-pid', 'privileged-container']);
    const moved = lint({ 'elsewhere/b.yaml': REFORMATTED });
    expect(moved.findings[0]?.range.start.line).not.toBe(original.findings[0]?.range.start.line);
    expect(prints(moved)).toEqual(prints(original));
    expect(prints(lint({ 'list.yaml': AS_LIST_ITEM }))).toEqual(prints(original));
    for (const value of Object.values(prints(original))) expect(value).toMatch(/^[0-9a-f]{64}$/);
    const first = original.findings[0] as Finding;
    expect(fingerprint(first)).toBe(fingerprints(original.findings)[0]);
  });

  it('changes with the resource name, namespace, kind, API group, rule or path', () => {
    const base = prints(lint({ 'a.yaml': BLOCK }));
    const variants = [
      BLOCK.replace('name: web', 'name: api'),
      BLOCK.replace('namespace: shop', 'namespace: other'),
      BLOCK.replace('kind: Deployment', 'kind: StatefulSet'),
      BLOCK.replace('apiVersion: apps/v1', 'apiVersion: example.com/v1'),
      BLOCK.replace('- name: app', '- name: sidecar\n          image: s\n        - name: app'),
    ];
    for (const text of variants) expect(prints(lint({ 'a.yaml': text }))['privileged-container']).not.toBe(base['privileged-container']);
    expect(base['host-pid']).not.toBe(base['privileged-container']);
  });

  it('tells apart findings that share everything by counting them', () => {
    const twice = lint({ 'a.yaml': BLOCK, 'overlay/a.yaml': BLOCK });
    const values = fingerprints(twice.findings);
    expect(new Set(values).size).toBe(4);
    const priv = twice.findings.map((f, i) => [f, i] as const).filter(([f]) => f.ruleId === 'privileged-container');
    expect(values[priv[0]![1]]).toBe(fingerprint(priv[0]![0], 0));
    expect(values[priv[1]![1]]).toBe(fingerprint(priv[1]![0], 1));
  });
});

describe('baseline', () => {
  const NEW_PROBLEM = BLOCK.replace('hostPID: true', 'hostPID: true\n      hostNetwork: true');

  it('suppresses recorded findings, so only a new one stays active', () => {
    const baseline = parseBaseline(formatBaseline(createBaseline(lint({ 'a.yaml': BLOCK }).findings)), 'kubecomply-baseline.json');
    expect(baseline).toMatchObject({ version: BASELINE_VERSION, tool: 'kubecomply' });
    expect(baseline.findings.map((e) => `${e.ruleId} ${e.resource}`)).toEqual(['host-pid Deployment/shop/web', 'privileged-container Deployment/shop/web']);

    const later = applyBaseline(
      lint({ 'moved/b.yaml': REFORMATTED.replace('hostPID: true', 'hostPID: true, hostNetwork: true') }),
      baseline,
      'in baseline kubecomply-baseline.json',
    );
    const active = later.findings.filter((f) => !f.suppression);
    expect(active.map((f) => f.ruleId)).toEqual(['host-network']);
    expect(later.findings.find((f) => f.ruleId === 'host-pid')?.suppression).toEqual({ reason: 'in baseline kubecomply-baseline.json', source: 'baseline' });

    const stillNew = applyBaseline(lint({ 'a.yaml': NEW_PROBLEM }), baseline, 'in baseline x');
    expect(stillNew.findings.filter((f) => !f.suppression).map((f) => f.ruleId)).toEqual(['host-network']);
  });

  it('counts a second copy of a recorded finding as new', () => {
    const baseline = createBaseline(lint({ 'a.yaml': BLOCK }).findings);
    const doubled = applyBaseline(lint({ 'a.yaml': BLOCK, 'b.yaml': BLOCK }), baseline, 'in baseline x');
    expect(doubled.findings.filter((f) => !f.suppression).map((f) => `${f.file} ${f.ruleId}`)).toEqual(['b.yaml host-pid', 'b.yaml privileged-container']);
  });

  it('leaves findings suppressed by annotations out of the baseline, and their suppression as it was', () => {
    const annotated = BLOCK.replace('  namespace: shop\n', '  namespace: shop\n  annotations: { ignore.kubecomply.io/host-pid: "accepted" }\n');
    const result = lint({ 'a.yaml': annotated });
    const baseline = createBaseline(result.findings);
    expect(baseline.findings.map((e) => e.ruleId)).toEqual(['privileged-container']);
    const applied = applyBaseline(result, baseline, 'in baseline x');
    expect(applied.findings.map((f) => f.suppression?.source).sort()).toEqual(['annotation', 'baseline']);
  });

  it('is written the same way every time', () => {
    const a = formatBaseline(createBaseline(lint({ 'a.yaml': BLOCK }).findings));
    expect(formatBaseline(createBaseline(lint({ 'z.yaml': REFORMATTED }).findings))).toBe(a);
  });

  it('refuses files that are not baselines', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/b\.json is not a kubecomply baseline/);
    expect(() => parseBaseline('{"version": 2, "findings": []}', 'b.json')).toThrow(/write one with --write-baseline/);
    expect(() => parseBaseline('{"version": 1, "findings": [{}]}', 'b.json')).toThrow(/without a "fingerprint"/);
  });
});
