import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../src/action/run.js';

// The Action in-process (test/action.test.ts runs the committed bundle): here, catalogs read from the base commit.
const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-action-run-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop }\nspec:\n  containers:\n    - name: c\n      image: app:1\n      securityContext: { privileged: true }\n';
const CATALOG = (rules: string) =>
  `id: acme\nversion: "1"\ntitle: ACME baseline\ncontrols:\n  - { id: ACME-1, title: No privileged containers, rules: [${rules}] }\n`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('runAction in-process', () => {
  const repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'dev@example.com');
  git(repo, 'config', 'user.name', 'Dev');
  write(path.join(repo, 'policies/acme.yaml'), CATALOG('privileged-container'));
  write(path.join(repo, 'deploy/pod.yaml'), POD);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  // The pull request maps the control to a rule that does not fire here, so its own catalog would pass.
  write(path.join(repo, 'policies/acme.yaml'), CATALOG('host-pid'));
  git(repo, 'commit', '-q', '-am', 'loosen');
  const head = git(repo, 'rev-parse', 'HEAD');
  const files = { event: path.join(tmp, 'event.json'), output: path.join(tmp, 'output'), summary: path.join(tmp, 'summary.md') };
  writeFileSync(files.event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));

  async function run(extra: Record<string, string>) {
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const log: string[] = [];
    const env = {
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: path.join(tmp, 'runner'),
      INPUT_PATHS: '.',
      INPUT_CATALOGS: '../policies/acme.yaml',
      'INPUT_MIN-SCORE': 'acme=100',
      ...extra,
    };
    const status = await runAction({ env, cwd: path.join(repo, 'deploy'), log: (text) => void log.push(text) });
    return { status, log: log.join(''), outputs: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
  }

  it("scores a catalog as the base commit has it and lists the pull request's change to it", async () => {
    const out = await run({});
    expect(out.status).toBe(1);
    expect(out.outputs).toMatch(/^score-acme<<(\S+)\n0\n\1$/m);
    expect(out.summary).toContain('`acme` scores 0.0, below the minimum 100.');
    expect(out.summary).toMatch(/\| `policies\/acme\.yaml` \| catalog \| modified \|/);
    expect(out.log).toMatch(/^::error file=deploy\/pod\.yaml,line=8,/m);
  });

  it("with use-head-config, the pull request's catalog applies", async () => {
    const out = await run({ 'INPUT_USE-HEAD-CONFIG': 'true', 'INPUT_FAIL-ON': 'none' });
    expect(out.status).toBe(0);
    expect(out.outputs).toMatch(/^score-acme<<(\S+)\n100\n\1$/m);
  });
});

describe("runAction in-process: the config's plugins on a pull request", () => {
  const repo = path.join(tmp, 'plugins');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'dev@example.com');
  git(repo, 'config', 'user.name', 'Dev');
  /** A plain-object rule package (what definePlugin returns), so the test needs no installed core. */
  const plugin = (name: string, reports: boolean) =>
    `export default { name: '${name}', frameworks: [], rules: [{ id: '${name}-rule', description: 'd', severity: 'error', appliesTo: 'workloads', remediation: 'r', check(resource, ctx) { ${reports ? "ctx.report({ path: ['metadata'], message: 'from ${name}' });" : ''} } }] };\n`;
  write(path.join(repo, '.gitignore'), 'node_modules/\n');
  write(path.join(repo, '.kubecomply.yaml'), 'plugins: ["./rules/index.mjs", "npm-rules"]\n');
  write(path.join(repo, 'package.json'), '{ "name": "shop", "private": true }\n');
  write(path.join(repo, 'rules/index.mjs'), plugin('path', true));
  write(path.join(repo, 'deploy/pod.yaml'), POD);
  // An npm plugin, installed by the workflow rather than committed.
  write(path.join(repo, 'node_modules/npm-rules/package.json'), '{ "name": "npm-rules", "version": "1.0.0", "main": "index.mjs" }\n');
  write(path.join(repo, 'node_modules/npm-rules/index.mjs'), plugin('npm', true));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  write(path.join(repo, 'rules/index.mjs'), plugin('path', false));
  write(path.join(repo, 'package.json'), '{ "name": "shop", "private": true, "devDependencies": { "npm-rules": "2.0.0" } }\n');
  git(repo, 'commit', '-q', '-am', 'loosen');
  const event = path.join(tmp, 'plugins-event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: git(repo, 'rev-parse', 'HEAD') } } }));

  it("runs the base commit's path plugin, and says where an npm plugin came from and which manifests the pull request changes", async () => {
    const summary = path.join(tmp, 'plugins-summary.md');
    const log: string[] = [];
    const env = { GITHUB_EVENT_PATH: event, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: path.join(tmp, 'runner'), INPUT_PATHS: '.' };
    const status = await runAction({ env, cwd: path.join(repo, 'deploy'), log: (text) => void log.push(text) });
    expect(status).toBe(1);
    const text = log.join('');
    expect(text).toMatch(/^::error file=deploy\/pod\.yaml,line=3,.*title=path-rule /m);
    expect(text).toMatch(/^::error file=deploy\/pod\.yaml,line=3,.*title=npm-rule /m);
    const written = readFileSync(summary, 'utf8');
    expect(written).toMatch(/\| `rules\/` \| plugin \| modified \|/);
    expect(written).toContain(
      // The summary escapes Markdown's underscore in node_modules.
      'The plugin "npm-rules" comes from node\\_modules as this workflow installed it, not from git, and this pull request changes package.json:',
    );
  });
});
