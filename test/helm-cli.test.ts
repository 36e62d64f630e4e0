/**
 * The built command on a Helm chart: its flags, and reports that point at
 * the chart. Build first: `npx -y pnpm@12.21.0 build`.
 */
import { describe, expect, it } from 'vitest';
import { findings as findingsOf, runCli } from './support/cli.js';
import { HAS_CORPUS, corpusPath } from './support/corpus.js';

const pair = corpusPath('helm', 'opentelemetry-target-allocator');

/** Runs the built command in the chart's folder of the corpus, with no config file. */
const run = (args: readonly string[]) => runCli(['--no-config', ...args], { cwd: pair, timeoutMs: 60_000 });

describe.runIf(HAS_CORPUS)('kubecomply on a rendered chart', () => {
  it('points findings at the chart, with the values files given for each render', () => {
    const r = run(['rendered', '-f', 'json', '--helm-values', 'rendered/collector-fleet/deployment.yaml=values/collector-fleet/values.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings = findingsOf(r);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.file).toMatch(/^chart\/templates\//);
    const image = findings.find((f) => f.ruleId === 'image-not-pinned-by-digest')!;
    expect(`${image.file}:${image.range.start.line}`).toBe('chart/templates/_pod.tpl:22');
    expect(image.helm!.values!.map((v) => [v.key, v.locations.map((l) => `${l.file}:${l.line}`)])).toEqual([
      ['targetAllocator.image.repository', ['chart/values.yaml:36']],
      ['targetAllocator.image.tag', ['chart/values.yaml:38']],
    ]);
    // Seven renders of the deployment (six deployment.yaml, one statefulset.yaml share _pod.tpl): one finding.
    expect(image.helm!.renders!.map((x) => x.file).sort()).toEqual([
      'rendered/collector-fleet/deployment.yaml',
      'rendered/consistent-hashing/deployment.yaml',
      'rendered/existing-configmap/deployment.yaml',
      'rendered/existing-service-account/deployment.yaml',
      'rendered/prometheus-scrape-config/deployment.yaml',
      'rendered/provide-custom-volumes/deployment.yaml',
      'rendered/statefulset-with-pvc/statefulset.yaml',
    ]);
    expect(image.helm!.renders!.find((x) => x.file.startsWith('rendered/collector-fleet'))!.valuesFiles).toEqual(['values/collector-fleet/values.yaml']);
  });

  it('keeps one finding per render with --no-helm-merge', () => {
    const r = run(['rendered', '-f', 'json', '--no-helm-merge', '--rule', 'image-not-pinned-by-digest']);
    const findings = findingsOf(r);
    expect(findings.map((f) => f.helm!.rendered!.file).sort()).toHaveLength(7);
    expect(new Set(findings.map((f) => `${f.file}:${f.range.start.line}`))).toEqual(new Set(['chart/templates/_pod.tpl:22']));
  });

  it('annotates the chart in GitHub workflow commands', () => {
    const r = run(['rendered/collector-fleet', '-f', 'github', '--rule', 'missing-resource-limits']);
    expect(r.stdout).toMatch(/^::warning file=chart\/templates\/_pod\.tpl,line=58,/m);
    expect(r.stdout).toMatch(/Rendered at rendered\/collector-fleet\/deployment\.yaml:36/);
  });

  it('refuses a --chart folder without Chart.yaml and an unreadable --helm-values file', () => {
    const noChart = run(['rendered', '--chart', 'values']);
    expect(noChart.code).toBe(2);
    expect(noChart.stderr).toMatch(/--chart values: no Chart\.yaml in that folder/);
    const noValues = run(['rendered', '--helm-values', 'values/nope.yaml']);
    expect(noValues.code).toBe(2);
    expect(noValues.stderr).toMatch(/--helm-values: cannot read values\/nope\.yaml/);
  });
});
