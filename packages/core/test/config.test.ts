import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import rulesPci from '@kubecomply/rules-pci';
import {
  CONFIG_TEMPLATE,
  ConfigError,
  ConfigurationError,
  Linter,
  findConfigFile,
  loadConfigFile,
  parseConfig,
  resolveConfig,
  type LintResult,
  type LoadedConfig,
} from '../src/index.js';
import { selectInputs } from '../src/config/ignore.js';
import { lintOptionsFromConfig } from '../src/config/options.js';
import { checkConfigReferences, knownIds } from '../src/config/references.js';
import { GovernancePolicy } from '../src/policy/governance.js';
import { validatorSource } from '../../../scripts/gen-validator.mjs';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../schema/kubecomply-config.schema.json');
const OUTPUT_FILE = path.resolve(import.meta.dirname, '../src/config/validate.generated.js');

const scratch = mkdtempSync(path.join(tmpdir(), 'kubecomply-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Parses config text as if it were `<dir>/.kubecomply.yaml`, with messages relative to `dir`; the PCI package declares `pci`. */
function config(text: string, dir = scratch): LoadedConfig {
  return parseConfig(text, { file: path.join(dir, '.kubecomply.yaml'), cwd: dir, settings: rulesPci.settings ?? [] });
}

/** The problems a config text has, as `line:column: message`. */
function problems(text: string): string[] {
  try {
    config(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  return [];
}

const PRIVILEGED_POD = (name: string, namespace: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  hostPID: true
  hostNetwork: true
  containers: [{ name: app, image: app, securityContext: { privileged: true } }]
`;

const HOST_RULES = ['host-pid', 'host-network', 'host-ipc', 'privileged-container'];

/** Lints texts (file name -> YAML) with the CIS rules under a config, as the command does. */
function lintWith(loaded: LoadedConfig, files: Record<string, string>, cwd = scratch): LintResult {
  const fromConfig = lintOptionsFromConfig(loaded);
  const policy = new GovernancePolicy({ config: loaded, frameworks: rulesCis.frameworks, cwd, today: '2026-11-27' });
  const linter = new Linter({ plugins: [rulesCis], rules: HOST_RULES, cwd, policy, ...fromConfig });
  const results = Object.entries(files).map(([file, text]) => linter.lintText(text, file));
  return policy.finish({ ...results[0]!, findings: results.flatMap((r) => r.findings) });
}

const summary = (r: LintResult) => r.findings.map((f) => `${f.file} ${f.resource?.name} ${f.ruleId} ${f.severity}`).sort();

describe('config schema', () => {
  it('is published by the core package and compiled into the committed validator (run the build to regenerate)', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      files: string[];
    };
    expect(pkg.exports['./schema.json']).toBe('./schema/kubecomply-config.schema.json');
    expect(pkg.files).toContain('schema');
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $schema: string; properties: Record<string, { description?: string }> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const [key, sub] of Object.entries(schema.properties)) expect(sub.description, key).toBeTruthy();
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(validatorSource(schema, 'schema/kubecomply-config.schema.json'));
  });

  it('accepts every setting and normalises YAML 1.1 spellings', () => {
    const loaded = config(`# yaml-language-server: $schema=node_modules/@kubecomply/core/schema/kubecomply-config.schema.json
frameworks: [pss-baseline]
kubernetesVersion: "1.30"
rules:
  host-pid: off
  host-ipc: warning
ignore: [vendor/**]
overrides:
  - files: ["dev/**"]
    resources: [{ kind: Deployment, namespace: "dev-*", name: "*" }]
    rules: { host-network: info }
pci:
  scope:
    namespaces: [payments-*]
    namespaceLabels: { pci: yes }
    workloadLabels: { tier: cde, level: 1 }
allowedRegistries: [registry.example.com/]
suppressions:
  - rule: host-pid
    resources: [{ kind: DaemonSet, name: node-exporter }]
    files: ["monitoring/**"]
    reason: node-exporter reads host process metrics
    expires: 2026-12-31
failOn: warning
minScore: { pss-baseline: 90 }
`);
    expect(loaded.config).toEqual({
      frameworks: ['pss-baseline'],
      kubernetesVersion: '1.30',
      rules: { 'host-pid': 'off', 'host-ipc': 'warning' },
      ignore: ['vendor/**'],
      overrides: [{ files: ['dev/**'], resources: [{ kind: 'Deployment', namespace: 'dev-*', name: '*' }], rules: { 'host-network': 'info' } }],
      packageSettings: { pci: { scope: { namespaces: ['payments-*'], namespaceLabels: { pci: true }, workloadLabels: { tier: 'cde', level: 1 } } } },
      allowedRegistries: ['registry.example.com/'],
      suppressions: [
        {
          rule: 'host-pid',
          resources: [{ kind: 'DaemonSet', name: 'node-exporter' }],
          files: ['monitoring/**'],
          reason: 'node-exporter reads host process metrics',
          expires: '2026-12-31',
        },
      ],
      failOn: 'warning',
      minScore: { 'pss-baseline': 90 },
    });
    expect(loaded.dir).toBe(scratch);
    expect(lintOptionsFromConfig(loaded)).toEqual({
      frameworks: ['pss-baseline'],
      kubeVersion: { major: 1, minor: 30 },
      severities: { 'host-pid': 'off', 'host-ipc': 'warning' },
      allowedRegistries: ['registry.example.com/'],
      settings: { pci: { scope: { namespaces: ['payments-*'], namespaceLabels: { pci: true }, workloadLabels: { tier: 'cde', level: 1 } } } },
    });
  });

  it('reads an empty file and a JSON file', () => {
    expect(config('').config).toEqual({});
    expect(config('# nothing yet\n').config).toEqual({});
    expect(config('{ "$schema": "./schema.json", "failOn": "info" }').config).toEqual({ failOn: 'info' });
  });

  it('names the file, line and column of an unknown key and suggests the nearest valid one', () => {
    const text = '# kubecomply\nfailOn: error\npci:\n  scopee: {}\n';
    let error: unknown;
    try {
      config(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe('.kubecomply.yaml:4:3: unknown key "scopee"; did you mean "scope"?');
    expect(problems('rules: {}\nsupressions: []\n')).toEqual(['2:1: unknown key "supressions"; did you mean "suppressions"?']);
    expect(problems('overrides:\n  - fles: [a]\n    rules: {}\n')).toEqual(['2:5: unknown key "fles"; did you mean "files"?']);
    expect(problems('suppressions:\n  - rule: host-pid\n    reason: x\n    resources: [{ knd: Pod }]\n')).toEqual([
      '4:19: unknown key "knd"; did you mean "kind"?',
    ]);
    expect(problems('zzz: 1\n')[0]).toMatch(/^1:1: unknown key "zzz"; expected one of: frameworks, kubernetesVersion, rules, /);
  });

  it('explains wrong values where they are written', () => {
    expect(problems('failOn: fatal\n')).toEqual(['1:1: failOn must be one of error, warning, info, none, not "fatal"']);
    expect(problems('rules:\n  host-pid: warn\n')).toEqual([
      '2:3: rules.host-pid must be one of off, info, warning, error, not "warn"; did you mean "warning"?',
    ]);
    expect(problems('kubernetesVersion: 1.30\n')).toEqual(['1:1: kubernetesVersion must be a string; put it in quotes (YAML read it as the number 1.3)']);
    expect(problems('kubernetesVersion: "1.2"\n')).toEqual(['1:1: kubernetesVersion 1.2 is outside the supported range 1.22 to 1.36+']);
    expect(problems('suppressions:\n  - rule: host-pid\n    expires: 2026-12-31\n')).toEqual(['2:5: suppressions[0] is missing the required key "reason"']);
    expect(problems('suppressions:\n  - { rule: host-pid, reason: "  " }\n')).toEqual(['2:23: suppressions[0].reason must not be empty']);
    expect(problems('suppressions:\n  - { rule: host-pid, reason: x, expires: 2026-02-30 }\n')).toEqual([
      '2:34: suppressions[0].expires is not a real date: "2026-02-30"',
    ]);
    expect(problems('suppressions:\n  - { rule: host-pid, reason: x, expires: "31.12.2026" }\n')).toEqual([
      '2:34: suppressions[0].expires must be a date written YYYY-MM-DD, not "31.12.2026"',
    ]);
    expect(problems('rules:\n  Host_PID: off\n')).toEqual(['2:3: "Host_PID" in rules is not an id: ids are lower case with dashes (e.g. host-pid)']);
    expect(problems('minScore: { pss-baseline: 120 }\n')).toEqual(['1:13: minScore.pss-baseline must be a number from 0 to 100, not 120']);
    expect(problems('ignore: vendor\n')).toEqual(['1:1: ignore must be a list']);
    expect(problems('overrides: [{ resources: [{}], rules: {} }]\n')).toEqual([
      '1:27: overrides[0].resources[0] must name at least one of kind, namespace, name',
    ]);
    expect(problems('- a\n')).toEqual(['1:1: the file must be a mapping']);
  });

  it('reports YAML errors and repeated keys with their position', () => {
    expect(problems('failOn: error\nrules: [\n')[0]).toMatch(/^3:1: invalid YAML: /);
    expect(problems('failOn: error\nfailOn: info\n')).toEqual(['2:1: key "failOn" is written twice; only the last one would count']);
  });

  it('checks rule and framework ids against the plugins, suggesting the nearest', () => {
    const known = knownIds([rulesCis]);
    expect(known.rules.has('suppression-invalid')).toBe(true);
    const loaded = config(`frameworks: [pss-baselin]
rules: { host-pdi: off, parse-error: warning }
overrides: [{ rules: { privileged-containers: info } }]
suppressions: [{ rule: host-netwrk, reason: x }]
minScore: { nope: 1 }
`);
    let error: ConfigError | undefined;
    try {
      checkConfigReferences(loaded, known);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '1:14: unknown framework "pss-baselin" in frameworks; did you mean "pss-baseline"?',
      '2:10: unknown rule "host-pdi" in rules; did you mean "host-pid"?',
      '3:24: unknown rule "privileged-containers" in overrides[0].rules; did you mean "privileged-container"?',
      '4:18: unknown rule "host-netwrk" in suppressions[0]; did you mean "host-network"?',
      expect.stringMatching(/^5:13: unknown framework "nope" in minScore; known frameworks: .*pss-baseline/),
    ]);
  });

  it('starts kubecomply init with a valid config', () => {
    expect(config(CONFIG_TEMPLATE).config).toEqual({ failOn: 'error', rules: {}, ignore: [], overrides: [], suppressions: [] });
    expect(CONFIG_TEMPLATE).toMatch(/^# yaml-language-server: \$schema=node_modules\/@kubecomply\/core\/schema\/kubecomply-config\.schema\.json\n/);
  });
});

describe('config discovery', () => {
  const root = path.join(scratch, 'discovery');
  mkdirSync(path.join(root, 'team/app/manifests'), { recursive: true });
  writeFileSync(path.join(root, '.kubecomply.yaml'), 'failOn: warning\n');
  writeFileSync(path.join(root, 'team/.kubecomply.json'), '{ "failOn": "info" }\n');

  it('walks up from the working directory to the nearest config', () => {
    expect(findConfigFile(path.join(root, 'team/app/manifests'))).toBe(path.join(root, 'team/.kubecomply.json'));
    expect(findConfigFile(root)).toBe(path.join(root, '.kubecomply.yaml'));
    const loaded = resolveConfig({ cwd: path.join(root, 'team/app') });
    expect(loaded?.config.failOn).toBe('info');
    expect(loaded?.display).toBe('../.kubecomply.json');
    expect(loaded?.dir).toBe(path.join(root, 'team'));
  });

  it('finds nothing when no directory up to the root has one', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'kubecomply-bare-'));
    try {
      // Only meaningful when the temporary directory's ancestors hold no config.
      if (findConfigFile(path.dirname(bare)) === undefined) expect(resolveConfig({ cwd: bare })).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true });
    }
  });

  it('refuses two config files in one directory', () => {
    const two = path.join(scratch, 'two');
    mkdirSync(two);
    writeFileSync(path.join(two, '.kubecomply.yaml'), '');
    writeFileSync(path.join(two, '.kubecomply.yml'), '');
    expect(() => findConfigFile(two)).toThrow(/\.kubecomply\.yaml and \.kubecomply\.yml both exist/);
  });

  it('loads an explicit file, relative to the working directory, instead of looking', () => {
    writeFileSync(path.join(root, 'team/app/strict.yaml'), 'failOn: none\n');
    expect(resolveConfig({ cwd: path.join(root, 'team/app'), file: 'strict.yaml' })?.config.failOn).toBe('none');
    expect(() => loadConfigFile('missing.yaml', { cwd: root })).toThrow(/Cannot read config file missing\.yaml: no such file/);
  });
});

describe('overrides', () => {
  it('change severities by file glob, relative to the config file', () => {
    const loaded = config('overrides:\n  - files: ["dev/**"]\n    rules: { host-pid: off, privileged-container: warning }\n');
    const result = lintWith(loaded, { 'dev/a.yaml': PRIVILEGED_POD('a', 'x'), 'prod/b.yaml': PRIVILEGED_POD('b', 'x') });
    expect(summary(result)).toEqual([
      'dev/a.yaml a host-network error',
      'dev/a.yaml a privileged-container warning',
      'prod/b.yaml b host-network error',
      'prod/b.yaml b host-pid error',
      'prod/b.yaml b privileged-container error',
    ]);
  });

  it('resolve file globs against the config directory, not the working directory', () => {
    const loaded = parseConfig('overrides: [{ files: [dev], rules: { host-pid: off } }]\n', {
      file: path.join(scratch, 'repo/.kubecomply.yaml'),
      cwd: scratch,
    });
    const result = lintWith(loaded, { 'repo/dev/a.yaml': PRIVILEGED_POD('a', 'x'), 'dev/b.yaml': PRIVILEGED_POD('b', 'x') });
    expect(summary(result).filter((s) => s.includes('host-pid'))).toEqual(['dev/b.yaml b host-pid error']);
  });

  it('change severities by resource globs; later entries win', () => {
    const loaded = config(`overrides:
  - resources: [{ namespace: "kube-*" }, { kind: "Dae*", name: node-* }]
    rules: { host-network: info, host-pid: info }
  - resources: [{ namespace: kube-system, name: "*proxy" }]
    rules: { host-network: off }
`);
    const result = lintWith(loaded, {
      'a.yaml': [PRIVILEGED_POD('kube-proxy', 'kube-system'), PRIVILEGED_POD('dns', 'kube-system'), PRIVILEGED_POD('web', 'shop')].join('---\n'),
    });
    expect(summary(result).filter((s) => !s.includes('privileged'))).toEqual([
      'a.yaml dns host-network info',
      'a.yaml dns host-pid info',
      'a.yaml kube-proxy host-pid info',
      'a.yaml web host-network error',
      'a.yaml web host-pid error',
    ]);
  });

  it('turn a rule that the config turns off back on for some files', () => {
    const loaded = config('rules: { host-pid: off }\noverrides: [{ files: ["prod/**"], rules: { host-pid: warning } }]\n');
    const result = lintWith(loaded, { 'dev/a.yaml': PRIVILEGED_POD('a', 'x'), 'prod/b.yaml': PRIVILEGED_POD('b', 'x') });
    expect(summary(result).filter((s) => s.includes('host-pid'))).toEqual(['prod/b.yaml b host-pid warning']);
  });

  it('a namespace glob never matches a cluster-scoped or namespace-less resource', () => {
    const loaded = config('overrides: [{ resources: [{ namespace: "*" }], rules: { host-pid: off } }]\n');
    const noNamespace = PRIVILEGED_POD('a', 'x').replace(', namespace: x', '');
    const result = lintWith(loaded, { 'a.yaml': noNamespace, 'b.yaml': PRIVILEGED_POD('b', 'x') });
    expect(summary(result).filter((s) => s.includes('host-pid'))).toEqual(['a.yaml a host-pid error']);
  });
});

describe('ignore', () => {
  const dir = path.join(scratch, 'ignore');
  mkdirSync(path.join(dir, 'vendor/chart'), { recursive: true });
  mkdirSync(path.join(dir, 'apps'), { recursive: true });
  writeFileSync(path.join(dir, 'vendor/chart/a.yaml'), PRIVILEGED_POD('vendored', 'x'));
  writeFileSync(path.join(dir, 'apps/web.yaml'), PRIVILEGED_POD('web', 'x'));
  writeFileSync(path.join(dir, 'apps/db.secret.yaml'), 'this: [is not yaml\n');
  writeFileSync(path.join(dir, '.kubecomply.yaml'), 'ignore: [vendor, "**/*.secret.yaml"]\n');
  const loaded = loadConfigFile('.kubecomply.yaml', { cwd: dir });

  it('leaves ignored files and the config file out of a walk before anything is read', () => {
    const selected = selectInputs(['.'], dir, loaded);
    expect(selected.ignored.sort()).toEqual(['apps/db.secret.yaml', 'vendor/chart/a.yaml']);
    expect(selected.inputs).toEqual([path.join(dir, 'apps/web.yaml')]);
    const linter = new Linter({ plugins: [rulesCis], rules: HOST_RULES, cwd: dir });
    const result = linter.lintPaths(selected.inputs);
    expect(result.files).toEqual(['apps/web.yaml']);
    expect(result.findings.every((f) => f.file === 'apps/web.yaml')).toBe(true);
  });

  it('keeps a file named explicitly, ignored or not: the config never drops what was asked for by name', () => {
    const selected = selectInputs(['.', 'apps/db.secret.yaml'], dir, loaded);
    expect(selected.inputs).toEqual([path.join(dir, 'apps/db.secret.yaml'), path.join(dir, 'apps/web.yaml')]);
  });

  it('passes the inputs through untouched when nothing is ignored', () => {
    expect(selectInputs(['.', '-'], dir, undefined)).toEqual({ inputs: ['.', '-'], ignored: [], missing: [], warnings: [] });
    // A missing file is passed on, for the Linter to report; a glob that matches nothing is missing.
    expect(selectInputs(['nope.yaml', 'nope/*.yaml'], dir, loaded)).toMatchObject({ inputs: [path.join(dir, 'nope.yaml')], missing: ['nope/*.yaml'] });
  });

  it('is relative to the config directory when linting from a subdirectory', () => {
    const selected = selectInputs(['../vendor', 'web.yaml'], path.join(dir, 'apps'), loaded);
    expect(selected.inputs).toEqual([path.join(dir, 'apps/web.yaml')]);
    expect(selected.ignored).toEqual(['../vendor/chart/a.yaml']);
  });
});
