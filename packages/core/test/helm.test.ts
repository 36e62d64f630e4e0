/**
 * Helm mapping on a small chart written here, with the output `helm template`
 * gives for it written by hand: every finding must land on the template line
 * that writes the offending key (or would write a missing one), name the
 * values key behind it, and keep the rendered place as a related location.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePlugin, defineRule, HelmMapper, Linter, parseConfig, type Finding, type LintResult } from '@kubecomply/core';
import { fingerprints } from '../src/policy/baseline.js';
import { GovernancePolicy } from '../src/policy/governance.js';
import { readTemplate } from '../src/helm/template.js';
import { branchTaken, evaluate } from '../src/helm/condition.js';

const rules = definePlugin({
  name: 'helm-test',
  frameworks: [],
  rules: [
    defineRule({
      id: 't-privileged',
      description: 'No privileged containers.',
      severity: 'error',
      appliesTo: 'workloads',
      remediation: 'Set privileged to false.',
      check(resource, ctx) {
        for (const c of ctx.containers(resource))
          if (c.value.securityContext?.privileged === true)
            ctx.report({ path: [...c.path, 'securityContext', 'privileged'], message: `${c.value.name} is privileged.` });
      },
    }),
    defineRule({
      id: 't-limits',
      description: 'Containers have limits.',
      severity: 'warning',
      appliesTo: 'workloads',
      remediation: 'Set resources.limits.',
      check(resource, ctx) {
        for (const c of ctx.containers(resource))
          if (!(c.value.resources as { limits?: unknown } | undefined)?.limits)
            ctx.report({ path: [...c.path, 'resources', 'limits'], message: `${c.value.name} has no limits.` });
      },
    }),
    defineRule({
      id: 't-latest',
      description: 'Images are pinned.',
      severity: 'error',
      appliesTo: 'workloads',
      remediation: 'Pin the image.',
      check(resource, ctx) {
        for (const c of ctx.containers(resource))
          if (String(c.value.image).endsWith(':latest')) ctx.report({ path: [...c.path, 'image'], message: `${c.value.name} uses latest.` });
      },
    }),
    defineRule({
      id: 't-non-root',
      description: 'Containers run as non-root.',
      severity: 'error',
      appliesTo: 'workloads',
      remediation: 'Set runAsNonRoot.',
      check(resource, ctx) {
        for (const c of ctx.containers(resource))
          if (c.value.securityContext?.runAsNonRoot !== true)
            ctx.report({ path: [...c.path, 'securityContext', 'runAsNonRoot'], message: `${c.value.name} may run as root.` });
      },
    }),
    defineRule({
      id: 't-host-network',
      description: 'No host network.',
      severity: 'error',
      appliesTo: 'workloads',
      remediation: 'Remove hostNetwork.',
      check(resource, ctx) {
        const pod = ctx.podSpec(resource);
        if (pod?.value.hostNetwork === true) ctx.report({ path: [...pod.path, 'hostNetwork'], message: 'Host network.' });
      },
    }),
    defineRule({
      id: 't-default-namespace',
      description: 'Not in default.',
      severity: 'warning',
      appliesTo: 'workloads',
      remediation: 'Pick a namespace.',
      check(resource, ctx) {
        if ((resource.namespace ?? 'default') === 'default') ctx.report({ path: ['metadata', 'namespace'], message: 'In default.' });
      },
    }),
  ],
});

const CHART: Record<string, string> = {
  'shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
  'shop/values.yaml': `image:
  repository: shop/web
  tag: latest
securityContext:
  privileged: true
podSecurityContext: {}
resources: {}
sidecars: []
hostNetwork: false
worker:
  image: shop/worker:latest
`,
  'shop/templates/_helpers.tpl': `{{- define "shop.fullname" -}}
{{ .Release.Name }}-shop
{{- end }}

{{- define "shop.labels" -}}
app: shop
release: {{ .Release.Name }}
{{- end }}

{{/*
The worker pod, shared by the worker Deployment.
*/}}
{{- define "shop.workerPod" -}}
containers:
  - name: worker
    image: {{ .Values.worker.image }}
    {{- with .Values.worker.securityContext }}
    securityContext:
      {{- toYaml . | nindent 6 }}
    {{- end }}
{{- end }}
`,
  'shop/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
        {{- range .Values.sidecars }}
        - name: {{ .name }}
          image: {{ .image }}
        {{- end }}
      {{- if .Values.hostNetwork }}
      hostNetwork: true
      {{- end }}
`,
  'shop/templates/worker.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}-worker
  namespace: shop
