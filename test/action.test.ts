import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT, OTHER, PRIVILEGED_SIDECAR } from './support/diff-manifests.js';
import { GITHUB_COMMAND, githubProperties, SARIF_SCHEMA_PATH, sarifErrors, unescapeGithub } from '../packages/core/test/support/formats.js';

/**
 * The committed Action bundle run as GitHub's runner runs it: `node
 * bundle/action.cjs` with the inputs as INPUT_* variables, the file commands
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, a pull_request event payload, and
 * a working directory below the repository root, in a scratch repository
 * with a base and a head commit.
 */
const root = path.resolve(import.meta.dirname, '..');
const action = path.join(root, 'bundle/action.cjs');
const kubecomply = path.join(root, 'bundle/kubecomply.cjs');
const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-action-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const BAD = `apiVersion: v1
kind: Pod
metadata: { name: worker, namespace: shop }
spec:
  containers:
    - name: worker
      image: busybox:1.36
      securityContext:
        privileged: true
`;
const PRIVILEGED_LINE = 9;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
  }).trim();
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** GITHUB_OUTPUT read as the runner reads it: `name=value` or `name<<DELIM` ... `DELIM`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || line.indexOf('<<') < eq)) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      if (end === -1) throw new Error(`Matching delimiter not found: ${heredoc[2]}`);
      out[heredoc[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  annotations: { type: string; props: Record<string, string>; message: string }[];
  outputs: Record<string, string>;
  summary: string;
  sarif:
    | {
        runs: {
          results: {
            ruleId: string;
            level: string;
            suppressions?: unknown[];
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          }[];
        }[];
      }
    | undefined;
}

let repo = '';
let base = '';
let head = '';
let runs = 0;

function runAction(inputs: Record<string, string>, options: { cwd?: string; event?: object; repo?: string } = {}): Run {
  const workspace = options.repo ?? repo;
  const dir = path.join(tmp, `run-${runs++}`);
  mkdirSync(dir, { recursive: true });
  const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md'), event: path.join(dir, 'event.json') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(
    files.event,
    JSON.stringify(
      options.event ?? { action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } },
    ),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: head,
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const out = spawnSync(process.execPath, [action], { cwd: options.cwd ?? path.join(workspace, 'deploy'), env, encoding: 'utf8' });
  if (out.error) throw out.error;
  const annotations = out.stdout
    .split('\n')
    .map((l) => GITHUB_COMMAND.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ type: m[1] as string, props: githubProperties(m[2]), message: unescapeGithub(m[3] as string) }));
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
  const sarifFile = outputs['sarif-file'];
  return {
    status: out.status,
    stdout: out.stdout,
    stderr: out.stderr,
    annotations,
    outputs,
    summary: readFileSync(files.summary, 'utf8'),
    sarif: sarifFile && existsSync(sarifFile) ? JSON.parse(readFileSync(sarifFile, 'utf8')) : undefined,
  };
}

