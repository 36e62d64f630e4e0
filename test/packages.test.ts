import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackages, PUBLISHED } from '../scripts/pack-packages.mjs';
import type { JsonReport } from './support/cli.js';

/**
 * The packages as a user gets them: every published package packed with
 * pnpm (which rewrites the workspace: versions), the tarballs installed with
 * npm into a scratch project in a temporary folder, and used from there:
 * each package README's examples run as ES modules (.mjs) and CommonJS
 * (.cjs), type-checked as TypeScript under `moduleResolution` node16 and
 * bundler with `strict`, `noUncheckedIndexedAccess` and `skipLibCheck:
 * false`, and `npx kubecomply` of the installed command on a manifest.
 * Processes run in the scratch project without pnpm's NODE_PATH, so nothing
 * resolves from this workspace. npm needs the registry for the packages'
 * own dependencies; when it cannot be reached the file is skipped, and says so.
 */
const root = path.resolve(import.meta.dirname, '..');
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: without pnpm's NODE_PATH and npm_config_* variables. */
function cleanEnv(extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NODE_PATH|NODE_OPTIONS|npm_|PNPM_|FORCE_COLOR|NO_COLOR)/i.test(k)) env[k] = v;
  return { ...env, ...extraEnv };
}

/** Runs a client (npm, npx, node) in the scratch project. */
function run(command: string, args: readonly string[], cwd: string, extraEnv: Record<string, string> = {}, timeout = 120_000): Run {
  const r = spawnSync(command, args, { cwd, env: cleanEnv(extraEnv), encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'kc-packages-')));
const npmEnv = { npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };
afterAll(() => {
  if (!process.env['KEEP']) rmSync(tmp, { recursive: true, force: true });
  else console.log(tmp);
});

/** Whether npm reaches its registry; the reason when not. */
function registry(): { ok: true } | { ok: false; reason: string } {
  const ping = spawnSync('npm', ['ping', '--fetch-timeout=15000', '--fetch-retries=0'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...npmEnv },
  });
  if (ping.status === 0) return { ok: true };
  const lines = `${ping.stderr}`.split('\n').filter((l) => l.trim() !== '' && !/complete log|^npm (error|ERR!) *$/.test(l));
  const why = ping.error?.message ?? (lines.slice(0, 2).join(' ').trim() || `npm ping exited with ${ping.status}`);
  return { ok: false, reason: why };
}
const reach = registry();
if (!reach.ok) {
  console.log(
    `test/packages.test.ts: skipped, the npm registry cannot be reached (${reach.reason}); the tarball consumer test needs it to install the packages' dependencies.`,
  );
}

const project = path.join(tmp, 'project');
let tarballs: Record<string, string> = {};

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    ignore.kubecomply.io/seccomp-profile-missing: "the nodes run with seccompDefault; expires=2099-12-31"
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;
const PRIVILEGED = { line: 19, column: 13 };

/** A Job with a field Kubernetes does not know, for the schema rules. */
const JOB = `apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: registry.example.com/migrate:1.0
          imagePullPolcy: Always
`;

/** The code blocks of a README in the given languages, in order. */
function codeBlocks(readme: string, lang: string): string[] {
  return [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2] as string);
}

const readmes = Object.fromEntries(PUBLISHED.map((p) => [p, readFileSync(path.join(root, p, 'README.md'), 'utf8')]));
/** Every README example in TypeScript (run as .mjs: they use no type syntax) and in CommonJS. */
const examples = PUBLISHED.flatMap((p) => [
  ...codeBlocks(readmes[p] as string, 'ts').map((code, i) => ({ name: `${path.basename(p)}-${i}`, pkg: p, code, kind: 'esm' as const })),
  ...codeBlocks(readmes[p] as string, 'js').map((code, i) => ({ name: `${path.basename(p)}-cjs-${i}`, pkg: p, code, kind: 'cjs' as const })),
]);

