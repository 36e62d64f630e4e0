/**
 * Property-based fuzzing of the linter: generators of Kubernetes-like
 * objects written in many YAML styles, mutations of real manifests, and the
 * invariants every input must keep. fuzz.test.ts runs a short campaign;
 * `pnpm fuzz` (run-campaign.mjs) a long one.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Document, isScalar, parseAllDocuments, visit, type Node as YamlNode, type ToStringOptions } from 'yaml';
import { FORMATTERS, isSetRule, Linter, type Finding, type LintResult } from '@kubecomply/core';
import { decode } from '../../packages/core/src/input/decode.js';
import { KUBERNETES_SCHEMA } from '../../packages/core/src/parse/schema.js';
import rulesCis from '@kubecomply/rules-cis';
import { RefFile } from '../../packages/core/test/support/reference-locator.js';
import { corpusPath } from '../support/corpus.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS = corpusPath('real-world');

const linter = new Linter({ plugins: [rulesCis] });

/** Rules whose findings on one resource depend only on that resource. */
const LOCAL_RULES = new Set(rulesCis.rules.filter((r) => !isSetRule(r) && !(r.uses && r.uses.length > 0)).map((r) => r.id));

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/** Strings YAML readers (and YAML 1.1 in particular) treat specially. */
const TRICKY_STRINGS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'NO',
  '~',
  'null',
  'Null',
  'true',
  'False',
  'TRUE',
  '0755',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1e3',
  '.5',
  '+1',
  '-0',
  '.inf',
  '-.Inf',
  '.nan',
  '1:30',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '<<',
  '=',
  '-',
  '--',
  '---',
  '...',
  '?',
  ':',
  '*a',
  '&a',
  '!tag',
  '!!str',
  '%YAML',
  '@x',
  '`x',
  '#x',
  'a #b',
  'a: b',
  'a:b',
  '- a',
  '[a]',
  '{a}',
  '"q"',
  "'q'",
  '\\',
  '',
  ' ',
  ' lead',
  'trail ',
  'multi\nline',
  'two\n\nbreaks',
  'tab\there',
  'cr\r\nlf',
  'nel\u0085x',
  'ls\u2028x',
  'ps\u2029x',
  'bom\ufeffx',
  'nul\u0000x',
  'esc\u001b[2J',
  'bell\u0007',
  '日本語',
  'ünïcödé',
  '🚀',
  'e\u0301',
  'rtl\u202eevil',
  '{{ .Values.x }}',
  '${HOME}',
  '$(id)',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
];

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '',
  ' ',
  'ключ',
  '🚀',
  'a.b',
  'a/b',
  'a: b',
  '#x',
  '-x',
  '?x',
  'true',
  '1',
  '0755',
  'null',
  'x'.repeat(1100),
  'multi\nline',
  '"',
  "'",
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: -70_000, max: 70_000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Mostly `normal`, sometimes any scalar, list or map: the wrong type in the right place. */
function weird<T>(normal: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: normal },
    { weight: 1, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/** An object with its optional keys, and now and then odd extra keys, set as own data properties. */
function object(model: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const odd = fc.array(fc.tuple(fc.constantFrom(...ODD_KEYS), scalar), { maxLength: 2 });
  return fc
    .tuple(fc.record(model, { requiredKeys: [] }), fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: odd }))
    .map(([base, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(base)) if (v !== undefined) define(out, k, v);
      for (const [k, v] of extra) if (!Object.hasOwn(out, k)) define(out, k, v);
      return out;
    });
}