spec:
  template:
    spec:
      {{- include "shop.workerPod" . | nindent 6 }}
`,
  'shop/templates/tests/test-connection.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "shop.fullname" . }}-test"
  namespace: shop
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox:latest
`,
  'shop/templates/job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "shop.fullname" . }}-migrate
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: shop/migrate:1.0
          securityContext:
            {{- tpl (toYaml .Values.migrate.securityContext) . | nindent 12 }}
`,
  'values/prod.yaml': `image:
  tag: latest
sidecars:
  - name: proxy
    image: envoy:latest
hostNetwork: true
`,
};

/** `helm template rel shop` (namespace left to default). */
const RENDERED_DEFAULT = `---
# Source: shop/templates/worker.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-shop-worker
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: worker
          image: shop/worker:latest
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-shop
  namespace: default
  labels:
    app: shop
    release: rel
spec:
  template:
    spec:
      containers:
        - name: web
          image: "shop/web:latest"
          securityContext:
            privileged: true
---
# Source: shop/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: "rel-shop-test"
  namespace: shop
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox:latest
`;

/** `helm template rel shop -f values/prod.yaml --namespace shop`. */
const RENDERED_PROD = `---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-shop
  namespace: shop
  labels:
    app: shop
    release: rel
spec:
  template:
    spec:
      containers:
        - name: web
          image: "shop/web:latest"
          securityContext:
            privileged: true
        - name: proxy
          image: envoy:latest
      hostNetwork: true
`;

/** A render of the Job, then patched after helm (hostNetwork added, as a kustomize overlay might). */
const RENDERED_PATCHED = `---
# Source: shop/templates/job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: rel-shop-migrate
  namespace: shop
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: migrate
          image: shop/migrate:1.0
          securityContext:
            privileged: true