describe.runIf(reach.ok)('the published packages, installed from their tarballs with npm', () => {
  beforeAll(() => {
    const dest = path.join(tmp, 'tarballs');
    mkdirSync(dest);
    tarballs = packPackages(dest);
    mkdirSync(path.join(project, 'deploy'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }, null, 2)}\n`);
    writeFileSync(path.join(project, 'deploy/web.yaml'), WEB);
    writeFileSync(path.join(project, 'deploy/job.yaml'), JOB);
    const install = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--save-dev', ...Object.values(tarballs), `@types/node@${rootManifest.devDependencies['@types/node']}`],
      project,
      npmEnv,
    );
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stdout}\n${install.stderr}`);
  }, 240_000);

  it('each tarball carries a README, the LICENSE and complete metadata, and no workspace: version', () => {
    for (const p of PUBLISHED) {
      const dir = path.join(project, 'node_modules', '@kubecomply', path.basename(p));
      const files = readdirSync(dir);
      expect(files, p).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
      expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(manifest, p).toMatchObject({
        license: 'Apache-2.0',
        repository: { type: 'git', url: 'git+https://github.com/kubecomply/kubecomply.git', directory: p },
        homepage: expect.stringMatching(/^https:\/\/github\.com\/kubecomply\/kubecomply/),
        bugs: { url: 'https://github.com/kubecomply/kubecomply/issues' },
        engines: { node: '>=20.11' },
      });
      expect(JSON.stringify(manifest.dependencies ?? {}), p).not.toContain('workspace:');
    }
  });

  it('the command brings no dependency (its bundle has them), and no package needs the Kubernetes type packages at run time', () => {
    const cli = JSON.parse(readFileSync(path.join(project, 'node_modules/@kubecomply/cli/package.json'), 'utf8'));
    expect(cli.dependencies ?? {}).toEqual({});
    for (const p of PUBLISHED) {
      const deps = JSON.parse(readFileSync(path.join(project, 'node_modules/@kubecomply', path.basename(p), 'package.json'), 'utf8')).dependencies ?? {};
      expect(
        Object.keys(deps).filter((d) => /kubernetes-models|^@types\//.test(d)),
        p,
      ).toEqual([]);
    }
    const installed = readdirSync(path.join(project, 'node_modules'));
    expect(installed).not.toContain('kubernetes-models');
    expect(installed).not.toContain('@kubernetes-models');
  });

  it('every README example runs from ES modules (.mjs) and CommonJS (.cjs)', () => {
    expect(examples.filter((e) => e.kind === 'esm').length).toBe(5);
    expect(examples.filter((e) => e.kind === 'cjs').length).toBe(1);
    const outputs: Record<string, Run> = {};
    for (const e of examples) {
      const file = path.join(project, `${e.name}.${e.kind === 'esm' ? 'mjs' : 'cjs'}`);
      writeFileSync(file, e.code);
      outputs[e.name] = run(process.execPath, [file], project);
      expect(outputs[e.name]!.stderr, e.name).toBe('');
    }
    // @kubecomply/core: paths, with the suppression annotation honoured as the command honours it.
    const core = outputs['core-0']!;
    expect(core.status).toBe(0);
    expect(core.stdout).toContain(`deploy/web.yaml:${PRIVILEGED.line}:${PRIVILEGED.column} error privileged-container Container "web" runs privileged`);
    expect(core.stdout).toMatch(/^deploy\/web\.yaml:\d+:\d+ error seccomp-profile-missing .* \(suppressed: the nodes run with seccompDefault/m);
    const open = core.stdout.split('\n').filter((l) => / error /.test(l) && !l.includes('(suppressed'));
    expect(open.length).toBe(8);
    expect(core.stdout).toContain('\n8 findings at or above error\n');
    // A formatter through FORMATTERS, and a text linted under its file name.
    const sarif = JSON.parse(readFileSync(path.join(project, 'kubecomply.sarif'), 'utf8'));
    expect(sarif.runs[0].tool.driver.name).toBe('my-pipeline');
    expect(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'privileged-container').length).toBe(1);
    expect(core.stdout).toContain('debug-pod.yaml:8 privileged-container\n');
    // CommonJS: the stylish report, and the exit code from `failing`.
    const cjs = outputs['core-cjs-0']!;
    expect(cjs.status).toBe(1);
    expect(cjs.stdout).toMatch(new RegExp(`^  ${PRIVILEGED.line}:${PRIVILEGED.column} +error .*privileged-container$`, 'm'));
    // The rule packages' own examples.
    expect(outputs['rules-cis-0']!.stdout).toMatch(/^deploy\/web\.yaml:19 privileged-container \[ 'pss-restricted privileged' \]$/m);
    expect(outputs['rules-cis-0']!.stdout).toMatch(/^pss-restricted \d/m);
    expect(outputs['rules-pci-0']!.stdout).toMatch(/^deploy\/web\.yaml:19 privileged-container .*2\.2\.6/m);
    expect(outputs['rules-schema-0']!.stdout).toMatch(/^deploy\/job\.yaml:11:11 unknown-field .*imagePullPolicy/m);
    expect(outputs['rules-best-practices-0']!.stdout).toMatch(/^deploy\/job\.yaml:4 info job-without-ttl /m);
  });

  const TYPES_CHECK = `import { FORMATTERS, defineRule, definePlugin, lint, type Finding, type LintOutcome, type Plugin } from '@kubecomply/core';
import { lintFixture } from '@kubecomply/core/testing';
import rulesCis from '@kubecomply/rules-cis';

const plugin: Plugin = definePlugin({
  name: 'acme',
  frameworks: [],
  rules: [
    defineRule({
      id: 'acme-team-label',
      description: 'Workloads carry a team label.',
      severity: 'warning',
      appliesTo: 'workloads',
      remediation: 'Add metadata.labels.team.',
      check(resource, ctx) {
        if (resource.labels['team'] === undefined) ctx.report({ path: ['metadata', 'labels', 'team'], message: 'No team label.' });
        // The Kubernetes types of the pod spec (inlined from kubernetes-models) are complete.
        for (const c of ctx.containers(resource)) {
          const limit: string | number | undefined = c.value.resources?.limits?.['memory'];
          if (c.value.securityContext?.privileged === true && limit === undefined) ctx.report({ path: [...c.path, 'resources'], message: c.value.name });
        }
      },
    }),
  ],
});
const outcome: LintOutcome = lint({ plugins: [rulesCis, plugin], sources: [{ file: 'a.yaml', text: '' }], config: false });
const first: Finding | undefined = outcome.findings[0];
export const line: number | undefined = first?.range.start.line;
export const report: string = FORMATTERS.markdown(outcome, { color: false, tool: { name: 't', version: '1' } });
// @ts-expect-error: FORMATTERS knows its names, so a mistyped one is a type error.
FORMATTERS.sraif(outcome, { color: false, tool: { name: 't', version: '1' } });
export type Fixture = ReturnType<typeof lintFixture>;
`;

  const CJS_CHECK = `import core = require('@kubecomply/core');
import cis = require('@kubecomply/rules-cis');
const outcome: core.LintOutcome = core.lint({ plugins: [cis.default], sources: [{ file: 'a.yaml', text: '' }], config: false });
export = outcome.failing;
`;

  /** Writes the TypeScript project of one resolution and starts tsc on it; both run at once. */
  function typeCheck(resolution: 'node16' | 'bundler'): Promise<Run> {
    const dir = path.join(project, `ts-${resolution}`);
    mkdirSync(dir, { recursive: true });
    for (const e of examples.filter((x) => x.kind === 'esm')) writeFileSync(path.join(dir, `${e.name}.mts`), e.code);
    writeFileSync(path.join(dir, 'types.mts'), TYPES_CHECK);
    writeFileSync(path.join(dir, 'types.cts'), CJS_CHECK);
    const compilerOptions = {
      ...(resolution === 'node16' ? { module: 'node16', moduleResolution: 'node16' } : { module: 'preserve', moduleResolution: 'bundler' }),
      target: 'es2022',
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
    };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.mts', '*.cts'] }, null, 2));
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
        { cwd: dir, encoding: 'utf8', env: cleanEnv(), timeout: 120_000 },
        (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  }
  let checks: Record<string, Promise<Run>> | undefined;
  for (const resolution of ['node16', 'bundler'] as const) {
    it(`the README examples and the public types type-check with moduleResolution ${resolution}, strict, noUncheckedIndexedAccess and skipLibCheck: false`, async () => {
      checks ??= { node16: typeCheck('node16'), bundler: typeCheck('bundler') };
      const tsc = await checks[resolution]!;
      expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
      expect(tsc.status).toBe(0);
    });
  }

  it('npx kubecomply runs the installed command on a manifest', () => {
    const version = run('npx', ['--no-install', 'kubecomply', '--version'], project, npmEnv);
    expect(version.stdout.trim()).toMatch(/^(kubecomply )?0\.1\.0$/);
    const lintRun = run('npx', ['--no-install', 'kubecomply', 'deploy/web.yaml', '-f', 'json', '--framework', 'pss-restricted'], project, npmEnv);
    expect(lintRun.stderr).toBe('');
    expect(lintRun.status).toBe(1);
    const report = JSON.parse(lintRun.stdout) as JsonReport;
    const privileged = report.findings.filter((f) => f.ruleId === 'privileged-container');
    expect(privileged.map((f) => [f.file, f.range.start.line, f.range.start.column])).toEqual([['deploy/web.yaml', PRIVILEGED.line, PRIVILEGED.column]]);
    expect(report.findings.find((f) => f.ruleId === 'seccomp-profile-missing')?.suppression?.source).toBe('annotation');
    // The schema rules read their data files from beside the bundle.
    const schema = run('npx', ['--no-install', 'kubecomply', 'deploy/job.yaml', '-f', 'json'], project, npmEnv);
    expect((JSON.parse(schema.stdout) as JsonReport).findings.map((f) => f.ruleId)).toContain('unknown-field');
  });
});