/** `o[k] = v` that makes `__proto__` an own key instead of setting the prototype. */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const bool = weird(fc.boolean());
const capability = fc.constantFrom('ALL', 'all', 'NET_RAW', 'NET_ADMIN', 'SYS_ADMIN', 'CAP_SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN', 'SYS_PTRACE', '');
const securityContext = object({
  privileged: bool,
  runAsNonRoot: bool,
  runAsUser: weird(fc.constantFrom(0, 1, 1000, 65534, -1)),
  runAsGroup: weird(fc.constantFrom(0, 1000)),
  allowPrivilegeEscalation: bool,
  readOnlyRootFilesystem: bool,
  capabilities: weird(object({ add: weird(fc.array(capability, { maxLength: 3 })), drop: weird(fc.array(capability, { maxLength: 3 })) })),
  seccompProfile: weird(object({ type: weird(fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost', 'runtime/default')), localhostProfile: scalar })),
  appArmorProfile: weird(object({ type: weird(fc.constantFrom('RuntimeDefault', 'Unconfined', 'Localhost')) })),
  procMount: weird(fc.constantFrom('Default', 'Unmasked')),
  seLinuxOptions: weird(object({ type: weird(fc.constantFrom('spc_t', 'container_t', 'container_init_t')), user: scalar })),
  windowsOptions: weird(object({ hostProcess: bool })),
});
const podSecurityContext = object({
  runAsNonRoot: bool,
  runAsUser: weird(fc.constantFrom(0, 1000)),
  fsGroup: weird(fc.constantFrom(0, 2000)),
  seccompProfile: weird(object({ type: weird(fc.constantFrom('RuntimeDefault', 'Unconfined')) })),
  sysctls: weird(
    fc.array(object({ name: weird(fc.constantFrom('net.ipv4.ip_forward', 'kernel.shm_rmid_forced', 'kernel.msgmax')), value: scalar }), { maxLength: 2 }),
  ),
});
const FLAGS = [
  '--anonymous-auth=true',
  '--anonymous-auth=false',
  '--authorization-mode=AlwaysAllow',
  '--authorization-mode=Node,RBAC',
  '--profiling=true',
  '--insecure-port=8080',
  '--token-auth-file=/etc/tokens.csv',
  '--enable-admission-plugins=AlwaysAdmit',
  '--audit-log-path=/var/log/audit.log',
  '--audit-log-maxage',
  '7',
  '--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA',
  '--read-only-port=10255',
  '--bind-address=0.0.0.0',
  '--auto-tls=true',
  '--client-cert-auth=false',
  '--kubeconfig=/etc/kubernetes/kubelet.conf',
  '--config=/var/lib/kubelet/config.yaml',
  '-v=2',
  '--',
  'x=y',
];
const command = weird(
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          'kube-apiserver',
          'etcd',
          'kube-controller-manager',
          'kube-scheduler',
          'kubelet',
          'kube-proxy',
          '/usr/local/bin/kube-apiserver',
          'nginx',
        ),
        fc.array(fc.constantFrom(...FLAGS), { maxLength: 6 }),
      )
      .map(([c, f]) => [c, ...f]),
    fc
      .tuple(fc.constantFrom('sh', '/bin/bash'), fc.constantFrom('-c', '-ec'), fc.array(fc.constantFrom(...FLAGS), { maxLength: 4 }))
      .map(([s, c, f]) => [s, c, `exec kube-apiserver ${f.join(' ')}`]),
    fc.array(fc.constantFrom('sleep', '3600', 'echo', 'password=hunter2', '--token=abc'), { maxLength: 3 }),
  ),
);
const image = weird(
  fc.constantFrom(
    'nginx',
    'nginx:latest',
    'nginx:1.27',
    'registry.example.com/a/b:1.0@sha256:' + 'a'.repeat(64),
    'busybox@sha256:' + '0'.repeat(64),
    '',
    'UPPER/Case',
    'localhost:5000/x',
  ),
);
const env = weird(
  fc.array(
    object({
      name: weird(fc.constantFrom('PASSWORD', 'DB_PASSWORD', 'API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'HOME', 'MODE')),
      value: scalar,
      valueFrom: weird(object({ secretKeyRef: weird(object({ name: weird(fc.constantFrom('db', 'creds')), key: scalar })) })),
    }),
    { maxLength: 3 },
  ),
);
const resources = weird(
  object({
    limits: weird(object({ cpu: weird(fc.constantFrom('500m', '1', 1, '0')), memory: weird(fc.constantFrom('128Mi', '1Gi', 0)) })),
    requests: weird(object({ cpu: weird(fc.constantFrom('100m', 0.5)), memory: weird(fc.constantFrom('64Mi')) })),
  }),
);
const ports = weird(
  fc.array(
    object({
      containerPort: weird(fc.constantFrom(80, 443, 8080, 22)),
      hostPort: weird(fc.constantFrom(80, 8443, 0)),
      protocol: weird(fc.constantFrom('TCP', 'UDP')),
    }),
    { maxLength: 2 },
  ),
);
const volumeMounts = weird(
  fc.array(
    object({
      name: weird(fc.constantFrom('data', 'sock', 'host')),
      mountPath: weird(fc.constantFrom('/data', '/var/run/docker.sock', '/host')),
      readOnly: bool,
    }),
    { maxLength: 2 },
  ),
);
const probe = weird(object({ httpGet: weird(object({ path: scalar, port: weird(fc.constantFrom(80, 'http')) })) }));

const container = object({
  name: weird(fc.constantFrom('app', 'sidecar', 'kube-apiserver', 'etcd', 'init', '')),
  image,
  imagePullPolicy: weird(fc.constantFrom('Always', 'IfNotPresent', 'Never')),
  command,
  args: command,
  env,
  ports,
  resources,
  securityContext: weird(securityContext),
  volumeMounts,
  livenessProbe: probe,
  readinessProbe: probe,
});

const volume = object({
  name: weird(fc.constantFrom('data', 'sock', 'host', 'secret')),
  hostPath: weird(
    object({
      path: weird(fc.constantFrom('/', '/etc', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/log', '/proc')),
      type: weird(fc.constantFrom('Directory', 'Socket', '')),
    }),
  ),
  emptyDir: weird(fc.constant({})),
  secret: weird(object({ secretName: scalar })),
  configMap: weird(object({ name: scalar })),
});

const podSpec = object({
  containers: weird(fc.array(weird(container), { minLength: 1, maxLength: 3 })),
  initContainers: weird(fc.array(weird(container), { maxLength: 2 })),
  ephemeralContainers: weird(fc.array(weird(container), { maxLength: 1 })),
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  hostUsers: bool,
  securityContext: weird(podSecurityContext),
  serviceAccountName: weird(fc.constantFrom('default', 'app', 'admin', '')),
  automountServiceAccountToken: bool,
  volumes: weird(fc.array(weird(volume), { maxLength: 3 })),
  nodeName: scalar,
});

const NAMESPACES = ['default', 'prod', 'kube-system', 'team-a', '__proto__', 'constructor', 'toString'];
const labels = weird(
  fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'app',
        'tier',
        'pod-security.kubernetes.io/enforce',
        'pod-security.kubernetes.io/warn',
        'pod-security.kubernetes.io/enforce-version',
        'pci.kubecomply.io/scope',
      ),
      fc.constantFrom(...ODD_KEYS),
    ),
    weird(fc.constantFrom('web', 'privileged', 'baseline', 'restricted', 'latest', 'v1.30', 'cde', '')),
    { maxKeys: 3 },
  ),
);
const annotations = weird(
  fc.dictionary(
    fc.constantFrom(
      'ignore.kubecomply.io/privileged-container',
      'ignore.kubecomply.io/host-pid',
      'container.apparmor.security.beta.kubernetes.io/app',
      'seccomp.security.alpha.kubernetes.io/pod',
      'note',
      '__proto__',
    ),
    weird(fc.constantFrom('unconfined', 'runtime/default', 'reviewed by security; expires=2099-01-01', 'expired; expires=2000-01-01', '')),
    { maxKeys: 2 },
  ),
);
const metadata = object({ namespace: weird(fc.constantFrom(...NAMESPACES)), labels, annotations });

type Kube = Record<string, unknown>;

function withMeta(kind: string, apiVersion: string, rest: fc.Arbitrary<Kube>): fc.Arbitrary<Kube> {
  return fc.tuple(metadata, rest).map(([meta, body]) => {
    const obj: Kube = { apiVersion, kind, metadata: { ...meta } };
    for (const [k, v] of Object.entries(body)) define(obj, k, v);
    return obj;
  });
}

const template = object({ metadata: object({ labels }), spec: weird(podSpec) });
const WORKLOADS: [string, string][] = [
  ['Deployment', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
  ['ReplicaSet', 'apps/v1'],
  ['Job', 'batch/v1'],
];

const policyRule = object({
  apiGroups: weird(fc.array(fc.constantFrom('', '*', 'apps', 'rbac.authorization.k8s.io'), { maxLength: 2 })),
  resources: weird(fc.array(fc.constantFrom('*', 'pods', 'secrets', 'pods/exec', 'clusterroles', 'nodes/proxy', 'serviceaccounts/token'), { maxLength: 3 })),
  verbs: weird(fc.array(fc.constantFrom('*', 'get', 'list', 'create', 'escalate', 'bind', 'impersonate', 'patch'), { maxLength: 3 })),
});

/** One Kubernetes-like object of a kind the rules read. */
export const kubeObject: fc.Arbitrary<Kube> = fc.oneof(
  { weight: 4, arbitrary: withMeta('Pod', 'v1', object({ spec: weird(podSpec) })) },
  ...WORKLOADS.map(([kind, api]) => ({
    weight: 1,
    arbitrary: withMeta(kind, api, object({ spec: weird(object({ template: weird(template), selector: weird(object({ matchLabels: labels })) })) })),
  })),
  {
    weight: 1,
    arbitrary: withMeta(
      'CronJob',
      'batch/v1',
      object({ spec: weird(object({ jobTemplate: weird(object({ spec: weird(object({ template: weird(template) })) })) })) }),
    ),
  },
  { weight: 1, arbitrary: withMeta('Namespace', 'v1', fc.constant({})) },
  {
    weight: 1,
    arbitrary: withMeta(
      'NetworkPolicy',
      'networking.k8s.io/v1',
      object({
        spec: weird(
          object({
            podSelector: weird(object({ matchLabels: labels })),
            policyTypes: weird(fc.array(fc.constantFrom('Ingress', 'Egress'), { maxLength: 2 })),
            ingress: weird(
              fc.array(
                object({
                  from: weird(
                    fc.array(object({ ipBlock: weird(object({ cidr: weird(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '169.254.169.254/32', 'x')) })) }), {
                      maxLength: 2,
                    }),
                  ),
                }),
                { maxLength: 2 },
              ),
            ),
            egress: weird(
              fc.array(
                object({
                  to: weird(
                    fc.array(
                      object({
                        ipBlock: weird(
                          object({
                            cidr: weird(fc.constantFrom('0.0.0.0/0', '::/0')),
                            except: weird(fc.array(fc.constantFrom('169.254.169.254/32'), { maxLength: 1 })),
                          }),
                        ),
                      }),
                      { maxLength: 2 },
                    ),
                  ),
                }),
                { maxLength: 2 },
              ),
            ),
          }),
        ),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: withMeta(
      'Service',
      'v1',
      object({
        spec: weird(
          object({
            type: weird(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')),
            selector: labels,
            externalIPs: weird(fc.array(fc.constantFrom('1.2.3.4'), { maxLength: 1 })),
          }),
        ),
      }),
    ),
  },
  { weight: 1, arbitrary: withMeta('ServiceAccount', 'v1', object({ automountServiceAccountToken: bool })) },
  ...(['Role', 'ClusterRole'] as const).map((kind) => ({
    weight: 1,
    arbitrary: withMeta(kind, 'rbac.authorization.k8s.io/v1', object({ rules: weird(fc.array(policyRule, { maxLength: 3 })) })),
  })),
  ...(['RoleBinding', 'ClusterRoleBinding'] as const).map((kind) => ({
    weight: 1,
    arbitrary: withMeta(
      kind,
      'rbac.authorization.k8s.io/v1',
      object({
        roleRef: weird(
          object({
            kind: weird(fc.constantFrom('ClusterRole', 'Role')),
            name: weird(fc.constantFrom('cluster-admin', 'edit', 'view', 'app')),
            apiGroup: fc.constant('rbac.authorization.k8s.io'),
          }),
        ),
        subjects: weird(
          fc.array(
            object({
              kind: weird(fc.constantFrom('ServiceAccount', 'User', 'Group')),
              name: weird(fc.constantFrom('default', 'system:anonymous', 'system:unauthenticated', 'system:authenticated', 'app')),
              namespace: weird(fc.constantFrom(...NAMESPACES)),
            }),
            { maxLength: 2 },
          ),
        ),
      }),
    ),
  })),
  {
    weight: 1,
    arbitrary: withMeta(
      'Secret',
      'v1',
      object({
        type: weird(fc.constantFrom('Opaque', 'kubernetes.io/service-account-token')),
        data: weird(fc.dictionary(fc.constantFrom('password', 'token', 'x'), scalar, { maxKeys: 2 })),
        stringData: weird(fc.dictionary(fc.constantFrom('password'), scalar, { maxKeys: 1 })),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: withMeta(
      'ConfigMap',
      'v1',
      object({ data: weird(fc.dictionary(fc.constantFrom('password', 'AWS_SECRET_ACCESS_KEY', 'config.yaml', 'x'), scalar, { maxKeys: 2 })) }),
    ),
  },
  {
    weight: 1,
    arbitrary: withMeta(
      'Ingress',
      'networking.k8s.io/v1',
      object({
        spec: weird(
          object({
            tls: weird(fc.array(object({ hosts: weird(fc.array(fc.constantFrom('a.example.com'), { maxLength: 1 })) }), { maxLength: 1 })),
            rules: weird(fc.array(object({ host: scalar }), { maxLength: 1 })),
          }),
        ),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: withMeta(
      'KubeletConfiguration',
      'kubelet.config.k8s.io/v1beta1',
      object({
        authentication: weird(object({ anonymous: weird(object({ enabled: bool })), webhook: weird(object({ enabled: bool })) })),
        authorization: weird(object({ mode: weird(fc.constantFrom('AlwaysAllow', 'Webhook')) })),
        readOnlyPort: weird(fc.constantFrom(0, 10255)),
        protectKernelDefaults: bool,
        seccompDefault: bool,
        makeIPTablesUtilChains: bool,
        rotateCertificates: bool,
        streamingConnectionIdleTimeout: weird(fc.constantFrom('0', '5m', '4h0m0s')),
        podPidsLimit: weird(fc.constantFrom(-1, 0, 4096)),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: withMeta(
      'Policy',
      'audit.k8s.io/v1',
      object({
        rules: weird(
          fc.array(
            object({
              level: weird(fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse')),
              resources: weird(
                fc.array(
                  object({
                    group: weird(fc.constantFrom('', 'rbac.authorization.k8s.io')),
                    resources: weird(fc.array(fc.constantFrom('secrets', 'configmaps', 'tokenreviews'), { maxLength: 2 })),
                  }),
                  { maxLength: 2 },
                ),
              ),
            }),
            { maxLength: 3 },
          ),
        ),
      }),
    ),
  },
);

const NAME_WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

/** 1 to `max` objects, each with a unique name (so a finding's document is known), now and then wrapped in a List. */
export function kubeDocuments(max = 4): fc.Arbitrary<Kube[]> {
  return fc.tuple(fc.array(kubeObject, { minLength: 1, maxLength: max }), fc.integer({ min: 0, max: 20 })).map(([generated, listAt]) => {
    // fast-check may hand the same values out again while shrinking: change a copy.
    const named = structuredClone(generated).map((o, i) => {
      const meta = isPlainObject(o['metadata']) ? o['metadata'] : {};
      // Names far apart, so that no one-byte mutation turns one into another.
      define(meta, 'name', `${NAME_WORDS[i % NAME_WORDS.length]}-${String(o['kind']).toLowerCase()}`);
      return o;
    });
    // A List only wraps objects that are not Lists; its items keep their names.
    if (listAt < named.length && named.length > 1) {
      const items = named.splice(listAt, 2);
      named.splice(listAt, 0, { apiVersion: 'v1', kind: 'List', items });
    }
    return named;
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Aliases: now and then, one container's securityContext (or the pod's
 * spec) is the same object as another's, which the YAML writer turns into
 * an anchor and aliases.
 */
export function shareSomeObjects(docs: Kube[], pick: number): void {
  const contexts: Record<string, unknown>[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'securityContext' || k === 'resources' || k === 'labels') && isPlainObject(x)) contexts.push(v as Record<string, unknown>);
      walk(x, depth + 1);
    }
  };
  walk(docs, 0);
  if (contexts.length < 2) return;
  const from = contexts[pick % contexts.length] as Record<string, unknown>;
  const to = contexts[(pick * 7 + 1) % contexts.length] as Record<string, unknown>;
  const key = ['securityContext', 'resources', 'labels'].find((k) => Object.hasOwn(from, k) && isPlainObject(from[k]) && Object.hasOwn(to, k));
  if (key && from !== to) define(to, key, from[key]);
}

// ---------------------------------------------------------------------------
// YAML styles
// ---------------------------------------------------------------------------

export interface Style {
  layout: 'block' | 'flow' | 'mixed' | 'json';
  indent: number;
  indentSeq: boolean;
  keyType: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  stringType: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';
  comments: boolean;
  anchors: boolean;
  crlf: boolean;
  bom: boolean;
  lineWidth: number;
  nullStr: 'null' | '~' | 'Null';
  firstMarker: boolean;
  endMarkers: boolean;
  flowPadding: boolean;
  /** Drives the per-node choices of mixed layouts and comments. */
  seed: number;
}

export const style: fc.Arbitrary<Style> = fc.record({
  layout: fc.constantFrom('block', 'block', 'flow', 'mixed', 'mixed', 'json'),
  indent: fc.constantFrom(1, 2, 2, 3, 4, 8),
  indentSeq: fc.boolean(),
  keyType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  stringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  comments: fc.boolean(),
  anchors: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
  lineWidth: fc.constantFrom(0, 20, 40, 80),
  nullStr: fc.constantFrom('null', '~', 'Null'),
  firstMarker: fc.boolean(),
  endMarkers: fc.boolean(),
  flowPadding: fc.boolean(),
  seed: fc.nat(),
});

/** A small deterministic generator for the per-node choices of a style. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

type ImplicitType = { resolve(data: string): boolean };
const IMPLICIT = (KUBERNETES_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/** Whether a plain scalar with this text would not be read back as this string by the linter (YAML 1.1 as Kubernetes reads it). */
function needsQuotes(text: string): boolean {
  return IMPLICIT.some((t) => t.resolve(text));
}

function renderYaml(doc: unknown, s: Style): string {
  const random = rng(s.seed);
  const d = new Document(doc, { version: '1.1', aliasDuplicateObjects: s.anchors });
  visit(d, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
    Map(_key, node) {
      if (s.layout === 'mixed') node.flow = random() < 0.4;
      // Not on empty collections: the writer then puts `{}` or `[]` under its key, unindented, which is not YAML.
      if (s.comments && node.items.length > 0 && random() < 0.3) node.commentBefore = ` c${Math.floor(random() * 100)}: a # comment`;
    },
    Seq(_key, node) {
      if (s.layout === 'mixed') node.flow = random() < 0.4;
      if (s.comments && node.items.length > 0 && random() < 0.3) node.comment = ' trailing # comment';
    },
    Pair(_key, pair) {
      const k = pair.key as YamlNode | null;
      if (s.comments && k && random() < 0.15) k.commentBefore = ' before the key';
      if (s.anchors && isScalar(pair.value) && random() < 0.05) (pair.value as YamlNode).anchor = `a${Math.floor(random() * 1e6)}`;
    },
  });
  const options: ToStringOptions = {
    indent: s.indent,
    indentSeq: s.indentSeq,
    collectionStyle: s.layout === 'flow' ? 'flow' : 'any',
    defaultKeyType: s.keyType,
    defaultStringType: s.stringType,
    lineWidth: s.lineWidth,
    nullStr: s.nullStr,
    flowCollectionPadding: s.flowPadding,
  };
  return d.toString(options);
}

/** A character YAML does not allow in a stream (c-printable), outside escapes. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/**
 * Whether the YAML writer wrote what it was given: read back by the same
 * library, the text gives the objects again. The writer has bugs of its own
 * (folding a quoted string deep in the indentation can insert "undefined"),
 * and a case it writes wrongly says nothing about the linter.
 */
export function writtenFaithfully(docs: readonly unknown[], text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The writer leaves characters outside YAML's printable set (U+FFFF, say) unescaped in plain scalars, which is not YAML.
  if (NOT_PRINTABLE.test(body)) return false;
  try {
    const read = parseAllDocuments(body, { version: '1.1', merge: true, uniqueKeys: false });
    if (!Array.isArray(read) || read.some((d) => d.errors.length > 0)) return false;
    const values = read.map((d) => d.toJS({ maxAliasCount: -1 }) as unknown).filter((v) => v !== null);
    return JSON.stringify(values) === JSON.stringify(docs);
  } catch {
    return false;
  }
}

/** Writes objects as one YAML stream in a style. */
export function render(docs: readonly unknown[], s: Style): string {
  const parts = docs.map((doc) => (s.layout === 'json' ? `${JSON.stringify(doc, null, s.indent)}\n` : renderYaml(doc, s)));
  let text = parts.map((p, i) => (i === 0 && !s.firstMarker ? p : `---\n${p}`) + (s.endMarkers ? '...\n' : '')).join('');
  if (s.crlf) text = text.replace(/\r?\n/g, '\r\n');
  return s.bom ? `\ufeff${text}` : text;
}

// ---------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------

export type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'set'; at: number; byte: number }
  | { op: 'delete-line'; line: number }
  | { op: 'duplicate-line'; line: number }
  | { op: 'swap-lines'; line: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number };

const SPECIAL_BYTES = [
  0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x23, 0x26, 0x27, 0x2a, 0x2c, 0x2d, 0x3a, 0x3e, 0x3f, 0x5b, 0x5d, 0x7b, 0x7c, 0x7d, 0x21, 0x25, 0x40, 0x60, 0xc3, 0xe2,
  0xef, 0xfe, 0xff, 0x80,
];
const INSERTS = [
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!str ',
  '!!js/function ',
  '? ',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>-',
  ': ',
  ' #',
  '\t',
  '\r',
  '\u0085',
  '\ufeff',
  '{{ .Values.x }}',
  '- -\n',
  '  -\n',
  'kind: Namespace\n',
  '__proto__: {privileged: true}\n',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.constantFrom(...SPECIAL_BYTES) }),
  fc.record({ op: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Applies a mutation to bytes; positions wrap around the length. */
export function mutate(bytes: Buffer, m: Mutation): Buffer {
  if (bytes.length === 0) return m.op === 'insert' ? Buffer.from(m.text) : bytes;
  switch (m.op) {
    case 'flip':
    case 'set': {
      const out = Buffer.from(bytes);
      const at = m.at % out.length;
      out[at] = m.op === 'flip' ? (out[at] as number) ^ m.byte : m.byte;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, m.at % bytes.length);
    case 'insert': {
      const at = m.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
    }
    default: {
      const lines = splitLines(bytes);
      const i = m.line % lines.length;
      const line = lines[i] as Buffer;
      if (m.op === 'delete-line') lines.splice(i, 1);
      else if (m.op === 'duplicate-line') lines.splice(i, 0, line);
      else if (m.op === 'swap-lines' && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1] as Buffer, line];
      else if (m.op === 'indent') {
        lines[i] =
          m.by >= 0
            ? Buffer.concat([Buffer.alloc(m.by, 0x20), line])
            : line.subarray(Math.min(-m.by, line.length - line.toString('latin1').trimStart().length));
      }
      return Buffer.concat(lines);
    }
  }
}

let corpusCache: { file: string; bytes: Buffer }[] | undefined;

/** Real-world manifests small enough to mutate many times (at most 24 KB). */
export function corpusFiles(): { file: string; bytes: Buffer }[] {
  if (corpusCache) return corpusCache;
  const out: { file: string; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name) && statSync(full).size <= 24 * 1024)
        out.push({ file: path.relative(CORPUS, full), bytes: readFileSync(full) });
    }
  };
  walk(CORPUS);
  corpusCache = out;
  return out;
}

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

export class InvariantError extends Error {
  constructor(
    message: string,
    readonly text?: string,
  ) {
    super(message);
    this.name = 'InvariantError';
  }
}

/** Lints text, turning an exception into an invariant failure that shows the input. */
export function lint(text: string, file = 'fuzz.yaml'): LintResult {
  try {
    return linter.lintText(text, file);
  } catch (err) {
    throw new InvariantError(`lintText threw ${(err as Error)?.stack ?? String(err)}\n--- input ---\n${text.slice(0, 4000)}`, text);
  }
}

/** No rule may fail on any input: a `rule-error` finding is a rule that threw. */
export function checkNoRuleErrors(result: LintResult, text: string): void {
  const failed = result.findings.filter((f) => f.ruleId === 'rule-error');
  if (failed.length > 0) throw new InvariantError(`rule-error: ${failed.map((f) => f.message).join('; ')}\n--- input ---\n${text.slice(0, 4000)}`, text);
}

/** Every output format takes the result without throwing. */
export function checkFormatters(result: LintResult, text: string): void {
  for (const [name, format] of Object.entries(FORMATTERS)) {
    try {
      format(result, { color: name === 'stylish', tool: { name: 'kubecomply', version: '0.0.0' } });
    } catch (err) {
      throw new InvariantError(`the ${name} formatter threw ${(err as Error)?.stack ?? String(err)}\n--- input ---\n${text.slice(0, 4000)}`, text);
    }
  }
}

/** Every range lies inside the text: lines exist, columns at most one past the line's end, end not before start. */
export function checkRanges(result: LintResult, text: string): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  const inside = (p: { line: number; column: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.column) &&
    p.line >= 1 &&
    p.line <= lines.length &&
    p.column >= 1 &&
    p.column <= (lines[p.line - 1] as string).length + 1;
  const check = (f: { ruleId?: string; range: Finding['range'] }, what: string) => {
    const { start, end } = f.range;
    if (!inside(start) || !inside(end) || end.line < start.line || (end.line === start.line && end.column < start.column)) {
      throw new InvariantError(
        `${what} range ${JSON.stringify(f.range)} is outside the text (${lines.length} lines)\n--- input ---\n${text.slice(0, 4000)}`,
        text,
      );
    }
  };
  for (const f of result.findings) {
    check(f, f.ruleId);
    for (const r of f.related ?? []) check(r, `${f.ruleId} related`);
  }
}

/** Every finding on a resource starts where the reference locator puts its path. */
export function checkPositions(result: LintResult, text: string): void {
  const ref = new RefFile(text);
  for (const f of result.findings) {
    if (!f.resource) continue;
    let want;
    try {
      want = ref.documentOf(f.resource, f.path, f.range.start.line).locate(f.path);
    } catch (err) {
      throw new InvariantError(
        `reference cannot place ${f.ruleId} ${JSON.stringify(f.path)}: ${(err as Error).message}\n--- input ---\n${text.slice(0, 4000)}`,
        text,
      );
    }
    const got = `${f.range.start.line}:${f.range.start.column}${f.pathFound ? '' : ' (not found)'}`;
    const expected = `${want.line}:${want.column}${want.found ? '' : ' (not found)'}`;
    if (got !== expected) {
      throw new InvariantError(
        `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${JSON.stringify(f.path)}: at ${got}, reference says ${expected}\n--- input ---\n${text.slice(0, 4000)}`,
        text,
      );
    }
  }
}

/** A finding without its positions, for comparing the same objects written differently. */
export function positionless(result: LintResult): string[] {
  return result.findings.map((f) => JSON.stringify({ ...f, range: undefined, related: f.related?.map((r) => ({ ...r, range: undefined })) })).sort();
}

/** Findings of rules that read only their own resource, on resources other than `exclude`'s, without positions. */
export function localFindings(result: LintResult, exclude: ReadonlySet<string>): string[] {
  return result.findings
    .filter((f) => LOCAL_RULES.has(f.ruleId) && f.resource && !exclude.has(f.resource.name))
    .map((f) => JSON.stringify({ ruleId: f.ruleId, message: f.message, resource: f.resource, path: f.path, severity: f.severity }))
    .sort();
}

/** Names (metadata.name) of the objects of a document list, Lists' items included. */
export function namesOf(docs: readonly Kube[]): Set<string> {
  const names = new Set<string>();
  for (const d of docs) {
    const items = d['kind'] === 'List' && Array.isArray(d['items']) ? (d['items'] as Kube[]) : [d];
    for (const o of items) if (isPlainObject(o['metadata']) && typeof o['metadata']['name'] === 'string') names.add(o['metadata']['name']);
  }
  return names;
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/** Generated objects in one style: no exception, no rule failure, no syntax error, ranges inside, positions exact, every format written. */
export const generatedIsLintedExactly = fc.property(kubeDocuments(), style, fc.nat(), (generated, s, share) => {
  const docs = structuredClone(generated);
  shareSomeObjects(docs, share);
  const text = render(docs, s);
  fc.pre(writtenFaithfully(docs, text));
  const result = lint(text);
  checkNoRuleErrors(result, text);
  const bad = result.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'duplicate-key');
  if (bad.length > 0)
    throw new InvariantError(
      `valid YAML gave ${bad.map((f) => `${f.ruleId} at ${f.range.start.line}:${f.range.start.column}: ${f.message}`).join('; ')}\n--- input ---\n${text.slice(0, 4000)}`,
      text,
    );
  checkRanges(result, text);
  checkPositions(result, text);
  checkFormatters(result, text);
});

/** The same objects in two styles give the same findings, positions aside. */
export const styleDoesNotMatter = fc.property(kubeDocuments(), style, style, fc.nat(), (generated, a, b, share) => {
  const docs = structuredClone(generated);
  shareSomeObjects(docs, share);
  const ta = render(docs, a);
  const tb = render(docs, b);
  fc.pre(writtenFaithfully(docs, ta) && writtenFaithfully(docs, tb));
  const fa = positionless(lint(ta));
  const fb = positionless(lint(tb));
  if (JSON.stringify(fa) !== JSON.stringify(fb)) {
    const onlyA = fa.filter((x) => !fb.includes(x));
    const onlyB = fb.filter((x) => !fa.includes(x));
    throw new InvariantError(
      `styles disagree:\nonly in A: ${onlyA.join('\n')}\nonly in B: ${onlyB.join('\n')}\n--- A ---\n${ta.slice(0, 3000)}\n--- B ---\n${tb.slice(0, 3000)}`,
    );
  }
});

/** A mutated real-world manifest: no exception, no rule failure, ranges inside, every format written, the same result twice. */
export const corpusMutationsAreSafe = fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
  const files = corpusFiles();
  const source = files[pick % files.length] as { file: string; bytes: Buffer };
  const bytes = mutations.reduce<Buffer>((b, m) => mutate(b, m), source.bytes);
  const decoded = decode(bytes);
  if (!decoded.ok) {
    if (!decoded.reason) throw new InvariantError(`${source.file}: undecodable without a reason`);
    return;
  }
  const text = decoded.text;
  const result = lint(text, source.file);
  checkNoRuleErrors(result, text);
  checkRanges(result, text);
  checkFormatters(result, text);
  if (JSON.stringify(lint(text, source.file)) !== JSON.stringify(result))
    throw new InvariantError(`${source.file}: two runs differ\n${text.slice(0, 4000)}`, text);
});

/**
 * Nothing is lost: breaking one document of a file (mutations inside it,
 * its `---` lines left alone) leaves the other documents' findings as they
 * were, for every rule that reads only its own resource.
 */
export const brokenDocumentLosesNothingElse = fc.property(
  kubeDocuments(4),
  style,
  fc.nat(),
  fc.array(mutation, { minLength: 1, maxLength: 3 }),
  (docs, s0, which, mutations) => {
    const s: Style = { ...s0, firstMarker: true, endMarkers: false, bom: false };
    const chunks = docs.map((d) => render([d], { ...s, firstMarker: false, bom: false }));
    const k = which % chunks.length;
    const broken = mutations.reduce<Buffer>((b, m) => mutate(b, m), Buffer.from(chunks[k] as string, 'utf8')).toString('utf8');
    // A mutation may write a document marker or leave a line unterminated; keep the breakage inside document k.
    const contained = `${broken.replace(/^(---|\.\.\.)(?=[ \t\r\n]|$)/gm, '#$1')}\n`;
    const nl = s.crlf ? '\r\n' : '\n';
    const join = (parts: string[]) => parts.map((p) => `---${nl}${p}`).join('');
    const before = lint(join(chunks));
    const afterText = join(chunks.map((c, i) => (i === k ? contained : c)));
    const after = lint(afterText);
    checkNoRuleErrors(after, afterText);
    checkRanges(after, afterText);
    const excluded = namesOf([docs[k] as Kube]);
    // Also what document k held as the linter read it before the breakage: the writer may have mangled a name.
    const lines = (t: string) => t.split('\n').length - 1;
    const first = 1 + chunks.slice(0, k).reduce((n, c) => n + 1 + lines(c), 0);
    const last = first + lines(chunks[k] as string);
    for (const r of before.resources) if (r.line >= first && r.line <= last) excluded.add(r.name);
    const want = localFindings(before, excluded);
    const got = localFindings(after, excluded);
    // A broken document may now read as another object with a name of its own; only the others' findings are compared.
    const lost = want.filter((x) => !got.includes(x));
    const gained = got.filter((x) => !want.includes(x) && !excluded.has((JSON.parse(x) as { resource: { name: string } }).resource.name));
    const stray = gained.filter((x) => namesOf(docs).has((JSON.parse(x) as { resource: { name: string } }).resource.name));
    if (lost.length > 0 || stray.length > 0) {
      throw new InvariantError(
        `breaking document ${k} changed others:\nlost: ${lost.join('\n')}\ngained: ${stray.join('\n')}\n--- after ---\n${afterText.slice(0, 4000)}`,
        afterText,
      );
    }
  },
);

/** The order files are written and named in changes nothing in the result. */
export const fileOrderDoesNotMatter = fc.property(fc.array(fc.tuple(kubeDocuments(3), style), { minLength: 2, maxLength: 4 }), fc.nat(), (files, perm) => {
  const texts = files.map(([docs, s], i) => ({
    name: `f${i}.${s.layout === 'json' && docs.length === 1 ? 'json' : 'yaml'}`,
    text: render(
      structuredClone(docs).map((d) => relabel(d, `f${i}-`)),
      s,
    ),
  }));
  const base = mkdtempSync(path.join(tmpdir(), 'kubecomply-fuzz-order-'));
  try {
    const a = path.join(base, 'a');
    const b = path.join(base, 'b');
    mkdirSync(a);
    mkdirSync(b);
    for (const t of texts) writeFileSync(path.join(a, t.name), t.text);
    for (const t of [...texts].reverse()) writeFileSync(path.join(b, t.name), t.text);
    const names = texts.map((t) => t.name);
    const shuffled = permute(names, perm);
    const run = (cwd: string, inputs: string[]) => JSON.stringify(new Linter({ plugins: [rulesCis], cwd }).lintPaths(inputs));
    const results = [run(a, names), run(b, shuffled), run(a, ['.']), run(b, [...shuffled].reverse())];
    if (new Set(results).size !== 1) throw new InvariantError(`file order changed the result for ${names.join(', ')} vs ${shuffled.join(', ')}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

function relabel(doc: Kube, prefix: string): Kube {
  const apply = (o: Kube) => {
    if (isPlainObject(o['metadata']) && typeof o['metadata']['name'] === 'string') define(o['metadata'], 'name', prefix + o['metadata']['name']);
  };
  apply(doc);
  if (doc['kind'] === 'List' && Array.isArray(doc['items'])) (doc['items'] as Kube[]).forEach(apply);
  return doc;
}

function permute<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = rng(seed + 1);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export const PROPERTIES = {
  'generated objects are linted with exact positions': generatedIsLintedExactly,
  'the YAML style does not change the findings': styleDoesNotMatter,
  'mutated real-world manifests are linted safely': corpusMutationsAreSafe,
  'a broken document loses nothing in the others': brokenDocumentLosesNothingElse,
  'the order of files does not change the result': fileOrderDoesNotMatter,
} as const;

/** Share of a campaign's runs each property gets (file order is slow: it writes files). */
export const WEIGHTS: Record<keyof typeof PROPERTIES, number> = {
  'generated objects are linted with exact positions': 0.3,
  'the YAML style does not change the findings': 0.25,
  'mutated real-world manifests are linted safely': 0.25,
  'a broken document loses nothing in the others': 0.15,
  'the order of files does not change the result': 0.05,
};
