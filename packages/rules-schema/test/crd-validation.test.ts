import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Linter, lint as lintWithConfig } from '@kubecomply/core';
import plugin from '../src/index.js';

const RULES = ['unknown-field', 'invalid-field-value', 'missing-required-field', 'resource-without-schema'];

function lint(yaml: string) {
  return new Linter({ plugins: [plugin], rules: RULES })
    .lintText(yaml, 'crd.yaml')
    .findings.map((f) => `${f.ruleId} ${f.path.join('.')} ${f.range.start.line}`);
}

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size, mode]
              properties:
                size: { type: integer, minimum: 1 }
                port: { x-kubernetes-int-or-string: true }
                mode: { type: string, enum: [fast, slow], default: fast }
                timeout: { type: string, format: duration }
                name: { type: string, pattern: "^(?i)[a-z]+$" }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
                template: { type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true }
                tags: { type: array, items: { type: string }, x-kubernetes-list-type: set }
                ports:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [port]
                  items: { type: object, required: [port], properties: { port: { type: integer }, name: { type: string } } }
                labels: { type: object, additionalProperties: { type: string } }
    - name: v2
      served: false
      storage: false
      schema: { openAPIV3Schema: { type: object } }
`;

const widget = (spec: string, apiVersion = 'example.com/v1') => `${CRD}---
apiVersion: ${apiVersion}
kind: Widget
metadata: { name: w }
spec:
${spec}`;

describe('custom resources checked by the CRD in the input', () => {
  it('accepts a resource that follows the schema, with every extension used', () => {
    expect(
      lint(
        widget(`  size: 2
  port: http
  timeout: 1m30s
  name: ABC
  extra: { anything: [1, { deep: true }] }
  template: { apiVersion: v1, kind: ConfigMap, metadata: { name: x }, data: { a: b } }
  tags: [a, b]
  ports: [{ port: 80, name: a }, { port: 81, name: a }]
  labels: { team: shop }
`),
      ),
    ).toEqual([]);
  });

  it('int-or-string takes an integer too', () => {
    expect(lint(widget('  size: 2\n  port: 8080\n'))).toEqual([]);
  });

  it('applies defaults before checking required fields (mode defaults to fast)', () => {
    expect(lint(widget('  size: 1\n'))).toEqual([]);
  });

  it('reports each problem at its key', () => {
    expect(
      lint(
        widget(`  sise: 2
  port: 1.5
  mode: medium
  timeout: ninety seconds
  template: { data: {} }
  tags: [a, a]
  ports: [{ port: 80 }, { port: 80 }]
  labels: { team: 7 }
  extra: { free: form }
