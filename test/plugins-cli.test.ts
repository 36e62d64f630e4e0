/**
 * Rule packages loaded by the built command: examples/company-rules through
 * --plugin and through the config's `plugins`, resolved as ESLint resolves
 * plugins, and the one-line errors for what cannot be loaded.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../examples/company-rules/index.js';
import { ruleFixtureTests } from './support/rule-package-fixtures.js';
import { findingsOf, root, runCli } from './support/cli-run.js';

const example = path.join(root, 'examples/company-rules');

describe('examples/company-rules fixtures and docs', () => {
  ruleFixtureTests(example, plugin);
});

const MANIFEST = [
  'apiVersion: apps/v1', //                                    1
  'kind: Deployment', //                                       2
  'metadata:', //                                              3
  '  name: web', //                                            4
  '  namespace: shop', //                                      5
  'spec:', //                                                  6
  '  selector: { matchLabels: { app: web } }', //              7
  '  template:', //                                           8
  '    metadata: { labels: { app: web } }', //                 9
  '    spec:', //                                             10
  '      containers:', //                                     11
  '        - name: web', //                                   12
  '          image: nginx:1.27', //                           13
  '',
].join('\n');

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubecomply-plugins-'));
  writeFileSync(path.join(work, 'app.yaml'), MANIFEST);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const companyFindings = (stdout: string) =>
  findingsOf({ code: 0, stdout, stderr: '' })
    .filter((f) => f.ruleId === 'team-label-missing' || f.ruleId === 'public-registry-image')
    .map((f) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId}`);

describe('loading a rule package from the command line', () => {
  it('--plugin <path> runs its rules with their controls', () => {
    const r = runCli(['--plugin', path.relative(work, example), '-f', 'json', 'app.yaml'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(companyFindings(r.stdout)).toEqual(['3:1 team-label-missing', '13:11 public-registry-image']);
    const rules = (JSON.parse(r.stdout) as { rules: Record<string, { controls: { framework: string; id: string }[] }> }).rules;
    expect(rules['team-label-missing']?.controls).toEqual([{ framework: 'acme-platform', version: '2026.1', id: 'ACME-1' }]);
    // The company framework maps onto a rule kubecomply ships, too.
    expect(rules['image-not-pinned-by-digest']?.controls).toContainEqual({ framework: 'acme-platform', version: '2026.1', id: 'ACME-2' });
  });

  it('--framework acme-platform runs only the rules the company framework lists', () => {
    const r = runCli(['--plugin', example, '--framework', 'acme-platform', '-f', 'json', 'app.yaml'], { cwd: work });
    expect([...new Set(findingsOf(r).map((f) => f.ruleId))].sort()).toEqual(['image-not-pinned-by-digest', 'public-registry-image', 'team-label-missing']);
  });

  it("config plugins: a bare package name resolves from the config file's folder, not the working directory", () => {
    const project = path.join(work, 'project');
    mkdirSync(path.join(project, 'node_modules/@acme'), { recursive: true });
    symlinkSync(example, path.join(project, 'node_modules/@acme/kubecomply-rules'), 'dir');
    mkdirSync(path.join(project, 'deploy'), { recursive: true });
    writeFileSync(path.join(project, 'deploy/app.yaml'), MANIFEST);
    writeFileSync(path.join(project, '.kubecomply.yaml'), 'plugins: ["@acme/kubecomply-rules"]\nrules: { public-registry-image: warning }\n');
    // Run from a subfolder: the config is found by walking up, and its plugins resolve from its own folder.
    const r = runCli(['-f', 'json', 'app.yaml'], { cwd: path.join(project, 'deploy') });
    expect(r.stderr).toBe('kubecomply: using config ../.kubecomply.yaml\n');
    expect(companyFindings(r.stdout)).toEqual(['3:1 team-label-missing', '13:11 public-registry-image']);
    expect(findingsOf(r).find((f) => f.ruleId === 'public-registry-image')?.severity).toBe('warning');
    // The same name given with --plugin resolves from the working directory, where it is not installed.
    const flag = runCli(['--no-config', '--plugin', '@acme/kubecomply-rules', 'app.yaml'], { cwd: work });
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe(
      `kubecomply: Cannot find plugin "@acme/kubecomply-rules" (--plugin): it is not installed where ${work} can see it (npm install --save-dev @acme/kubecomply-rules), or give a path starting with ./.`,
    );
  });

  it('config plugins: a path is relative to the config file', () => {
    const dir = path.join(work, 'relative');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'kubecomply.yaml'), `plugins: [${JSON.stringify(path.relative(dir, example))}]\n`);
    const r = runCli(['--config', 'relative/kubecomply.yaml', '-f', 'json', 'app.yaml'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(companyFindings(r.stdout)).toHaveLength(2);
  });

  it('"kubecomply rules --plugin" lists the package\'s rules', () => {
    const r = runCli(['rules', '--plugin', example], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^team-label-missing +error +@acme\/kubecomply-rules +acme-platform ACME-1$/m);
  });
});

describe('rule packages that cannot be loaded: one line, exit 2', () => {
  const write = (name: string, text: string) => {
    writeFileSync(path.join(work, name), text);
    return `./${name}`;
  };
  const firstLine = (args: string[]) => {
    const r = runCli(['--no-config', ...args, 'app.yaml'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
    return r.stderr.split('\n')[0];
  };

  it('a missing file', () => {
    expect(firstLine(['--plugin', './nowhere.js'])).toBe(`kubecomply: Cannot find plugin "./nowhere.js" (--plugin): no such file (resolved from ${work}).`);
  });

  it('a module that is not a rule package', () => {
    const file = write('not-a-plugin.mjs', 'export default { name: "x", rules: "all" };\n');
    expect(firstLine(['--plugin', file])).toBe(
      `kubecomply: Plugin "${file}" (--plugin) is not a rule package: "rules" is not a list; export definePlugin({ name, rules, frameworks }) as its default export.`,
    );
    const rule = write('bad-rule.mjs', 'export const plugin = { name: "y", rules: [{ id: "z" }], frameworks: [] };\n');
    expect(firstLine(['--plugin', rule])).toMatch(/is not a rule package: rules\[0\] is not a rule made with defineRule/);
  });

  it('a module that throws while loading', () => {
    const file = write('throws.mjs', 'throw new Error("no config for ACME");\n');
    expect(firstLine(['--plugin', file])).toBe(`kubecomply: Cannot load plugin "${file}" (--plugin) from ${path.join(work, 'throws.mjs')}: no config for ACME`);
  });

  it('a rule id that another package defines already', () => {
    const file = write('dup.mjs', 'export default { name: "dup", frameworks: [], rules: [{ id: "privileged-container", check() {} }] };\n');
    expect(firstLine(['--plugin', file])).toBe(
      'kubecomply: Rule id "privileged-container" is defined by both @kubecomply/rules-cis and dup; rule ids must be unique.',
    );
  });

  it('the config names a package that is not installed', () => {
    const dir = path.join(work, 'missing-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.kubecomply.yaml'), 'plugins: [kubecomply-plugin-nope]\n');
    writeFileSync(path.join(dir, 'app.yaml'), MANIFEST);
    const r = runCli(['app.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^kubecomply: Cannot find plugin "kubecomply-plugin-nope" \(plugins in \.kubecomply\.yaml\): it is not installed/);
  });
});
