/**
 * Built-in kinds: each case is what the API server of the given release
 * answers on create with strict field validation (kubectl's default since
 * 1.27), and the finding kubecomply gives for it. The "server" column quotes
 * the shape of the server's answer.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from '@kubecomply/core';
import plugin, { schemaLoadStats } from '../src/index.js';

const RULES = ['unknown-field', 'invalid-field-value', 'missing-required-field', 'unknown-kind', 'resource-without-schema', 'removed-api-version'];

function lint(yaml: string, minor = 36) {
  const linter = new Linter({ plugins: [plugin], rules: RULES, kubeVersion: { major: 1, minor } });
  return linter.lintText(yaml, 'case.yaml').findings;
}

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - ${container}${extra}
`;

interface Case {
  name: string;
  server: string;
  yaml: string;
  minor?: number;
  /** 'rule path line:column' of every finding; [] when the server accepts the object. */
  expected: string[];
}

const cases: Case[] = [
  {
    name: 'unknown field at the top level',
    server: 'strict decoding error: unknown field "replicas"',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\nreplicas: 3\ndata: { a: b }\n`,
    expected: ['unknown-field replicas 4:1'],
  },
  {
    name: 'unknown (misspelt) field nested in a container',
    server: 'strict decoding error: unknown field "spec.template.spec.containers[0].securityContex"',
    yaml: deployment('name: web\n          image: nginx:1.27\n          securityContex: { runAsNonRoot: true }'),
    expected: ['unknown-field spec.template.spec.containers.0.securityContex 13:11'],
  },
  {
    name: 'wrong type: a string where an integer goes',
    server: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    yaml: deployment('name: web\n          image: nginx:1.27').replace('spec:\n  selector', 'spec:\n  replicas: "3"\n  selector'),
    expected: ['invalid-field-value spec.replicas 6:3'],
  },
  {
    name: 'wrong type: a number where a string goes (label value)',
    server: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: { version: 2 }\n`,
    expected: ['invalid-field-value metadata.labels.version 5:13'],
  },
  {
    name: 'missing required field',
    server: 'spec.template.spec.containers[0].name: Required value',
    yaml: deployment('image: nginx:1.27'),
    expected: ['missing-required-field spec.template.spec.containers.0.name 11:11'],
  },
  {
    name: 'missing required list (containers)',
    server: 'spec.containers: Required value',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  restartPolicy: Never\n`,
    expected: ['missing-required-field spec.containers 4:1'],
  },
  {
    name: 'bad quantity',
    server: 'quantities must match the regular expression',
    yaml: deployment('name: web\n          image: nginx:1.27\n          resources: { limits: { memory: 1GB, cpu: 500m } }'),
    expected: ['invalid-field-value spec.template.spec.containers.0.resources.limits.memory 13:34'],
  },
  {
    name: 'quantities as numbers and with every suffix are fine',
    server: 'accepted',
    yaml: deployment(
      'name: web\n          image: nginx:1.27\n          resources: { requests: { cpu: 0.5, memory: 128Mi, ephemeral-storage: 1e9 }, limits: { cpu: 2, memory: 1G } }',
    ),
    expected: [],
  },
  {
    name: 'int-or-string as an integer and as a string',
    server: 'accepted',
    yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  selector: { app: web }\n  ports:\n    - { name: a, port: 80, targetPort: 8080 }\n    - { name: b, port: 81, targetPort: http }\n`,
    expected: [],
  },
  {
    name: 'int-or-string as neither',
    server: 'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type intstr.IntOrString',
    yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  ports:\n    - { port: 80, targetPort: true }\n`,
    expected: ['invalid-field-value spec.ports.0.targetPort 6:19'],
  },
  {
    name: 'embedded object: the pod template of a CronJob job template is checked like a pod',
    server: 'strict decoding error: unknown field "spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicyy"',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata: { name: c }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: c
              image: busybox:1.36
              imagePullPolicyy: Always
`,
    expected: ['unknown-field spec.jobTemplate.spec.template.spec.containers.0.imagePullPolicyy 14:15'],
  },
  {
    name: 'embedded raw object (ControllerRevision data) takes anything',
    server: 'accepted',
    yaml: `apiVersion: apps/v1\nkind: ControllerRevision\nmetadata: { name: r }\nrevision: 1\ndata: { spec: { anything: [1, true] } }\n`,
    expected: [],
  },
  {
    name: 'enum value not supported',
    server: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    yaml: deployment('name: web\n          image: nginx:1.27\n          imagePullPolicy: Sometimes'),
    expected: ['invalid-field-value spec.template.spec.containers.0.imagePullPolicy 13:11'],
  },
  {
    name: 'a field newer than the target: restartPolicy on an init container (sidecars) is valid at 1.36',
    server: 'accepted',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  initContainers:\n    - { name: proxy, image: envoy:1.30, restartPolicy: Always }\n  containers:\n    - { name: app, image: app:1.0 }\n`,
    minor: 36,
    expected: [],
  },
  {
    name: '... and unknown at 1.24',
    server: 'strict decoding error: unknown field "spec.initContainers[0].restartPolicy"',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  initContainers:\n    - { name: proxy, image: envoy:1.30, restartPolicy: Always }\n  containers:\n    - { name: app, image: app:1.0 }\n`,
    minor: 24,
    expected: ['unknown-field spec.initContainers.0.restartPolicy 6:41'],
  },
  {
    name: 'nulls are "unset", as the server decodes them',
    server: 'accepted',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, creationTimestamp: null, labels: null }\ndata: null\n`,
    expected: [],
  },
  {
    name: 'Secret data must be base64',
    server: 'illegal base64 data at input byte 8',
    yaml: `apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  ok: aGVsbG8=\n  bad: not base64!\n`,
    expected: ['invalid-field-value data.bad 6:3'],
  },
  {
    name: 'a date-time that is not one',
    server: 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00"',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, creationTimestamp: yesterday }\n`,
    expected: ['invalid-field-value metadata.creationTimestamp 3:22'],
  },
  {
    name: 'a list where an object goes',
    server: 'json: cannot unmarshal array into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext',
    yaml: `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  securityContext: [runAsNonRoot]\n  containers: [{ name: a, image: a:1 }]\n`,
    expected: ['invalid-field-value spec.securityContext 5:3'],
  },
  {
    name: 'a misspelt kind',
    server: 'no matches for kind "Deploymnet" in version "apps/v1"',
    yaml: `apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: d }\n`,
    expected: ['unknown-kind kind 2:1'],
  },
  {
    name: 'a kind the target does not serve yet (resource.k8s.io/v1 came in 1.34)',
    server: 'no matches for kind "DeviceClass" in version "resource.k8s.io/v1"',
    yaml: `apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: { name: gpu }\nspec: {}\n`,
    minor: 30,
    expected: ['unknown-kind kind 2:1'],
  },
  {
    name: 'a removed version is reported once, by removed-api-version',
    server: 'no matches for kind "Ingress" in version "extensions/v1beta1"',
    yaml: `apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: { name: i }\nspec: { backend: { serviceName: s, servicePort: 80 }, bogus: 1 }\n`,
    expected: ['removed-api-version apiVersion 1:1'],
  },
];