`),
      ),
    ).toEqual([
      'missing-required-field spec.size 42',
      'unknown-field spec.sise 43',
      'invalid-field-value spec.port 44',
      'invalid-field-value spec.mode 45',
      'invalid-field-value spec.timeout 46',
      'missing-required-field spec.template.apiVersion 47',
      'invalid-field-value spec.tags.1 48',
      'invalid-field-value spec.ports.1 49',
      'invalid-field-value spec.labels.team 50',
    ]);
  });

  it('does not check a version the CRD does not serve, and counts it once per kind', () => {
    const yaml = `${widget('  size: 1\n', 'example.com/v2')}---\napiVersion: example.com/v2\nkind: Widget\nmetadata: { name: w2 }\n`;
    const linter = new Linter({ plugins: [plugin], rules: RULES });
    const findings = linter.lintText(yaml, 'crd.yaml').findings;
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}`)).toEqual(['resource-without-schema info 40']);
    expect(findings[0]?.message).toBe(
      '2 resources of kind Widget (example.com/v2) not validated: its CustomResourceDefinition serves no schema for this version.',
    );
  });

  it('counts custom resources without a CRD once per kind, never passing them in silence', () => {
    const yaml = ['Gadget', 'Gadget', 'Gizmo'].map((k, i) => `apiVersion: example.org/v1\nkind: ${k}\nmetadata: { name: g${i} }\n`).join('---\n');
    const findings = new Linter({ plugins: [plugin], rules: RULES }).lintText(yaml, 'cr.yaml').findings;
    expect(findings.map((f) => f.message)).toEqual([
      '2 resources of kind Gadget (example.org/v1) not validated: no CustomResourceDefinition for it is in the input or the configured CRD folders.',
      'One resource of kind Gizmo (example.org/v1) not validated: no CustomResourceDefinition for it is in the input or the configured CRD folders.',
    ]);
  });

  it('reads apiextensions.k8s.io/v1beta1 CRDs with a shared validation schema', () => {
    const old = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: gadgets.example.org }
spec:
  group: example.org
  version: v1
  names: { kind: Gadget, plural: gadgets }
  validation:
    openAPIV3Schema:
      properties:
        spec: { type: object, properties: { size: { type: integer } } }
---
apiVersion: example.org/v1
kind: Gadget
metadata: { name: g }
spec: { size: big }
`;
    expect(lint(old)).toEqual(['invalid-field-value spec.size 16']);
  });
});

const corpus = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-world', 'kube-prometheus', 'manifests');

describe.skipIf(!existsSync(corpus))('a real CRD and custom resource (kube-prometheus ServiceMonitor)', () => {
  const crd = existsSync(corpus) ? readFileSync(path.join(corpus, 'setup', '0servicemonitorCustomResourceDefinition.yaml'), 'utf8') : '';
  const monitor = existsSync(corpus) ? readFileSync(path.join(corpus, 'alertmanager-serviceMonitor.yaml'), 'utf8') : '';

  it('passes as shipped', () => {
    expect(new Linter({ plugins: [plugin], rules: RULES }).lintText(`${crd}\n---\n${monitor}`, 'x.yaml').findings).toEqual([]);
  });

  it('catches a misspelt field and a wrong type in it', () => {
    const broken = monitor.replace('  - interval: 30s\n    port: web', '  - intervall: 30s\n    port: web\n    honorLabels: "yes"');
    const findings = new Linter({ plugins: [plugin], rules: RULES }).lintText(`${crd}\n---\n${broken}`, 'x.yaml').findings;
    expect(findings.map((f) => `${f.ruleId} ${f.path.join('.')}`)).toEqual([
      'unknown-field spec.endpoints.0.intervall',
      'invalid-field-value spec.endpoints.0.honorLabels',
    ]);
    expect(findings[0]?.message).toContain('did you mean "interval"?');
  });
});

describe('CRDs from the folders the config names under crds:', () => {
  it('check the custom resources of the input, without being linted themselves', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kubecomply-crds-'));
    try {
      mkdirSync(path.join(dir, 'vendor'));
      // A CRD with a problem of its own: not reported, as the folder is only read.
      writeFileSync(path.join(dir, 'vendor', 'widgets.yaml'), CRD.replace('scope: Namespaced', 'scope: Namespaced\n  bogus: 1'));
      writeFileSync(path.join(dir, '.kubecomply.yaml'), 'crds: [vendor]\n');
      writeFileSync(path.join(dir, 'app.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { size: 0, colour: red }\n');
      const findings = lintWithConfig({ plugins: [plugin], rules: RULES, cwd: dir, paths: ['app.yaml'] }).findings;
      expect(findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`)).toEqual([
        'app.yaml:4:9 invalid-field-value',
        'app.yaml:4:18 unknown-field',
      ]);
      const without = new Linter({ plugins: [plugin], rules: RULES, cwd: dir }).lintPaths(['app.yaml']).findings;
      expect(without.map((f) => f.ruleId)).toEqual(['resource-without-schema']);
      expect(() => new Linter({ plugins: [plugin], rules: RULES, cwd: dir, lookupPaths: [path.join(dir, 'nope')] }).lintPaths(['app.yaml'])).toThrow(
        'Cannot read the CRD files named by the config: nope.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
