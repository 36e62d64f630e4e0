import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITHUB_COMMAND, githubProperties, SARIF_SCHEMA_PATH, sarifErrors } from '../packages/core/test/support/formats.js';
import { findings, REPO_ROOT as root, runCli } from './support/cli.js';

const shop = path.join(root, 'examples/shop');
const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-path-base-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the built command in `cwd`, outside GitHub Actions unless `env` says otherwise. */
const kubecomply = (cwd: string, args: string[], env: Record<string, string> = {}) => runCli(args, { cwd, env });

function annotatedFiles(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => GITHUB_COMMAND.exec(l))
    .filter((m) => m !== null)
    .map((m) => githubProperties(m[2])['file'] as string);
}

describe('the built CLI (run the build first): report paths from the repository root, whatever the working directory', () => {
  it('github: `cd examples/shop && kubecomply . -f github` annotates examples/shop/<file>', () => {
    const out = kubecomply(shop, ['.', '-f', 'github']);
    expect(out.code).toBe(1);
    const files = annotatedFiles(out.stdout);
    expect(files.length).toBeGreaterThan(0);
    expect(files).toContain('examples/shop/debug-pod.json');
    for (const f of files) expect(existsSync(path.join(root, f)), f).toBe(true);
  });

  it('sarif: URIs from the repository root, valid against the schema', () => {
    const log = JSON.parse(kubecomply(shop, ['.', '-f', 'sarif']).stdout);
    if (existsSync(SARIF_SCHEMA_PATH)) expect(sarifErrors(log)).toBe('');
    const uris = (log.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri.startsWith('examples/shop/'), uri).toBe(true);
      expect(existsSync(path.join(root, decodeURIComponent(uri))), uri).toBe(true);
    }
  });

  it('markdown: links from the repository root, onto the commit in a GitHub run', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc123', GITHUB_WORKSPACE: root };
    const md = kubecomply(shop, ['.', '-f', 'markdown'], env).stdout;
    expect(md).toContain('](https://github.com/o/r/blob/abc123/examples/shop/');
    expect(md).not.toMatch(/blob\/abc123\/examples\/shop\/examples/);
    const local = kubecomply(shop, ['.', '-f', 'markdown']).stdout;
    expect(local).toMatch(/\]\(examples\/shop\/[a-z-]+\.(yaml|json)#L\d+\)/);
  });

  it('the terminal and JSON keep paths from the working directory', () => {
    expect(kubecomply(shop, ['.']).stdout).toMatch(/^debug-pod\.json$/m);
    expect(findings(kubecomply(shop, ['.', '-f', 'json'])).map((f) => f.file)).toContain('debug-pod.json');
  });

  it('--path-base overrides the base, for every format', () => {
    expect(annotatedFiles(kubecomply(shop, ['.', '-f', 'github', '--path-base', '.']).stdout)).toContain('debug-pod.json');
    expect(annotatedFiles(kubecomply(shop, ['.', '-f', 'github', '--path-base', '../..']).stdout)).toContain('examples/shop/debug-pod.json');
    expect(findings(kubecomply(shop, ['.', '-f', 'json', '--path-base', root])).map((f) => f.file)).toContain('examples/shop/debug-pod.json');
    const bad = kubecomply(shop, ['.', '-f', 'github', '--path-base', 'no-such-dir']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kubecomply: --path-base no-such-dir is not a directory.\nRun "kubecomply --help" for usage.\n');
  });

  it('without git, GITHUB_WORKSPACE is the base', () => {
    const workspace = path.join(tmp, 'workspace');
    cpSync(shop, path.join(workspace, 'deploy'), { recursive: true });
    const files = annotatedFiles(kubecomply(path.join(workspace, 'deploy'), ['.', '-f', 'github'], { GITHUB_WORKSPACE: workspace }).stdout);
    expect(files).toContain('deploy/debug-pod.json');
  });
});

describe('the built CLI: SARIF above 25,000 results', () => {
  it('keeps the 25,000 most severe in one run and warns on standard error', () => {
    const dir = path.join(tmp, 'many');
    mkdirSync(dir, { recursive: true });
    const containers = Array.from({ length: 50 }, (_, i) => `    - { name: c${i}, image: "app:1", securityContext: { privileged: true } }`).join('\n');
    const pods = Array.from({ length: 501 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: { name: p${i} }\nspec:\n  containers:\n${containers}\n`);
    writeFileSync(path.join(dir, 'pods.yaml'), pods.join('---\n'));
    const out = kubecomply(dir, ['pods.yaml', '--rule', 'privileged-container', '-f', 'sarif']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      'kubecomply: warning: SARIF holds at most 25,000 results per run for GitHub code scanning; kept the 25,000 most severe of 25,050 findings ' +
        "(the run's notification says so). Use --format json for all of them.\n",
    );
    const log = JSON.parse(out.stdout);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toHaveLength(25_000);
  });
});