`;

function setUp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-'));
  for (const [file, text] of Object.entries({
    ...CHART,
    'rendered/default.yaml': RENDERED_DEFAULT,
    'rendered/prod.yaml': RENDERED_PROD,
    'patched/job.yaml': RENDERED_PATCHED,
  })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const dir = setUp();

function lint(paths: string[], options: { merge?: boolean; values?: { file: string; rendered?: string[] }[] } = {}): LintResult {
  const helm = new HelmMapper({
    roots: [dir],
    values: (options.values ?? [{ file: 'values/prod.yaml', rendered: ['rendered/prod.yaml'] }]).map((v) => ({
      file: path.join(dir, v.file),
      ...(v.rendered ? { rendered: v.rendered.map((r) => path.join(dir, r)) } : {}),
    })),
  });
  return new Linter({ plugins: [rules], cwd: dir, helm, helmMerge: options.merge ?? true }).lintPaths(paths.map((p) => path.join(dir, p)));
}

const at = (f: Finding) => `${f.file}:${f.range.start.line}`;
const find = (r: LintResult, ruleId: string, pred: (f: Finding) => boolean = () => true) => r.findings.filter((f) => f.ruleId === ruleId && pred(f));

describe('reading a template', () => {
  it('gives each line its key, indentation, blocks and what an action line inserts', () => {
    const t = readTemplate(CHART['shop/templates/deployment.yaml'] as string);
    const line = (n: number) => t.lines[n - 1]!;
    expect(line(3)).toMatchObject({ type: 'yaml', key: 'metadata', indent: 0 });
    expect(line(7)).toMatchObject({ type: 'action', insert: { kind: 'include', name: 'shop.labels', indent: 4 } });
    expect(line(12)).toMatchObject({ type: 'yaml', key: 'securityContext' });
    expect(line(12).blocks.map((b) => [b.kind, b.dot?.path])).toEqual([['with', ['podSecurityContext']]]);
    // `toYaml .` inside `with .Values.podSecurityContext` inserts that values key.
    expect(line(13).insert).toMatchObject({ kind: 'values', ref: { path: ['podSecurityContext'] }, indent: 8 });
    expect(line(16)).toMatchObject({ item: true, key: 'name', keyCol: 10 });
    expect(line(25)).toMatchObject({ item: true, key: 'name' });
    expect(line(25).blocks.map((b) => b.kind)).toEqual(['range']);
  });

  it('finds defines, and keeps multi-line comments out of the lines', () => {
    const t = readTemplate(CHART['shop/templates/_helpers.tpl'] as string);
    expect([...t.defines.keys()]).toEqual(['shop.fullname', 'shop.labels', 'shop.workerPod']);
    expect(t.defines.get('shop.workerPod')).toEqual({ name: 'shop.workerPod', from: 13, to: 20 });
    expect(t.lines.slice(9, 12).map((l) => l.type)).toEqual(['action', 'action', 'action']);
  });
});

describe('mapping findings to the chart', () => {
  const result = lint(['rendered/default.yaml', 'rendered/prod.yaml'], { merge: false });

  it('puts a key written by a toYaml of values on that line, and names the values key where values files set it', () => {
    const [priv] = find(result, 't-privileged', (f) => f.helm?.rendered?.file === 'rendered/default.yaml');
    expect(at(priv!)).toBe('shop/templates/deployment.yaml:19');
    expect(priv!.helm).toMatchObject({ chart: 'shop', mapping: 'exact', template: 'shop/templates/deployment.yaml' });
    expect(priv!.helm!.values).toEqual([{ key: 'securityContext.privileged', locations: [{ file: 'shop/values.yaml', line: 5, column: 3, defaults: true }] }]);
    expect(priv!.related![0]).toMatchObject({ message: 'Rendered output', file: 'rendered/default.yaml', range: { start: { line: 31 } } });
    expect(priv!.related![1]).toMatchObject({ file: 'shop/values.yaml', range: { start: { line: 5, column: 3 } } });
  });

  it('names the values key of an inline value, in the chart default and in the values file of that render', () => {
    const [latest] = find(result, 't-latest', (f) => f.helm?.rendered?.file === 'rendered/prod.yaml' && f.message.startsWith('web'));
    expect(at(latest!)).toBe('shop/templates/deployment.yaml:17');
    expect(latest!.helm!.values).toEqual([
      { key: 'image.repository', locations: [{ file: 'shop/values.yaml', line: 2, column: 3, defaults: true }] },
      {
        key: 'image.tag',
        locations: [
          { file: 'shop/values.yaml', line: 3, column: 3, defaults: true },
          { file: 'values/prod.yaml', line: 2, column: 3, defaults: false },
        ],
      },
    ]);
    expect(latest!.helm!.valuesFiles).toEqual(['values/prod.yaml']);
  });

  it('maps an item written by a range to the line in the range', () => {
    const [proxy] = find(result, 't-latest', (f) => f.message.startsWith('proxy'));
    expect(at(proxy!)).toBe('shop/templates/deployment.yaml:26');
    expect(proxy!.path).toEqual(['spec', 'template', 'spec', 'containers', 1, 'image']);
  });

  it('follows an include into the named template, re-indented by nindent', () => {
    const [worker] = find(result, 't-latest', (f) => f.message.startsWith('worker'));
    expect(at(worker!)).toBe('shop/templates/_helpers.tpl:16');
    expect(worker!.helm!.values!.map((v) => v.key)).toEqual(['worker.image']);
  });

  it('puts a missing key on the line that would write it, under its condition, and names the values key to set', () => {
    const [limits] = find(result, 't-limits', (f) => f.message.startsWith('web') && f.helm?.rendered?.file === 'rendered/default.yaml');
    expect(limits!.pathFound).toBe(false);
    expect(at(limits!)).toBe('shop/templates/deployment.yaml:21');
    expect(limits!.helm).toMatchObject({ mapping: 'exact', absent: true });
    expect(limits!.helm!.values!.map((v) => v.key)).toEqual(['resources.limits']);
  });

  it('falls back to the enclosing line when the chart has no line for a missing key', () => {
    const [limits] = find(result, 't-limits', (f) => f.message.startsWith('worker'));
    expect(at(limits!)).toBe('shop/templates/_helpers.tpl:15');
    expect(limits!.helm!.absent).toBeUndefined();
    expect(limits!.helm!.values).toBeUndefined();
  });

  it('maps a key written only under a true condition to its line', () => {
    const [host] = find(result, 't-host-network');
    expect(at(host!)).toBe('shop/templates/deployment.yaml:29');
    expect(host!.helm!.values).toBeUndefined();
  });

  it('drops findings on the release namespace that `helm template` leaves to default, and keeps a chosen one', () => {
    const plain = new Linter({ plugins: [rules], cwd: dir }).lintPaths([path.join(dir, 'rendered/default.yaml')]);
    expect(find(plain, 't-default-namespace').map(at)).toEqual(['rendered/default.yaml:20']);
    expect(find(result, 't-default-namespace')).toEqual([]);
  });

  it('marks hook resources, and reports test pods at info', () => {
    const [test] = find(result, 't-latest', (f) => f.message.startsWith('wget'));
    expect(at(test!)).toBe('shop/templates/tests/test-connection.yaml:11');
    expect(test!.helm!.hook).toBe('test');
    expect(test!.severity).toBe('info');
  });
});

describe('when the template does not say', () => {
  const result = lint(['patched/job.yaml']);

  it('falls back to the line of the action whose output it cannot read, and says so', () => {
    const [priv] = find(result, 't-privileged');
    expect(at(priv!)).toBe('shop/templates/job.yaml:13');
    expect(priv!.helm).toMatchObject({ mapping: 'block', reason: expect.stringMatching(/securityContext\.privileged is written by `\{\{ tpl/) });
  });

  it('falls back to the enclosing block for a key no template line writes, and says so', () => {
    const [host] = find(result, 't-host-network');
    expect(at(host!)).toBe('shop/templates/job.yaml:8');
    expect(host!.helm).toMatchObject({
      mapping: 'block',
      reason: expect.stringMatching(/spec\.template\.spec\.hostNetwork is not written by any line of the template/),
    });
  });
});

