/**
 * examples/payments is a small CDE with five deliberate gaps (its README
 * lists them). `kubecomply --framework pci-dss examples/payments` must report
 * each gap, where it is written, with its PCI DSS requirements, and nothing
 * else. Needs the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { findings, jsonReport, runCli } from './support/cli.js';

const run = (args: readonly string[]) => runCli(args, { timeoutMs: 60_000 });

/** Each deliberate gap: the finding (rule, file, line) and the requirements it must carry. */
const EXPECTED: { gap: string; ruleId: string; file: string; line: number; requirements: string[]; related?: string }[] = [
  {
    gap: 'the analytics namespace reaches the card database',
    ruleId: 'cde-workload-reachable-from-outside-cde',
    file: 'examples/payments/workloads.yaml',
    line: 95,
    requirements: ['1.2.5', '1.3.1', '11.4.5'],
    related: 'examples/payments/policies.yaml:51',
  },
  {
    gap: 'a Calico rule lets the tokenizer connect anywhere',
    ruleId: 'cde-egress-unrestricted',
    file: 'examples/payments/workloads.yaml',
    line: 49,
    requirements: ['1.3.2'],
    related: 'examples/payments/calico.yaml:45',
  },
  {
    gap: 'the same rule lets the tokenizer reach the cloud metadata API',
    ruleId: 'metadata-api-not-blocked',
    file: 'examples/payments/namespaces.yaml',
    line: 5,
    requirements: ['1.3.2'],
    related: 'examples/payments/calico.yaml:45',
  },
  {
    gap: 'support may exec into CDE pods',
    ruleId: 'cde-pods-exec-allowed',
    file: 'examples/payments/rbac.yaml',
    line: 24,
    requirements: ['7.2.2', '7.2.6', '8.6.1'],
  },
  {
    gap: 'support may exec into CDE pods (the role)',
    ruleId: 'rbac-pods-exec',
    file: 'examples/payments/rbac.yaml',
    line: 19,
    requirements: ['7.2.6', '8.6.1'],
  },
  {
    gap: 'the audit policy drops exec and attach',
    ruleId: 'cde-access-not-audited',
    file: 'examples/payments/audit-policy.yaml',
    line: 7,
    requirements: ['10.2.1', '10.2.1.1', '10.2.1.2'],
  },
  {
    gap: 'the audit policy drops exec (CIS key requests)',
    ruleId: 'audit-policy-missing-key-resources',
    file: 'examples/payments/audit-policy.yaml',
    line: 7,
    requirements: ['10.2.1.1', '10.2.1.2'],
  },
  {
    gap: 'the tokenizer metrics port is plain HTTP',
    ruleId: 'cde-service-plain-http',
    file: 'examples/payments/workloads.yaml',
    line: 250,
    requirements: ['4.2.1'],
  },
];

describe('examples/payments under --framework pci-dss (run the build first)', () => {
  const r = run(['--framework', 'pci-dss', '--format', 'json', 'examples/payments']);
  const report = jsonReport(r);

  it('exits 1 with no error on standard error', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('reports exactly the deliberate gaps, nothing else', () => {
    const got = report.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line}`).sort();
    expect(got).toEqual(EXPECTED.map((e) => `${e.ruleId} ${e.file}:${e.line}`).sort());
  });

  for (const e of EXPECTED) {
    it(`${e.gap}: ${e.ruleId} with PCI DSS ${e.requirements.join(', ')}`, () => {
      const finding = report.findings.find((f) => f.ruleId === e.ruleId && f.file === e.file);
      expect(finding, e.ruleId).toBeDefined();
      const ids = (report.rules[e.ruleId]?.controls ?? []).filter((c) => c.framework === 'pci-dss').map((c) => c.id);
      for (const requirement of e.requirements) expect(ids).toContain(requirement);
      if (e.related) expect((finding?.related ?? []).map((l) => `${l.file}:${l.range.start.line}`)).toContain(e.related);
    });
  }

  it('a Calico deny-all in place of the tokenizer rule closes the egress gap', () => {
    const calico = 'examples/payments/calico.yaml';
    const others = ['namespaces.yaml', 'workloads.yaml', 'policies.yaml'].map((f) => `examples/payments/${f}`);
    const without = run(['--framework', 'pci-dss', '--format', 'json', '--rule', 'cde-egress-unrestricted', ...others]);
    const withCalico = run(['--framework', 'pci-dss', '--format', 'json', '--rule', 'cde-egress-unrestricted', ...others, calico]);
    // Kubernetes policies alone close egress; the Calico rule of order 500 re-opens it for the tokenizer.
    expect(findings(without)).toHaveLength(0);
    expect(findings(withCalico)).toHaveLength(1);
  });
});
