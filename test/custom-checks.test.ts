/**
 * Declarative checks: the Acme policy of docs/custom-checks.md, written as
 * config checks (docs/custom-checks/.kubecomply.yaml) and as a TypeScript
 * rule package (docs/custom-checks/acme-policy.ts), gives the same findings;
 * the checks reach every format and the compliance report. Uses the built
 * command (packages/cli/dist/cli.js).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Linter, configChecks, loadConfigFile, withChecks } from '@kubecomply/core';
import rulesCis from '@kubecomply/rules-cis';
import acmePolicy from '../docs/custom-checks/acme-policy.js';
import { findings, REPO_ROOT as root, runCli } from './support/cli.js';

const example = path.join(root, 'docs/custom-checks');
const temp = mkdtempSync(path.join(os.tmpdir(), 'kubecomply-checks-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const run = (args: string[], cwd = example) => runCli(args, { cwd });

const pairs = (findings: { ruleId: string; range: { start: { line: number; column: number } }; path: readonly (string | number)[] }[]) =>
  findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column} ${f.path.join('.')}`).sort();

describe('declarative checks', () => {
  const config = loadConfigFile(path.join(example, '.kubecomply.yaml'), { cwd: example });
  const checks = configChecks(config, example);

  it('give the same findings as the same policy written in TypeScript', () => {
    const declarative = new Linter({ plugins: withChecks([], checks, example), cwd: example }).lintPaths(['manifests.yaml']).findings;
    const typescript = new Linter({ plugins: [acmePolicy], cwd: example }).lintPaths(['manifests.yaml']).findings;
    expect(pairs(declarative)).toEqual([
      'acme-image-from-unapproved-registry 16:11 spec.template.spec.containers.1.image',
      'acme-loadbalancer-service 40:3 spec.type',
      'acme-team-label-missing 6:3 metadata.labels.team',
    ]);
    expect(pairs(typescript)).toEqual(pairs(declarative));
  });

  it('fill the message and say what failed', () => {
    const findings = new Linter({ plugins: withChecks([], checks, example), cwd: example }).lintPaths(['manifests.yaml']).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'Deployment checkout has no team label (metadata.labels.team: "team" is required)',
      'Deployment checkout runs an image from outside registry.acme.example (spec.template.spec.containers[1].image: must match pattern "^registry\\.acme\\.example/")',
      'Service checkout is of type LoadBalancer (spec.type: "LoadBalancer" is what the check forbids)',
    ]);
    expect(findings.every((f) => f.pathFound === (f.ruleId !== 'acme-team-label-missing'))).toBe(true);
  });

  it('map to the controls they name: a new framework, and a control of a loaded catalog', () => {
    const plugins = withChecks([rulesCis], checks, example);
    const result = new Linter({ plugins, cwd: example, rules: checks.map((c) => c.check.id) }).lintPaths(['manifests.yaml']);
    const lb = result.findings.find((f) => f.ruleId === 'acme-loadbalancer-service');
    expect(lb?.controls.map((c) => `${c.framework} ${c.id}`).sort()).toEqual(['acme-policy ACME-NET-3', 'nsa-cisa NS2']);
    const nsa = plugins.flatMap((p) => p.frameworks).find((f) => f.id === 'nsa-cisa');
    expect(nsa?.controls.find((c) => c.id === 'NS2')?.rules).toContain('namespace-without-networkpolicy');
  });

  it('match by namespace, name, labels, apiVersion and file', () => {
    const dir = mkdtempSync(path.join(temp, 'match-'));
    writeFileSync(
      path.join(dir, '.kubecomply.yaml'),
      `checks:
  - id: prod-replicas
    description: Production Deployments run at least two replicas.
    severity: error
    match:
      kinds: [Deployment]
      apiVersions: [apps/*]
      namespaces: [prod-*]
      names: ["!canary-*"]
      labels: { tier: "front*" }
      files: [deploy/**]
    path: spec.replicas
    schema: { type: integer, minimum: 2 }
    message: "{namespace}/{name} runs {path} below 2"
`,
    );
    const doc = (ns: string, name: string, tier: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${ns}, labels: { tier: ${tier} } }\nspec: { replicas: 1 }\n`;
    const text = [
      doc('prod-eu', 'web', 'frontend'),
      doc('dev', 'web', 'frontend'),
      doc('prod-eu', 'canary-web', 'frontend'),
      doc('prod-eu', 'api', 'backend'),
    ].join('---\n');
    writeFileSync(path.join(dir, 'other.yaml'), text);
    const deploy = path.join(dir, 'deploy');
    mkdirSync(deploy);
    writeFileSync(path.join(deploy, 'app.yaml'), text);
    const loaded = loadConfigFile(path.join(dir, '.kubecomply.yaml'), { cwd: dir });
    const result = new Linter({ plugins: withChecks([], configChecks(loaded, dir), dir), cwd: dir }).lintPaths(['.']);
    expect(result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.message}`)).toEqual([
      'deploy/app.yaml:4 prod-eu/web runs spec.replicas below 2 (spec.replicas: must be >= 2)',
    ]);
  });

  it('read more checks from checkFiles, and refuse other keys there', () => {
    const dir = mkdtempSync(path.join(temp, 'files-'));
    writeFileSync(
      path.join(dir, 'policy.yaml'),
      `checks:\n  - { id: no-default-ns, description: No default namespace., severity: warning, path: metadata, schema: { properties: { namespace: { not: { const: default } } } }, message: "{name} is in default" }\n`,
    );
    writeFileSync(path.join(dir, '.kubecomply.yaml'), 'checkFiles: [policy.yaml]\n');
    writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\n');
    const r = run(['a.yaml', '-f', 'json'], dir);
    expect(findings(r).map((f) => f.ruleId)).toEqual(['no-default-ns']);
    writeFileSync(path.join(dir, 'policy.yaml'), 'failOn: warning\nchecks: []\n');
    const bad = run(['a.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('policy.yaml:1:1: a checks file holds only "checks:", not "failOn"');
  });

  it('are validated like the rest of the config, with the line of each problem', () => {
    const dir = mkdtempSync(path.join(temp, 'bad-'));
    writeFileSync(path.join(dir, '.kubecomply.yaml'), 'checks:\n  - id: Bad_Id\n    description: x\n    severity: error\n    message: m\n');
    writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    const r = run(['a.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.kubecomply.yaml:2:');
    expect(r.stderr).toContain('schema');
  });
});

describe('declarative checks through the command', () => {
  it('fail the run and appear in json, sarif and the compliance report', () => {
    const stylish = run(['manifests.yaml']);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('acme-loadbalancer-service');
    const json = findings(run(['manifests.yaml', '-f', 'json', '--framework', 'acme-policy']));
    expect(json.map((f) => f.ruleId).sort()).toEqual(['acme-image-from-unapproved-registry', 'acme-loadbalancer-service', 'acme-team-label-missing']);
    const sarif = JSON.parse(run(['manifests.yaml', '-f', 'sarif', '--framework', 'acme-policy']).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      'acme-image-from-unapproved-registry',
      'acme-loadbalancer-service',
      'acme-team-label-missing',
    ]);
    const report = run(['report', 'manifests.yaml', '--framework', 'acme-policy']);
    expect(report.stdout).toContain('ACME-NET-3');
    expect(report.stdout).toContain('score 0.0%');
  });

  it('docs/custom-checks.md shows both files as they are', () => {
    const doc = readFileSync(path.join(root, 'docs/custom-checks.md'), 'utf8');
    expect(doc).toContain(readFileSync(path.join(example, '.kubecomply.yaml'), 'utf8'));
    expect(doc).toContain(readFileSync(path.join(example, 'acme-policy.ts'), 'utf8'));
  });
});