describe('schema validation agrees with the API server', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const found = lint(c.yaml, c.minor).map((f) => `${f.ruleId} ${f.path.join('.')} ${f.range.start.line}:${f.range.start.column}`);
    expect(found, c.server).toEqual(c.expected);
  });

  it('says what was expected, with the nearest field name', () => {
    const messages = lint(deployment('name: web\n          image: nginx:1.27\n          securityContex: {}\n          imagePullPolicy: Allways')).map(
      (f) => f.message,
    );
    expect(messages).toEqual([
      'Unknown field "spec.template.spec.containers[0].securityContex": Container has no field "securityContex"; did you mean "securityContext"?',
      '"spec.template.spec.containers[0].imagePullPolicy" must be one of Always, IfNotPresent, Never, not the string "Allways"; did you mean "Always"?',
    ]);
    const [dated] = lint(`apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: a, image: a:1, resizePolicy: [] }]\n`, 24);
    expect(dated?.message).toBe(
      'Unknown field "spec.containers[0].resizePolicy" in Kubernetes 1.24: Container has "resizePolicy" only in later releases (added after 1.26, present in 1.27).',
    );
  });

  it('gives no "did you mean" for a name far from every field', () => {
    const [finding] = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ncompletelyDifferent: 1\n`);
    expect(finding?.message).toBe('Unknown field "completelyDifferent": ConfigMap has no field "completelyDifferent".');
  });
});

describe('schema data is read lazily, per kind', () => {
  it('reads nothing for a run without schema rules, then one file the first time a kind is met', () => {
    const before = schemaLoadStats.files;
    new Linter({ plugins: [plugin], rules: ['removed-api-version'] }).lintText('apiVersion: v1\nkind: LimitRange\nmetadata: { name: l }\n', 'a.yaml');
    expect(schemaLoadStats.files).toBe(before);
    lint('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    const afterIndex = schemaLoadStats.files;
    lint('apiVersion: v1\nkind: LimitRange\nmetadata: { name: l }\nspec: { limits: [{ type: Container }] }\n');
    expect(schemaLoadStats.files).toBe(afterIndex + 1);
    lint('apiVersion: v1\nkind: LimitRange\nmetadata: { name: l2 }\n');
    expect(schemaLoadStats.files).toBe(afterIndex + 1);
  });
});
