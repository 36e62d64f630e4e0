/**
 * --kustomize <dir>: a base with an overlay that patches it, rendered
 * through `kubectl kustomize` (skipped when kubectl is absent), with each
 * finding naming the overlay and the file its resource came from.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findings, REPO_ROOT as root, runCli } from './support/cli.js';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;
const overlay = 'test/kustomize/overlays/prod';

let nodeOnly: string;
beforeAll(() => {
  // A PATH with node and nothing else: neither kubectl nor kustomize.
  nodeOnly = mkdtempSync(path.join(tmpdir(), 'kubecomply-path-'));
  mkdirSync(path.join(nodeOnly, 'bin'));
  symlinkSync(process.execPath, path.join(nodeOnly, 'bin', 'node'));
});
afterAll(() => rmSync(nodeOnly, { recursive: true, force: true }));

describe.skipIf(!hasKubectl)(`--kustomize through kubectl kustomize (kubectl ${hasKubectl ? 'found' : 'absent: install it to run these'})`, () => {
  it('lints the overlay as kubectl renders it: the privileged container its patch adds, in the namespace it sets', () => {
    const r = runCli(['--kustomize', overlay, '--rule', 'privileged-container', '-f', 'json'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [finding, ...rest] = findings(r);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'privileged-container',
      file: overlay,
      resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
      path: ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'],
      pathFound: true,
      // kustomize's origin annotation: the file the Deployment came from.
      helm: { template: 'test/kustomize/base/deployment.yaml' },
    });
    // The range is the line of `privileged: true` in the rendered output with origin annotations.
    const wrapper = mkdtempSync(path.join(tmpdir(), 'kubecomply-kz-'));
    try {
      const kz = `resources:\n  - ${JSON.stringify(path.relative(wrapper, path.join(root, overlay)))}\nbuildMetadata: [originAnnotations]\n`;
      spawnSync('sh', ['-c', `cat > ${wrapper}/kustomization.yaml`], { input: kz });
      const rendered = spawnSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', wrapper], { encoding: 'utf8' }).stdout.split('\n');
      expect(rendered[(finding?.range.start.line as number) - 1]).toMatch(/^ {10}privileged: true$/);
      expect(finding?.range.start.column).toBe(11);
    } finally {
      rmSync(wrapper, { recursive: true, force: true });
    }
  });

  it('whole-set rules see the rendered objects with the files given beside them', () => {
    const r = runCli(['--kustomize', overlay, '-f', 'json', 'examples/shop/namespace.yaml'], { cwd: root });
    const found = findings(r);
    // examples/shop/namespace.yaml declares namespace "shop", where the overlay puts the Deployment.
    const ns = found.find((f) => f.ruleId === 'namespace-without-networkpolicy');
    expect(ns?.file).toBe('examples/shop/namespace.yaml');
    expect(ns?.message).toMatch(/\(1 workload of the input runs there\)/);
    expect(found.filter((f) => f.file === overlay).map((f) => f.ruleId)).toContain('privileged-container');
  });

  it('refuses an overlay that would fetch a remote base, naming the file', () => {
    const r = runCli(['--kustomize', 'test/kustomize/overlays/remote'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'kubecomply: --kustomize: test/kustomize/overlays/remote/kustomization.yaml loads the remote "https://github.com/example/manifests//deploy?ref=v1.0.0", and kubecomply never uses the network; vendor it into the repository, or lint the output of kustomize build.',
    );
  });

  it('a folder without a kustomization is a usage error', () => {
    const r = runCli(['--kustomize', 'test/kustomize'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('kubecomply: --kustomize test/kustomize: no kustomization.yaml there.');
  });
});

describe('--kustomize without kubectl or kustomize on PATH', () => {
  it('says in one line what to install, and exits 2', () => {
    const r = runCli(['--kustomize', overlay], { cwd: root, env: { PATH: path.join(nodeOnly, 'bin') } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'kubecomply: --kustomize needs kubectl (https://kubernetes.io/docs/tasks/tools/) or kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) on PATH.',
    );
  });
});
