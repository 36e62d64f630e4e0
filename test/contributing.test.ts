// CONTRIBUTING.md's "Add a rule" steps, followed literally in a scratch copy
// of the repository: the new rule, its fixture and its doc, plus one line in
// a catalog, make a working rule; the fixture and layout suites pass; and no
// other tracked file changes.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'kubecomply-contributing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ID = 'service-account-name-empty';
const PKG = 'packages/rules-cis';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The tracked files of the checkout as they are now, in a fresh repository, with the installed packages linked in. */
function scratchCopy(): string {
  const copy = path.join(scratch, 'repo');
  mkdirSync(copy);
  for (const file of git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean)) {
    try {
      cpSync(path.join(root, file), path.join(copy, file), { recursive: false });
    } catch {
      // A file deleted in the working tree but still tracked.
    }
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  for (const pkg of readdirSync(path.join(root, 'packages'))) {
    symlinkSync(path.join(root, 'packages', pkg, 'node_modules'), path.join(copy, 'packages', pkg, 'node_modules'));
  }
  git(copy, 'init', '-q');
  git(copy, 'add', '-A');
  git(copy, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');
  return copy;
}

const RULE = `import { defineRule } from '@kubecomply/core';

export default defineRule({
  id: '${ID}',
  description: 'Pods that name a service account do not name it with an empty string.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Name the service account the pods should run as, or remove serviceAccountName.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (pod && pod.value.serviceAccountName === '') {
      ctx.report({ path: [...pod.path, 'serviceAccountName'], message: \`\${resource.kind} "\${resource.name}" names an empty service account.\` });
    }
  },
});
`;

const FIXTURE = `apiVersion: v1
kind: Pod
metadata: { name: bad }
spec:
  serviceAccountName: ""  # expect: ${ID}
  containers: [{ name: app, image: app:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: good }
spec:
  serviceAccountName: app
  containers: [{ name: app, image: app:1 }]
`;

const DOC = `# ${ID}

**Severity:** warning · **Applies to:** Pods and pod templates

## Why

An empty name is almost always a templating mistake.

## How to fix

Name the service account, or remove the field.

## Examples

Failing:

\`\`\`yaml
apiVersion: v1
kind: Pod
metadata: { name: bad }
spec:
  serviceAccountName: ""  # expect: ${ID}
  containers: [{ name: app, image: app:1 }]
\`\`\`

Passing:

\`\`\`yaml
apiVersion: v1
kind: Pod
metadata: { name: good }
spec:
  serviceAccountName: app
  containers: [{ name: app, image: app:1 }]
\`\`\`
`;

describe('CONTRIBUTING.md: adding a rule', () => {
  it('names the files the steps touch', () => {
    const guide = readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
    for (const file of ['packages/<package>/src/rules/<id>.ts', 'packages/<package>/test/fixtures/<id>.yaml', 'packages/<package>/docs/rules/<id>.md']) {
      expect(guide).toContain(file);
    }
    expect(guide).toMatch(/rules: \[\.\.\.\]/);
  });

  it('gives a working rule, documented and fixture-tested, touching only those files', { timeout: 600_000 }, () => {
    const copy = scratchCopy();
    // Steps 1 to 3: the rule, its fixture, its doc.
    writeFileSync(path.join(copy, PKG, 'src/rules', `${ID}.ts`), RULE);
    writeFileSync(path.join(copy, PKG, 'test/fixtures', `${ID}.yaml`), FIXTURE);
    writeFileSync(path.join(copy, PKG, 'docs/rules', `${ID}.md`), DOC);
    // Step 4: one line in a catalog (NIST SP 800-190 4.4.x: container runtime configuration).
    const catalog = path.join(copy, PKG, 'src/frameworks/nist-800-190.ts');
    const text = readFileSync(catalog, 'utf8');
    const anchor = /(rules: \[\s*)'privileged-container'/;
    expect(text).toMatch(anchor);
    writeFileSync(catalog, text.replace(anchor, `$1'${ID}', 'privileged-container'`));

    // Step 5, as far as this rule goes: what the build does for rule packages (write the generated indexes), then the package's fixture suite and the layout checks.
    for (const pkg of readdirSync(path.join(copy, 'packages')).filter((p) => p.startsWith('rules-'))) {
      const build = spawnSync(process.execPath, [path.join(copy, 'scripts/gen-rule-index.mjs'), path.join(copy, 'packages', pkg)], {
        cwd: copy,
        encoding: 'utf8',
      });
      expect(build.status, build.stderr).toBe(0);
    }
    const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
    const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=verbose', `${PKG}/test/fixtures.test.ts`, 'test/layout.test.ts'], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${ID}\\.yaml reports exactly its # expect: markers`));

    // Nothing else kept by hand changed: only the three new files and the catalog line.
    const changed = git(copy, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3))
      .sort();
    expect(changed).toEqual(
      [`${PKG}/docs/rules/${ID}.md`, `${PKG}/src/frameworks/nist-800-190.ts`, `${PKG}/src/rules/${ID}.ts`, `${PKG}/test/fixtures/${ID}.yaml`].sort(),
    );
  });
});
