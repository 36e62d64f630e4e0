import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The hook as users get it: pre-commit (Debian's, installed by .ci/run)
 * installs a clean clone of this repository with npm and runs the committed
 * bundle on a scratch repository's files. Only committed work is in the
 * clone, so commit before running this.
 */
const root = path.resolve(import.meta.dirname, '..');
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = !preCommit.error && preCommit.status === 0;
const isRepository = existsSync(path.join(root, '.git'));
const reason = !hasPreCommit ? 'pre-commit is not installed (apt-get install pre-commit; .ci/run does)' : 'this tree is not a git repository to clone';

const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: web
          image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
          resources: { limits: { cpu: 500m, memory: 256Mi }, requests: { cpu: 100m, memory: 128Mi } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

const BAD = `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop }
spec:
  containers:
    - name: debug
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-pre-commit-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string) {
  const out = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never', NO_COLOR: '1' },
  });
  if (out.error) throw out.error;
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe.skipIf(!hasPreCommit || !isRepository)(
  `pre-commit on a clean clone of this repository${hasPreCommit && isRepository ? '' : ` (skipped: ${reason})`}`,
  () => {
    const clone = path.join(tmp, 'kubecomply');
    const scratch = path.join(tmp, 'scratch');

    beforeAll(() => {
      git(tmp, 'clone', '-q', '--no-local', root, clone);
      mkdirSync(path.join(scratch, 'vendor'), { recursive: true });
      git(scratch, 'init', '-q');
      git(scratch, 'config', 'user.email', 'dev@example.com');
      git(scratch, 'config', 'user.name', 'Dev');
      writeFileSync(path.join(scratch, 'good.yaml'), GOOD);
      writeFileSync(path.join(scratch, 'bad.yaml'), BAD);
      // The config is read: its ignore glob keeps vendor/ out, though pre-commit passes the file.
      writeFileSync(path.join(scratch, 'vendor', 'upstream.yaml'), BAD);
      writeFileSync(path.join(scratch, '.kubecomply.yaml'), 'ignore: ["vendor/**"]\n');
      git(scratch, 'add', '-A');
    });

    it('the clone has the committed bundle and no build step', () => {
      expect(existsSync(path.join(clone, 'bundle', 'kubecomply.cjs'))).toBe(true);
      expect(existsSync(path.join(clone, '.pre-commit-hooks.yaml'))).toBe(true);
    });

    it('try-repo --all-files: the bad manifest fails the hook with its finding; the good one has no error and the ignored one is not reported', () => {
      const out = run('pre-commit', ['try-repo', clone, 'kubecomply', '--all-files'], scratch);
      expect(out.status, out.output).toBe(1);
      expect(out.output).toMatch(/^kubecomply\.+Failed$/m);
      expect(out.output).toMatch(/^bad\.yaml$/m);
      expect(out.output).toMatch(/^ {2}9:9 +error +Pod\/debug Container "debug" runs privileged.* privileged-container$/m);
      // The good manifest may draw advice from the reliability rules (warnings, info), never an error that fails the hook.
      const good = /^good\.yaml\n((?: {2}.*\n)*)/m.exec(out.output)?.[1] ?? '';
      expect(good).not.toMatch(/^ {2}\d+:\d+ +error /m);
      expect(out.output).not.toContain('vendor/');
      // good.yaml's NetworkPolicy covers namespace shop, and the hook saw both files.
      expect(out.output).not.toContain('namespace-without-networkpolicy');
    }, 300_000);

    it('on staged files, as `git commit` runs it: the good manifest passes and is committed, the bad one is refused', () => {
      const sha = git(clone, 'rev-parse', 'HEAD');
      writeFileSync(path.join(scratch, '.pre-commit-config.yaml'), `repos:\n  - repo: ${clone}\n    rev: ${sha}\n    hooks:\n      - id: kubecomply\n`);
      git(scratch, 'reset', '-q');
      git(scratch, 'add', '.pre-commit-config.yaml', '.kubecomply.yaml', 'good.yaml');
      expect(run('pre-commit', ['install'], scratch).status).toBe(0);

      const good = run('git', ['commit', '-m', 'good'], scratch);
      expect(good.status, good.output).toBe(0);
      expect(good.output).toMatch(/^kubecomply\.+Passed$/m);
      expect(git(scratch, 'log', '--format=%s')).toBe('good');

      git(scratch, 'add', 'bad.yaml');
      const bad = run('git', ['commit', '-m', 'bad'], scratch);
      expect(bad.status).toBe(1);
      expect(bad.output).toMatch(/^kubecomply\.+Failed$/m);
      expect(bad.output).toMatch(/privileged-container$/m);
      // Only the staged file is passed: the committed NetworkPolicy in good.yaml is not seen (docs/pre-commit.md).
      expect(bad.output).toMatch(/namespace-without-networkpolicy$/m);
      expect(git(scratch, 'log', '--format=%s')).toBe('good');
    }, 300_000);
  },
);
