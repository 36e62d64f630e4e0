/**
 * `kubecomply reach` end to end (built CLI): the selection flags, the
 * formats, and usage errors. Build first.
 */
import { describe, expect, it } from 'vitest';
import { type JsonReach, runCli } from './support/cli.js';

const run = (args: readonly string[]) => runCli(args, { timeoutMs: 60_000 });

const json = (args: readonly string[]) => JSON.parse(run(['reach', '-f', 'json', ...args, 'examples/payments']).stdout) as JsonReach;

describe('kubecomply reach (run the build first)', () => {
  it('--cde selects the CDE workloads and marks them', () => {
    const report = json(['--cde']);
    expect(report.selection).toBe('the CDE');
    expect(report.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([
      'Deployment/ingress-nginx/ingress-nginx-controller',
      'Deployment/payments/payment-api',
      'Deployment/payments/tokenizer',
      'StatefulSet/payments/payments-db',
    ]);
    expect(report.nodes.filter((n) => n.marked).length).toBe(4);
    const gap = report.edges.find((e) => e.from === 'CronJob/analytics/nightly-report');
    expect(gap).toMatchObject({ to: 'StatefulSet/payments/payments-db', ports: 'TCP 5432' });
    expect(gap?.ingress.rule).toEqual({ label: 'NetworkPolicy/payments/payments-db spec.ingress[1]', file: 'examples/payments/policies.yaml', line: 51 });
  });

  it('--namespace and --selector narrow the selection (ANDed)', () => {
    const report = json(['--namespace', 'payments', '--selector', 'app=tokenizer']);
    expect(report.selection).toBe('namespace "payments", pods labelled app=tokenizer');
    expect(report.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['Deployment/payments/tokenizer']);
    expect(report.edges.every((e) => e.from === 'Deployment/payments/tokenizer' || e.to === 'Deployment/payments/tokenizer')).toBe(true);
  });

  it('prints a table by default and Markdown on request, exit 0', () => {
    const text = run(['reach', '--cde', 'examples/payments']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Reachability of the CDE: 4 workloads selected, \d+ allowed paths in or out\./);
    expect(text.stdout).toContain('CronJob/analytics/nightly-report');
    const md = run(['reach', '--cde', '-f', 'markdown', 'examples/payments']);
    expect(md.stdout).toContain('| From | To | Ports | Source egress | Destination ingress |');
  });

  it('draws an SVG', () => {
    const svg = run(['reach', '--cde', '-f', 'svg', 'examples/payments']).stdout;
    expect(svg.startsWith('<svg class="reach"')).toBe(true);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [
      ['reach', '-f', 'sarif', 'examples/payments'],
      ['reach', '--selector', 'app in (a)', 'examples/payments'],
      ['reach', '--cde'],
      ['--cde', 'examples/payments'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^kubecomply: /);
      expect(r.stdout).toBe('');
    }
  });
});