describe('several renders of one chart', () => {
  const merged = lint(['rendered/default.yaml', 'rendered/prod.yaml']);
  const separate = lint(['rendered/default.yaml', 'rendered/prod.yaml'], { merge: false });

  it('lists a finding once per template location, naming each render and its values files', () => {
    const priv = find(merged, 't-privileged');
    expect(priv).toHaveLength(1);
    expect(priv[0]!.helm!.renders!.map((r) => [r.file, r.range.start.line, r.valuesFiles])).toEqual([
      ['rendered/default.yaml', 31, []],
      ['rendered/prod.yaml', 18, ['values/prod.yaml']],
    ]);
    expect(priv[0]!.helm!.valuesFiles).toEqual(['values/prod.yaml']);
    expect(priv[0]!.related!.filter((x) => x.message.startsWith('Rendered output')).map((x) => `${x.file}:${x.range.start.line}`)).toEqual([
      'rendered/default.yaml:31',
      'rendered/prod.yaml:18',
    ]);
    expect(find(separate, 't-privileged')).toHaveLength(2);
    // Every template location of the separate report appears exactly once in the merged one.
    const key = (f: Finding) => `${f.ruleId} ${at(f)} ${f.path.join('.')}`;
    expect(merged.findings.map(key).sort()).toEqual([...new Set(separate.findings.map(key))].sort());
  });

  it('keeps baseline fingerprints stable across re-renders that move the rendered lines', () => {
    const once = lint(['rendered/prod.yaml']);
    writeFileSync(path.join(dir, 'rendered/prod-again.yaml'), `# re-rendered with a banner\n\n${RENDERED_PROD}`);
    const again = lint(['rendered/prod-again.yaml'], { values: [{ file: 'values/prod.yaml' }] });
    expect(again.findings.map((f) => f.helm!.rendered!.range.start.line)).not.toEqual(once.findings.map((f) => f.helm!.rendered!.range.start.line));
    expect(fingerprints(again.findings)).toEqual(fingerprints(once.findings));
  });
});