beforeAll(() => {
  repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'dev@example.com');
  git(repo, 'config', 'user.name', 'Dev');
  // The base: a config that fails on errors, a workload with known findings recorded in a baseline.
  write(path.join(repo, '.kubecomply.yaml'), 'failOn: error\n');
  write(path.join(repo, 'deploy/web.yaml'), GOOD);
  execFileSync(process.execPath, [kubecomply, '.', '--write-baseline', 'baseline.json', '--fail-on', 'none'], {
    cwd: path.join(repo, 'deploy'),
    stdio: 'ignore',
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  base = git(repo, 'rev-parse', 'HEAD');
  // The pull request: a privileged Pod, the config told to ignore everything, the baseline rewritten to take the new findings.
  git(repo, 'checkout', '-q', '-b', 'feature');
  write(path.join(repo, 'deploy/worker.yaml'), BAD);
  write(path.join(repo, '.kubecomply.yaml'), 'failOn: error\nignore: ["**"]\n');
  execFileSync(process.execPath, [kubecomply, '.', '--no-config', '--write-baseline', 'baseline.json', '--fail-on', 'none'], {
    cwd: path.join(repo, 'deploy'),
    stdio: 'ignore',
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'worker pod');
  head = git(repo, 'rev-parse', 'HEAD');
});

describe('the GitHub Action bundle on a pull_request event (run as the runner does, on this Node)', () => {
  let run: Run;
  beforeAll(() => {
    run = runAction({ paths: '.', baseline: 'baseline.json', 'min-score': 'pss-baseline=50' });
  });

  it('fails on the privileged container although the pull request adds ignore: ["**"] and rewrites the baseline', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const privileged = run.annotations.find((a) => a.props['title']?.startsWith('privileged-container'));
    expect(privileged).toMatchObject({
      type: 'error',
      props: { file: 'deploy/worker.yaml', line: String(PRIVILEGED_LINE), title: 'privileged-container (Pod/shop/worker)' },
    });
    expect(run.outputs['result']).toBe('fail');
  });

  it('takes the config and baseline from the base commit and says what the pull request changes in them', () => {
    expect(run.summary).toContain(`read from the pull request's base commit \`${base.slice(0, 12)}\``);
    expect(run.summary).toMatch(/\| `\.kubecomply\.yaml` \| config \| modified \|/);
    expect(run.summary).toMatch(/\| `deploy\/baseline\.json` \| baseline \| modified \|/);
    expect(run.stdout).toMatch(/this pull request changes \.kubecomply\.yaml, deploy\/baseline\.json \(not applied\)\.\n$/);
    // The base baseline knows web.yaml's findings, so only worker.yaml's are open.
    const open = run.sarif!.runs[0]!.results.filter((r) => !r.suppressions);
    expect(new Set(open.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['deploy/worker.yaml']));
    expect(run.sarif!.runs[0]!.results.some((r) => r.suppressions && r.locations[0]!.physicalLocation.artifactLocation.uri === 'deploy/web.yaml')).toBe(true);
  });

  it('annotates repository paths, within ten per type, and the counts match the SARIF', () => {
    for (const type of ['error', 'warning', 'notice']) expect(run.annotations.filter((a) => a.type === type).length).toBeLessThanOrEqual(10);
    for (const a of run.annotations) expect(existsSync(path.join(repo, a.props['file'] as string)), a.props['file']).toBe(true);
    const open = run.sarif!.runs[0]!.results.filter((r) => !r.suppressions);
    const count = (level: string) => String(open.filter((r) => r.level === level).length);
    expect(run.outputs['error-count']).toBe(count('error'));
    expect(run.outputs['warning-count']).toBe(count('warning'));
    expect(run.outputs['info-count']).toBe(count('note'));
    expect(Number(run.outputs['error-count'])).toBeGreaterThan(0);
    expect(run.outputs['suppressed-count']).toBe(String(run.sarif!.runs[0]!.results.length - open.length));
    const annotated = run.annotations.filter((a) => a.type === 'error').length;
    expect(annotated).toBe(Math.min(10, Number(run.outputs['error-count'])));
  });

  it('outputs a score per framework, as JSON and one by one', () => {
    const scores = JSON.parse(run.outputs['scores'] as string) as Record<string, number | null>;
    expect(Object.keys(scores)).toEqual(expect.arrayContaining(['pss-baseline', 'pss-restricted', 'cis-kubernetes', 'pci-dss']));
    for (const [id, score] of Object.entries(scores)) expect(run.outputs[`score-${id}`]).toBe(score === null ? '' : String(score));
    expect(scores['pss-baseline']).toBeLessThan(100);
  });

  it('writes the SARIF file: schema-valid, URIs from the repository root', () => {
    expect(run.outputs['sarif-file']).toBe(path.join(tmp, `run-0/runner-temp/kubecomply.sarif`));
    if (existsSync(SARIF_SCHEMA_PATH)) expect(sarifErrors(run.sarif)).toBe('');
    for (const r of run.sarif!.runs[0]!.results) {
      const uri = r.locations[0]!.physicalLocation.artifactLocation.uri;
      expect(uri.startsWith('deploy/'), uri).toBe(true);
      expect(existsSync(path.join(repo, uri))).toBe(true);
    }
  });

  it('writes the Markdown report to the step summary, with links onto the commit', () => {
    expect(run.summary.startsWith('## kubecomply: ❌ failed\n')).toBe(true);
    expect(run.summary).toContain('## Kubernetes compliance report');
    expect(run.summary).toContain(`(https://github.com/acme/shop/blob/${head}/deploy/worker.yaml#L${PRIVILEGED_LINE})`);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  });
});

describe('the Action: choices a repository makes', () => {
  it('use-head-config: true lets the pull request\'s config apply (here its ignore: ["**"] passes the run)', () => {
    const run = runAction({ paths: '.', 'use-head-config': 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs['result']).toBe('pass');
    expect(run.outputs['error-count']).toBe('0');
    expect(run.summary).toContain('read from the pull request itself (use-head-config: true)');
    expect(run.summary).toMatch(/\| `\.kubecomply\.yaml` \| config \| modified \|/);
  });

  it('only-changed reports what the pull request brings (diff mode against its base), here every finding of the file it adds', () => {
    const run = runAction({ paths: '.', 'only-changed': 'true' });
    expect(run.status).toBe(1);
    const uris = new Set(run.sarif!.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['deploy/worker.yaml']));
    expect(run.summary).toContain('only-changed: only the findings this pull request brings are reported, as kubecomply --changed-since reports them');
  });

  it('annotations: off prints no annotation but still fails and reports', () => {
    const run = runAction({ paths: '.', annotations: 'off' });
    expect(run.status).toBe(1);
    expect(run.annotations).toEqual([]);
    expect(run.summary).toContain('Annotations are off');
  });

  it("on GitHub's merge commit, annotates first the findings on lines the pull request changed, not those the base branch changed since", () => {
    // The base branch moves on after the pull request's base.sha (a privileged container added to web.yaml),
    // and the checkout is the test merge commit, whose first parent is that newer base.
    const merged = path.join(tmp, 'merged');
    git(tmp, 'clone', '-q', '--no-local', repo, merged);
    git(merged, 'config', 'user.email', 'dev@example.com');
    git(merged, 'config', 'user.name', 'Dev');
    git(merged, 'checkout', '-q', 'main');
    write(path.join(merged, 'deploy/web.yaml'), `${GOOD}          securityContext: { privileged: true }\n`);
    git(merged, 'commit', '-q', '-am', 'web privileged');
    git(merged, 'checkout', '-q', '--detach', 'main');
    git(merged, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'origin/feature');
    expect(git(merged, 'rev-parse', 'HEAD^2')).toBe(head);
    const run = runAction({ paths: '.' }, { repo: merged });
    const errors = run.annotations.filter((a) => a.type === 'error');
    const files = errors.map((a) => a.props['file']);
    // Findings are sorted by file, so web.yaml's would come first; the pull request's worker.yaml comes first instead.
    const worker = files.filter((f) => f === 'deploy/worker.yaml').length;
    expect(worker).toBe(5);
    expect(files.slice(0, worker)).toEqual(Array(worker).fill('deploy/worker.yaml'));
    expect(files.slice(worker)).toEqual(Array(files.length - worker).fill('deploy/web.yaml'));
    expect(files.length).toBe(10);
    // web.yaml's privileged line is not the pull request's: it is not among the annotations kept first.
    expect(run.summary).toMatch(
      /not annotated: GitHub attaches at most 10 annotations of each type to a step, and those on lines this pull request changes came first/,
    );
    expect(Number(run.outputs['annotations-left-out'])).toBeGreaterThan(0);
  });

  it("on a push (no pull request), the checkout's config applies and only-changed lints every file, saying why", () => {
    const run = runAction({ paths: '.', 'only-changed': 'true', config: '../.kubecomply.yaml' }, { event: { ref: 'refs/heads/main', after: head } });
    // The checkout's config ignores everything: on a push that is the repository's own choice.
    expect(run.status).toBe(0);
    expect(run.outputs['result']).toBe('pass');
    expect(run.summary).not.toContain('base commit');
    expect(run.summary).toContain('only-changed applies to pull requests; this run is not one, so every file was linted.');
  });

  it('a bad input is one error command and exit 2', () => {
    const run = runAction({ paths: '.', 'fail-on': 'sometimes' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('::error::kubecomply: Input fail-on must be one of error, warning, info, none, not "sometimes".\n');
    expect(run.summary).toBe('## kubecomply: ⚠️ could not run\n\nInput fail-on must be one of error, warning, info, none, not "sometimes".\n');
  });

  it('a malformed min-score is a usage error of the input', () => {
    const run = runAction({ paths: '.', 'min-score': 'pss-restricted' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('::error::kubecomply: Input min-score: must look like <framework>=<0-100>, e.g. cis-kubernetes=80, not "pss-restricted".\n');
  });

  it('a base commit missing from the clone is an error that says to fetch it', () => {
    const run = runAction({ paths: '.' }, { event: { pull_request: { base: { sha: 'f'.repeat(40) }, head: { sha: head } } } });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^::error::kubecomply: The pull request's base commit ffffffffffff is not in this clone.*fetch-depth: 0\.\n$/);
  });
});

/** A scratch repository with a base commit on main and a pull request's head commit on feature, checked out at the head. */
function pullRequestRepo(name: string, baseFiles: Record<string, string>, headFiles: Record<string, string>): { repo: string; event: object } {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  for (const [file, text] of Object.entries(baseFiles)) write(path.join(dir, file), text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  for (const [file, text] of Object.entries(headFiles)) write(path.join(dir, file), text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'pull request');
  const headSha = git(dir, 'rev-parse', 'HEAD');
  return { repo: dir, event: { pull_request: { number: 8, base: { sha: baseSha }, head: { sha: headSha } } } };
}

describe('the Action: only-changed is diff mode, as the command runs it', () => {
  const HARDENED = DEPLOYMENT;
  const SIDECAR = PRIVILEGED_SIDECAR;
  const DEBUG = OTHER;

  it('a pull request that adds one privileged container to a file with other findings gets exactly that finding, as --changed-since gives it', () => {
    const pr = pullRequestRepo(
      'diff-repo',
      { 'deploy/web.yaml': HARDENED, 'deploy/debug.yaml': DEBUG },
      { 'deploy/web.yaml': HARDENED + SIDECAR, 'deploy/debug.yaml': `${DEBUG}  # touched\n` },
    );
    // Without only-changed, both files have findings.
    const all = runAction({ paths: '.' }, { repo: pr.repo, event: pr.event });
    const allFiles = new Set(all.sarif!.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(allFiles).toEqual(new Set(['deploy/web.yaml', 'deploy/debug.yaml']));

    const run = runAction({ paths: '.', 'only-changed': 'true' }, { repo: pr.repo, event: pr.event });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const results = run.sarif!.runs[0]!.results.map(
      (r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`,
    );
    expect(results).toEqual(['deploy/web.yaml:24 privileged-container']);
    expect(run.annotations.map((a) => `${a.type} ${a.props['file']}:${a.props['line']} ${a.props['title']}`)).toEqual([
      'error deploy/web.yaml:24 privileged-container (Deployment/shop/web)',
    ]);
    expect(run.outputs['error-count']).toBe('1');
    // The command's diff mode on the same checkout says the same.
    const base = (pr.event as { pull_request: { base: { sha: string } } }).pull_request.base.sha;
    const cli = spawnSync(process.execPath, [kubecomply, '--changed-since', base, '-f', 'json', '.'], { cwd: path.join(pr.repo, 'deploy'), encoding: 'utf8' });
    const findings = (JSON.parse(cli.stdout) as { findings: { file: string; range: { start: { line: number } }; ruleId: string }[] }).findings;
    expect(findings.map((f) => `deploy/${f.file}:${f.range.start.line} ${f.ruleId}`)).toEqual(results);
  });
});

describe('the Action: plugins named in the config come from the same commit as the config', () => {
  /** A rule package in the repository: one rule that wants a team label, or, in the pull request, none. */
  const plugin = (check: string) => `import { definePlugin, defineRule } from '@kubecomply/core';
export default definePlugin({
  name: 'acme-rules',
  frameworks: [],
  rules: [
    defineRule({
      id: 'acme-team-label',
      description: 'Workloads carry a team label.',
      severity: 'error',
      appliesTo: 'workloads',
      remediation: 'Add metadata.labels.team.',
      check(resource, ctx) {
        ${check}
      },
    }),
  ],
});
`;
  const REPORTS = "if (resource.labels['team'] === undefined) ctx.report({ path: ['metadata', 'labels', 'team'], message: 'No team label.' });";
  const APP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: shop }\ndata: { a: b }\n---\n' + GOOD;
  let pr: { repo: string; event: object };
  let marker: string;

  beforeAll(() => {
    marker = path.join(tmp, 'evil-plugin-ran');
    pr = pullRequestRepo(
      'plugin-repo',
      {
        '.gitignore': 'node_modules/\n',
        '.kubecomply.yaml': 'plugins: ["./rules/index.js"]\n',
        'rules/package.json': '{ "name": "acme-rules", "version": "1.0.0", "type": "module", "main": "index.js" }\n',
        'rules/index.js': plugin(REPORTS),
        'deploy/app.yaml': APP,
      },
      {
        // The pull request empties the rule and names a plugin of its own, whose code would leave a mark.
        'rules/index.js': plugin('return;'),
        '.kubecomply.yaml': 'plugins: ["./rules/index.js", "./evil.js"]\n',
        'evil.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { name: 'evil', rules: [], frameworks: [] };\n`,
      },
    );
    // The plugin imports @kubecomply/core, installed (not committed) as a workflow's npm install would.
    mkdirSync(path.join(pr.repo, 'node_modules/@kubecomply'), { recursive: true });
    symlinkSync(path.join(root, 'packages/core'), path.join(pr.repo, 'node_modules/@kubecomply/core'), 'dir');
  });

  it("runs the base commit's plugin code and names, so emptying a rule or adding a plugin in the pull request changes nothing", () => {
    const run = runAction({ paths: '.' }, { repo: pr.repo, event: pr.event });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const team = run.annotations.filter((a) => a.props['title']?.startsWith('acme-team-label'));
    expect(team.map((a) => `${a.props['file']}:${a.props['line']}`)).toEqual(['deploy/app.yaml:8']);
    expect(existsSync(marker)).toBe(false);
    expect(run.summary).toMatch(/\| `rules\/` \| plugin \| modified \|/);
    expect(run.summary).toMatch(/\| `\.kubecomply\.yaml` \| config \| modified \|/);
    // The base commit's copy is gone once the run is over.
    expect(readdirSync(pr.repo).filter((f) => f.startsWith('.kubecomply-base-'))).toEqual([]);
    expect(git(pr.repo, 'status', '--porcelain')).toBe('');
  });

  it("use-head-config: true loads the pull request's plugins, as the command would", () => {
    const run = runAction({ paths: '.', 'use-head-config': 'true' }, { repo: pr.repo, event: pr.event });
    expect(run.stderr).toBe('');
    expect(run.annotations.filter((a) => a.props['title']?.startsWith('acme-team-label'))).toEqual([]);
    expect(readFileSync(marker, 'utf8')).toBe('ran');
    rmSync(marker);
  });

  it('a plugin the base commit does not have is an error that says so', () => {
    const missing = pullRequestRepo(
      'plugin-missing',
      { '.kubecomply.yaml': 'plugins: ["./rules/index.js"]\n', 'deploy/app.yaml': GOOD },
      { 'rules/index.js': plugin(REPORTS) },
    );
    const run = runAction({ paths: '.' }, { repo: missing.repo, event: missing.event });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(
      /^::error::kubecomply: Plugin "\.\/rules\/index\.js" is not in the pull request's base commit [0-9a-f]{12}; the Action loads plugins named by a path from the base commit/,
    );
  });
});
