import { describe, expect, it } from 'vitest';
import rulesCis from '@kubecomply/rules-cis';
import { Linter } from '../src/index.js';

const WORKLOAD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext: { privileged: true }
`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';

const sources = [
  { file: 'a/pod.yaml', text: WORKLOAD },
  { file: 'b/namespace.yaml', text: NAMESPACE },
];
const linter = () => new Linter({ plugins: [rulesCis], rules: ['privileged-container', 'namespace-without-networkpolicy'] });
const brief = (findings: readonly { file: string; ruleId: string; message: string }[]) => findings.map((f) => `${f.file} ${f.ruleId} ${f.message}`);

describe('Linter.lintInputs: texts and shard ownership', () => {
  it('sources are linted after the files, as files of their own', () => {
    const result = linter().lintInputs([], sources);
    expect(result.files).toEqual(['a/pod.yaml', 'b/namespace.yaml']);
    expect(result.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual([
      'a/pod.yaml privileged-container',
      'b/namespace.yaml namespace-without-networkpolicy',
    ]);
  });

  it("owns: a shard keeps its own files' findings, whole-set ones included, as the whole run has them", () => {
    const whole = linter().lintInputs([], sources);
    const second = linter().lintInputs([], sources, undefined, { owns: (file) => file.startsWith('b/') });
    // The Namespace's finding counts the Pod of the other shard's file.
    expect(brief(second.findings)).toEqual(brief(whole.findings.filter((f) => f.file.startsWith('b/'))));
    expect(second.findings[0]?.message).toMatch(/1 workload of the input runs there/);
    expect(second.resources.map((r) => r.kind)).toEqual(['Namespace']);
    expect(second.files).toEqual(whole.files);
    const first = linter().lintInputs([], sources, undefined, { owns: (file) => file.startsWith('a/') });
    expect(brief(first.findings)).toEqual(brief(whole.findings.filter((f) => f.file.startsWith('a/'))));
  });
});

describe('kustomize origin annotations', () => {
  const rendered = (annotations: string) => `apiVersion: v1
kind: Pod
metadata:
  annotations:
${annotations}
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext: { privileged: true }
`;

  it('attribute each rendered object to the file kustomize says it came from', () => {
    const text = `${rendered('    config.kubernetes.io/origin: |\n      path: base/pod.yaml\n')}---\n${rendered('    other: x')}`;
    const findings = new Linter({ plugins: [rulesCis], rules: ['privileged-container'] }).lintText(text, 'rendered.yaml').findings;
    const lines = text.split('\n').flatMap((line, i) => (line.includes('privileged: true') ? [i + 1] : []));
    expect(findings.map((f) => [f.range.start.line, f.helm?.template])).toEqual([
      [lines[0], 'base/pod.yaml'],
      [lines[1], undefined],
    ]);
  });

  it('a remote origin gives its path; a Helm # Source: comment wins', () => {
    const remote = rendered('    config.kubernetes.io/origin: |\n      path: examples/app/pod.yaml\n      repo: https://github.com/example/app\n      ref: v1');
    const lint = (text: string) => new Linter({ plugins: [rulesCis], rules: ['privileged-container'] }).lintText(text, 'r.yaml').findings[0]?.helm;
    expect(lint(remote)).toEqual({ template: 'examples/app/pod.yaml' });
    expect(lint(`# Source: chart/templates/pod.yaml\n${remote}`)).toEqual({ template: 'chart/templates/pod.yaml' });
  });
});