describe('without a chart', () => {
  it('keeps the finding on the rendered file and says why', () => {
    const alone = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-alone-'));
    writeFileSync(path.join(alone, 'out.yaml'), RENDERED_PROD);
    const r = new Linter({ plugins: [rules], cwd: alone, helm: new HelmMapper({ roots: [alone] }) }).lintPaths([path.join(alone, 'out.yaml')]);
    const [priv] = find(r, 't-privileged');
    expect(at(priv!)).toBe('out.yaml:18');
    expect(priv!.helm).toMatchObject({ mapping: 'unmapped', reason: expect.stringMatching(/no chart source found for "shop\/templates\/deployment.yaml"/) });
  });

  it('skips the chart templates when a linted tree holds the chart', () => {
    const r = lint(['.']);
    expect(r.files.some((f) => f.includes('templates/'))).toBe(false);
    expect(
      r.skipped
        .filter((s) => s.reason === 'helm-template')
        .map((s) => s.file)
        .sort(),
    ).toEqual(['shop/templates/deployment.yaml', 'shop/templates/job.yaml', 'shop/templates/tests/test-connection.yaml', 'shop/templates/worker.yaml']);
    expect(r.findings.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  });
});

/** The chart `helm create demo` writes (trimmed to the files that render), and `helm template demo ./demo` of it. */
const SCAFFOLD: Record<string, string> = {
  'demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.16.0"\n',
  'demo/values.yaml': `replicaCount: 1
image:
  repository: nginx
  pullPolicy: IfNotPresent
  tag: "latest"
podSecurityContext: {}
securityContext: {}
resources: {}
autoscaling:
  enabled: false
`,
  'demo/templates/_helpers.tpl': `{{- define "demo.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "demo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`,
  'demo/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "demo.fullname" . }}
  labels:
    {{- include "demo.selectorLabels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "demo.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "demo.selectorLabels" . | nindent 8 }}
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`,
  'demo/rendered.yaml': `---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo-demo
  labels:
    app.kubernetes.io/name: demo
    app.kubernetes.io/instance: demo
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: demo
      app.kubernetes.io/instance: demo
  template:
    metadata:
      labels:
        app.kubernetes.io/name: demo
        app.kubernetes.io/instance: demo
    spec:
      securityContext:
        {}
      containers:
        - name: demo
          securityContext:
            {}
          image: "nginx:latest"
          imagePullPolicy: IfNotPresent
          resources:
            {}
`,
};

describe('the chart helm create writes', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-create-'));
  for (const [file, text] of Object.entries(SCAFFOLD)) {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), text);
  }
  const r = new Linter({ plugins: [rules], cwd: base, helm: new HelmMapper({ roots: [base] }) }).lintPaths([path.join(base, 'demo')]);
  const one = (ruleId: string) => {
    const all = find(r, ruleId);
    expect(all, ruleId).toHaveLength(1);
    return all[0] as Finding;
  };

  it('puts keys missing from an empty values dump on the toYaml line, with the values key to set', () => {
    const nonRoot = one('t-non-root');
    expect(at(nonRoot)).toBe('demo/templates/deployment.yaml:24');
    expect(nonRoot.helm).toMatchObject({ mapping: 'exact', absent: true, values: [{ key: 'securityContext.runAsNonRoot', locations: [] }] });
    const limits = one('t-limits');
    expect(at(limits)).toBe('demo/templates/deployment.yaml:28');
    expect(limits.helm!.values!.map((v) => v.key)).toEqual(['resources.limits']);
  });

  it('names both values keys of the image line', () => {
    const latest = one('t-latest');
    expect(at(latest)).toBe('demo/templates/deployment.yaml:25');
    expect(latest.helm!.values!.map((v) => `${v.key}@${v.locations.map((l) => `${l.file}:${l.line}`).join()}`)).toEqual([
      'image.repository@demo/values.yaml:3',
      'image.tag@demo/values.yaml:5',
    ]);
  });

  it('drops the namespace finding of a chart that leaves the namespace to the release', () => {
    expect(find(r, 't-default-namespace')).toEqual([]);
    const plain = new Linter({ plugins: [rules], cwd: base }).lintPaths([path.join(base, 'demo/rendered.yaml')]);
    expect(find(plain, 't-default-namespace')).toHaveLength(1);
  });
});

describe('deciding simple conditions from the values', () => {
  const values: Record<string, unknown> = { on: true, off: false, empty: {}, preset: 'nano', list: [1], nested: { kind: 'DaemonSet' } };
  const lookup = (p: readonly string[]) => p.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), values);
  const is = (code: string) => evaluate(code, [], lookup);

  it('reads truthiness, not, and, or, eq, ne and empty, and says when it cannot tell', () => {
    expect([is('.Values.on'), is('.Values.off'), is('.Values.empty'), is('.Values.list'), is('.Values.missing')]).toEqual([true, false, false, true, false]);
    expect([is('not .Values.on'), is('and .Values.on .Values.list'), is('or .Values.off .Values.empty'), is('empty .Values.empty')]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect([
      is('eq .Values.nested.kind "DaemonSet"'),
      is('ne .Values.preset "none"'),
      is('or (eq .Values.nested.kind "Deployment") (eq .Values.nested.kind "Both")'),
    ]).toEqual([true, true, false]);
    expect([is('semverCompare ">=1.20" .Capabilities.KubeVersion.Version'), is('and .Values.on (include "x" .)'), is('.Values.on | not')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(is('or .Values.on (include "x" .)')).toBe(true);
  });

  it('takes the branch the values select, with else if and else', () => {
    const t = readTemplate('{{- if .Values.empty }}\na: 1\n{{- else if ne .Values.preset "none" }}\nb: 2\n{{- else }}\nc: 3\n{{- end }}\n');
    const taken = (n: number) => branchTaken(t.lines[n]!.blocks[0]!, [], lookup);
    expect([taken(1), taken(3), taken(5)]).toEqual([false, true, false]);
  });

  it('maps a key written in two branches to the branch the values select', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-branch-'));
    const files: Record<string, string> = {
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'app/values.yaml': 'distroless: true\n',
      'app/templates/_helpers.tpl': '{{- define "app.image" -}}\napp:latest\n{{- end }}\n{{- define "app.slim" -}}\napp-slim:latest\n{{- end }}\n',
      'app/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: app\nspec:\n  containers:\n    - name: app\n      {{- if not .Values.distroless }}\n      image: {{ include "app.image" . }}\n      {{- else }}\n      image: {{ include "app.slim" . }}\n      {{- end }}\n',
      'out.yaml':
        '---\n# Source: app/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: app\nspec:\n  containers:\n    - name: app\n      image: app-slim:latest\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      writeFileSync(path.join(base, file), text);
    }
    const r = new Linter({ plugins: [rules], cwd: base, helm: new HelmMapper({ roots: [base] }) }).lintPaths([path.join(base, 'out.yaml')]);
    expect(find(r, 't-latest').map(at)).toEqual(['app/templates/pod.yaml:12']);
  });
});

describe('config globs on mapped findings', () => {
  it('match the rendered file as well as the template', () => {
    const config = parseConfig(
      [
        'overrides:',
        '  - files: ["rendered/prod.yaml"]',
        '    rules: { t-latest: "off" }',
        'suppressions:',
        '  - rule: t-privileged',
        '    files: ["shop/templates/deployment.yaml"]',
        '    reason: reviewed for the demo',
      ].join('\n'),
      { file: path.join(dir, '.kubecomply.yaml'), cwd: dir },
    );
    const policy = new GovernancePolicy({ config, frameworks: [], cwd: dir, knownRules: new Set(rules.rules.map((r) => r.id)) });
    const helm = new HelmMapper({ roots: [dir] });
    const r = policy.finish(
      new Linter({ plugins: [rules], cwd: dir, policy, helm, helmMerge: false }).lintPaths([
        path.join(dir, 'rendered/default.yaml'),
        path.join(dir, 'rendered/prod.yaml'),
      ]),
    );
    expect(find(r, 't-latest').map((f) => f.helm!.rendered!.file)).not.toContain('rendered/prod.yaml');
    expect(find(r, 't-latest', (f) => f.helm!.rendered!.file === 'rendered/default.yaml').length).toBeGreaterThan(0);
    const priv = find(r, 't-privileged');
    expect(priv).toHaveLength(2);
    for (const f of priv) expect(f.suppression).toMatchObject({ source: 'config', reason: 'reviewed for the demo' });
  });
});

describe('lookup', () => {
  it('marks a finding whose line calls lookup, which helm template answers with nothing', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-lookup-'));
    const files: Record<string, string> = {
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'app/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: app\nspec:\n  containers:\n    - name: app\n      image: {{ (lookup "v1" "ConfigMap" "app" "images").data.app | default "app:latest" }}\n',
      'out.yaml':
        '---\n# Source: app/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: app\nspec:\n  containers:\n    - name: app\n      image: app:latest\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      writeFileSync(path.join(base, file), text);
    }
    const r = new Linter({ plugins: [rules], cwd: base, helm: new HelmMapper({ roots: [base] }) }).lintPaths([path.join(base, 'out.yaml')]);
    const [latest] = find(r, 't-latest');
    expect(at(latest!)).toBe('app/templates/pod.yaml:9');
    expect(latest!.helm!.lookup).toBe(true);
    expect(find(r, 't-limits')[0]!.helm!.lookup).toBeUndefined();
  });
});

describe('documents written by named templates called from a range', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'kubecomply-helm-objects-'));
  const files: Record<string, string> = {
    'parts/Chart.yaml': 'apiVersion: v2\nname: parts\nversion: 1.0.0\n',
    'parts/values.yaml':
      'components:\n  ad:\n    image: ad:latest\n    port: 8080\n    resources: {}\n  cart:\n    image: cart:1.0\n    resources: { limits: { cpu: 100m } }\n    securityContext: { privileged: true }\n',
    'parts/templates/component.yaml':
      '{{- range $name, $config := .Values.components }}\n{{- $config := merge $config (dict "name" $name) }}\n{{- include "parts.deployment" $config }}\n{{- include "parts.service" $config }}\n{{- end }}\n',
    'parts/templates/_objects.tpl': `{{- define "parts.deployment" }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: parts-{{ .name }}
spec:
  template:
    spec:
      containers:
        - name: {{ .name }}
          image: {{ .image }}
          resources:
            {{- .resources | toYaml | nindent 12 }}
          {{- if .securityContext }}
          securityContext:
            {{- .securityContext | toYaml | nindent 12 }}
          {{- end }}
{{- end }}

{{- define "parts.service" }}
{{- if .port }}
---
apiVersion: v1
kind: Service
metadata:
  name: parts-{{ .name }}
spec:
  ports:
    - port: {{ .port }}
{{- end }}
{{- end }}
`,
    'out.yaml': `---
# Source: parts/templates/component.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: parts-ad
spec:
  template:
    spec:
      containers:
        - name: ad
          image: ad:latest
          resources:
            {}
---
# Source: parts/templates/component.yaml
apiVersion: v1
kind: Service
metadata:
  name: parts-ad
spec:
  ports:
    - port: 8080
---
# Source: parts/templates/component.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: parts-cart
spec:
  template:
    spec:
      containers:
        - name: cart
          image: cart:1.0
          resources:
            limits:
              cpu: 100m
          securityContext:
            privileged: true
`,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), text);
  }
  const r = new Linter({ plugins: [rules], cwd: base, helm: new HelmMapper({ roots: [base] }) }).lintPaths([path.join(base, 'out.yaml')]);

  it('finds the document in the named template the template file includes', () => {
    expect(find(r, 't-latest').map(at)).toEqual(['parts/templates/_objects.tpl:12']);
  });

  it('maps keys of a dump of a helper argument to the dump line, without inventing a values key', () => {
    const [priv] = find(r, 't-privileged');
    expect(at(priv!)).toBe('parts/templates/_objects.tpl:17');
    expect(priv!.helm).toMatchObject({ mapping: 'exact' });
    expect(priv!.helm!.values).toBeUndefined();
    const [limits] = find(r, 't-limits');
    expect(at(limits!)).toBe('parts/templates/_objects.tpl:14');
    expect(limits!.helm).toMatchObject({ mapping: 'exact', absent: true });
    expect(limits!.helm!.values).toBeUndefined();
  });
});
