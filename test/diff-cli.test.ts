/**
 * --changed-since in scratch git repositories: only the findings that the
 * changed files bring, matched against the merge base by baseline
 * fingerprints, with git as the only source of the old version.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, runCli } from './support/cli.js';

const hasGit = spawnSync('git', ['--version']).status === 0;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
            seccompProfile: { type: RuntimeDefault }
`;

/** A second container, hardened (with limits and a pinned image, unlike the first) but privileged. */
const PRIVILEGED_SIDECAR = `        - name: sidecar
          image: nginx@sha256:${'0'.repeat(64)}
          resources: { limits: { cpu: 100m, memory: 64Mi } }
          securityContext:
            privileged: true
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
            seccompProfile: { type: RuntimeDefault }
          ports: [{ containerPort: 8080 }]
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
`;

const OTHER = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  hostPID: true
  containers: [{ name: shell, image: busybox:1.36 }]
`;

let repo: string;
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
};
const kubecomply = (args: string[], cwd = repo) => runCli(args, { cwd });

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'kubecomply-diff-'));
  if (!hasGit) return;
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  write('deploy/web.yaml', DEPLOYMENT);
  write('deploy/debug.yaml', OTHER);
  git('add', '-A');
  git('commit', '-qm', 'base');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe.skipIf(!hasGit)('--changed-since <ref>', () => {
  it('a commit that adds one privileged container to a file with other findings reports exactly that one finding', () => {
    git('checkout', '-qb', 'feature');
    write('deploy/web.yaml', DEPLOYMENT + PRIVILEGED_SIDECAR);
    git('commit', '-qam', 'add a sidecar');
    const all = findings(kubecomply(['-f', 'json', 'deploy']));
    // The file already had findings before the commit, and the other file has its own.
    expect(all.filter((f) => f.file === 'deploy/web.yaml' && !f.path.includes(1)).length).toBeGreaterThan(0);
    expect(all.some((f) => f.file === 'deploy/debug.yaml')).toBe(true);

    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(findings(r).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`)).toEqual([
      'deploy/web.yaml:24:13 privileged-container',
    ]);
    // From a subdirectory, with paths relative to it, the same finding, named from there.
    const sub = kubecomply(['--changed-since', 'main', '-f', 'json', '.'], path.join(repo, 'deploy'));
    expect(findings(sub).map((f) => `${f.file} ${f.ruleId}`)).toEqual(['web.yaml privileged-container']);
    git('checkout', '-q', 'main');
  });

  it('counts findings: a second identical finding (a resource written twice) is new', () => {
    git('checkout', '-qb', 'duplicate');
    write('deploy/debug.yaml', `${OTHER}---\n${OTHER}`);
    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    const found = findings(r);
    expect(found.length).toBeGreaterThan(0);
    // Only the copy's findings: each starts in the second document (line 8 onward), none in the first.
    expect(found.filter((f) => !(f.file === 'deploy/debug.yaml' && f.range.start.line >= 8))).toEqual([]);
    expect(found.some((f) => f.ruleId === 'host-pid')).toBe(true);
    git('checkout', '-q', '--', '.');
    git('checkout', '-q', 'main');
  });

  it('includes uncommitted and untracked files, and not unchanged ones', () => {
    write('deploy/new.yaml', OTHER.replace('name: debug', 'name: debug-2'));
    const r = kubecomply(['--changed-since', 'HEAD', '-f', 'json', 'deploy']);
    const files = [...new Set(findings(r).map((f) => f.file))];
    expect(files).toEqual(['deploy/new.yaml']);
    rmSync(path.join(repo, 'deploy/new.yaml'));
    // Nothing changed: nothing to report, exit 0.
    const clean = kubecomply(['--changed-since', 'HEAD', 'deploy']);
    expect(clean.code).toBe(0);
  });

  it('a moved resource brings no new finding', () => {
    git('checkout', '-qb', 'move');
    git('mv', 'deploy/debug.yaml', 'deploy/tools.yaml');
    git('commit', '-qm', 'move');
    const r = kubecomply(['--changed-since', 'main', '-f', 'json', 'deploy']);
    expect(findings(r)).toEqual([]);
    git('checkout', '-q', 'main');
  });

  it('a ref that names no commit, or no repository at all, is a one-line usage error', () => {
    const bad = kubecomply(['--changed-since', 'no-such-branch', 'deploy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(
      'kubecomply: --changed-since: "no-such-branch" names no commit in this repository (fetch it first in a shallow clone).',
    );
    const outside = mkdtempSync(path.join(tmpdir(), 'kubecomply-nogit-'));
    try {
      writeFileSync(path.join(outside, 'a.yaml'), OTHER);
      const none = runCli(['--changed-since', 'main', 'a.yaml'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      expect(none.code).toBe(2);
      expect(none.stderr.split('\n')[0]).toBe(`kubecomply: --changed-since needs a git repository, and ${outside} is not in one.`);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    expect(readFileSync(path.join(repo, 'deploy/web.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });
});
