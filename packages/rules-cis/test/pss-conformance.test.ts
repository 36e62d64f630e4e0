/**
 * Pod Security Standards conformance: small pods, each with the admission
 * outcome pod-security-admission gives it at every level and policy version
 * (written from the checks in kubernetes/pod-security-admission policy/,
 * not from these rules). A pod must have findings under
 * `--framework pss-<level> --kube-version <v>` exactly when admission at that
 * level and version rejects it, and pod-security-admission-rejected must
 * fire exactly then for a namespace that enforces that level and version.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Linter, type Finding } from '@kubecomply/core';
import rulesCis from '../src/index.js';

type Level = 'baseline' | 'restricted';
type Json = Record<string, any>;

const MINORS = Array.from({ length: 16 }, (_, i) => 22 + i); // policy 1.22 ... 1.37

/** Rejected at every version (true), or from one minor on, or within [from, to]. */
type Span = true | readonly [from: number, to?: number];

interface Case {
  name: string;
  tweak: (pod: Json) => void;
  /** Where the baseline level rejects the pod; the restricted level rejects it there too. */
  baseline?: Span;
  /** Where only the restricted level rejects it. */
  restricted?: Span;
  /** The failing checks pod-security-admission names at policy 1.36, per level. */
  checks?: Partial<Record<Level, string[]>>;
}

const within = (span: Span | undefined, minor: number) => span === true || (span !== undefined && minor >= span[0] && minor <= (span[1] ?? Infinity));

function rejected(c: Case, level: Level, minor: number): boolean {
  return within(c.baseline, minor) || (level === 'restricted' && within(c.restricted, minor));
}

const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });

/** A pod that passes the restricted level at every version. */
function basePod(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'subject', namespace: 'checked' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', image: 'busybox:1.36', securityContext: hardened() }],
      containers: [{ name: 'app', image: 'nginx:1.27', securityContext: hardened() }],
    },
  };
}

const app = (pod: Json) => pod.spec.containers[0];
const init = (pod: Json) => pod.spec.initContainers[0];
const windows = (pod: Json) => {
  pod.spec.os = { name: 'windows' };
  delete pod.spec.securityContext.seccompProfile;
  for (const c of [app(pod), init(pod)]) c.securityContext = {};
};

const CASES: Case[] = [
  { name: 'restricted-compliant pod', tweak: () => undefined },
  // Baseline checks.
  { name: 'hostNetwork', tweak: (p) => (p.spec.hostNetwork = true), baseline: true, checks: { baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] } },
  { name: 'hostPID', tweak: (p) => (p.spec.hostPID = true), baseline: true },
  { name: 'hostIPC', tweak: (p) => (p.spec.hostIPC = true), baseline: true },
  { name: 'hostNetwork false', tweak: (p) => (p.spec.hostNetwork = false) },
  { name: 'privileged init container', tweak: (p) => (init(p).securityContext.privileged = true), baseline: true },
  {
    name: 'privileged ephemeral container',
    tweak: (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { ...hardened(), privileged: true } }]),
    baseline: true,
  },
  {
    name: 'adds SYS_ADMIN',
    tweak: (p) => (app(p).securityContext.capabilities.add = ['SYS_ADMIN']),
    baseline: true,
    checks: { baseline: ['capabilities_baseline'], restricted: ['capabilities_restricted'] },
  },
  { name: 'adds CHOWN', tweak: (p) => (app(p).securityContext.capabilities.add = ['CHOWN']), restricted: true },
  { name: 'adds NET_BIND_SERVICE', tweak: (p) => (app(p).securityContext.capabilities.add = ['NET_BIND_SERVICE']) },
  {
    name: 'hostPath volume',
    tweak: (p) => (p.spec.volumes = [{ name: 'host', hostPath: { path: '/etc' } }]),
    baseline: true,
    checks: { baseline: ['hostPathVolumes'], restricted: ['restrictedVolumes'] },
  },
  { name: 'hostPort', tweak: (p) => (app(p).ports = [{ containerPort: 80, hostPort: 8080 }]), baseline: true },
  { name: 'hostPort 0', tweak: (p) => (app(p).ports = [{ containerPort: 80, hostPort: 0 }]) },
  { name: 'AppArmor Unconfined field', tweak: (p) => (p.spec.securityContext.appArmorProfile = { type: 'Unconfined' }), baseline: true },
  {
    name: 'AppArmor unconfined annotation',
    tweak: (p) => (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }),
    baseline: true,
  },
  {
    name: 'AppArmor localhost annotation',
    tweak: (p) => (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/custom' }),
  },
  { name: 'SELinux type spc_t', tweak: (p) => (app(p).securityContext.seLinuxOptions = { type: 'spc_t' }), baseline: true },
  { name: 'SELinux type container_engine_t', tweak: (p) => (app(p).securityContext.seLinuxOptions = { type: 'container_engine_t' }), baseline: [22, 30] },
  { name: 'SELinux level only', tweak: (p) => (p.spec.securityContext.seLinuxOptions = { level: 's0:c123,c456' }) },
  { name: 'SELinux user', tweak: (p) => (p.spec.securityContext.seLinuxOptions = { user: 'system_u' }), baseline: true },
  {
    name: 'procMount Unmasked',
    tweak: (p) => (app(p).securityContext.procMount = 'Unmasked'),
    baseline: true,
    checks: { baseline: ['procMount'], restricted: ['procMount_restricted'] },
  },
  {
    name: 'procMount Unmasked in a user namespace',
    tweak: (p) => {
      p.spec.hostUsers = false;
      app(p).securityContext.procMount = 'Unmasked';
    },
    baseline: [22, 34],
    restricted: true,
    checks: { restricted: ['procMount_restricted'] },
  },
  {
    name: 'seccomp Unconfined at pod level',
    tweak: (p) => (p.spec.securityContext.seccompProfile = { type: 'Unconfined' }),
    baseline: true,
    checks: { baseline: ['seccompProfile_baseline'], restricted: ['seccompProfile_restricted'] },
  },
  { name: 'seccomp Unconfined on a container', tweak: (p) => (app(p).securityContext.seccompProfile = { type: 'Unconfined' }), baseline: true },
  { name: 'sysctl kernel.msgmax', tweak: (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]), baseline: true },
  {
    name: 'sysctl net.ipv4.ip_local_reserved_ports',
    tweak: (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }]),
    baseline: [22, 26],
  },
  {
    name: 'sysctl net.ipv4.tcp_keepalive_time',
    tweak: (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]),
    baseline: [22, 28],
  },
  {
    name: 'sysctl net.ipv4.tcp_rmem',
    tweak: (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]),
    baseline: [22, 31],
  },
  {
    name: 'sysctl net.ipv4.tcp_notsent_lowat',
    tweak: (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }]),
    baseline: [22, 36],
  },
  {
    name: 'probe with host',
    tweak: (p) => (app(p).livenessProbe = { httpGet: { host: '10.0.0.1', path: '/healthz', port: 8080 } }),
    baseline: [34],
  },
  { name: 'Windows HostProcess', tweak: (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true }), baseline: true },
  // Restricted checks.
  { name: 'allowPrivilegeEscalation unset', tweak: (p) => delete app(p).securityContext.allowPrivilegeEscalation, restricted: true },
  { name: 'allowPrivilegeEscalation true', tweak: (p) => (init(p).securityContext.allowPrivilegeEscalation = true), restricted: true },
  {
    name: 'ephemeral container without a securityContext',
    tweak: (p) => (p.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]),
    restricted: true,
    checks: { restricted: ['allowPrivilegeEscalation', 'capabilities_restricted'] },
  },
  { name: 'runAsNonRoot unset', tweak: (p) => delete p.spec.securityContext.runAsNonRoot, restricted: true, checks: { restricted: ['runAsNonRoot'] } },
  {
    name: 'runAsNonRoot on every container only',
    tweak: (p) => {
      delete p.spec.securityContext.runAsNonRoot;
      for (const c of [app(p), init(p)]) c.securityContext.runAsNonRoot = true;
    },
  },
  {
    name: 'runAsNonRoot false on a container',
    tweak: (p) => (app(p).securityContext.runAsNonRoot = false),
    restricted: true,
  },
  {
    name: 'runAsNonRoot unset in a user namespace',
    tweak: (p) => {
      p.spec.hostUsers = false;
      delete p.spec.securityContext.runAsNonRoot;
    },
    restricted: [22, 34],
  },
  { name: 'runAsUser 0', tweak: (p) => (p.spec.securityContext.runAsUser = 0), restricted: [23], checks: { restricted: ['runAsUser'] } },
  { name: 'runAsUser 1000', tweak: (p) => (app(p).securityContext.runAsUser = 1000) },
  {
    name: 'runAsUser 0 in a user namespace',
    tweak: (p) => {
      p.spec.hostUsers = false;
      init(p).securityContext.runAsUser = 0;
    },
    restricted: [23, 34],
  },
  {
    name: 'runAsUser 0 with hostUsers true',
    tweak: (p) => {
      p.spec.hostUsers = true;
      init(p).securityContext.runAsUser = 0;
    },
    restricted: [23],
  },
  {
    name: 'seccomp unset',
    tweak: (p) => delete p.spec.securityContext.seccompProfile,
    restricted: true,
    checks: { restricted: ['seccompProfile_restricted'] },
  },
  {
    name: 'seccomp on every container only',
    tweak: (p) => {
      delete p.spec.securityContext.seccompProfile;
      for (const c of [app(p), init(p)]) c.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/app.json' };
    },
  },
  { name: 'drop without ALL', tweak: (p) => (init(p).securityContext.capabilities = { drop: ['NET_RAW'] }), restricted: true },
  { name: 'no capabilities', tweak: (p) => delete app(p).securityContext.capabilities, restricted: true },
  {
    name: 'nfs volume',
    tweak: (p) => (p.spec.volumes = [{ name: 'share', nfs: { server: 'nfs', path: '/' } }]),
    restricted: true,
    checks: { restricted: ['restrictedVolumes'] },
  },
  { name: 'image volume', tweak: (p) => (p.spec.volumes = [{ name: 'model', image: { reference: 'registry.example.com/model:v1' } }]) },
  { name: 'volume without a source (defaulted to emptyDir)', tweak: (p) => (p.spec.volumes = [{ name: 'scratch' }]) },
  { name: 'Windows pod without Linux settings', tweak: windows, restricted: [22, 24] },
  {
    name: 'Windows pod without runAsNonRoot',
    tweak: (p) => {
      windows(p);
      delete p.spec.securityContext.runAsNonRoot;
    },
    restricted: true,
    checks: { restricted: ['runAsNonRoot'] },
  },
];

const linters = new Map<string, Linter>();
function frameworkLinter(level: Level, minor: number): Linter {
  const key = `${level}:${minor}`;
  let linter = linters.get(key);
  if (!linter) {
    linter = new Linter({ plugins: [rulesCis], frameworks: [`pss-${level}`], kubeVersion: { major: 1, minor } });
    linters.set(key, linter);
  }
  return linter;
}

function podOf(c: Case): Json {
  const pod = basePod();
  c.tweak(pod);
  return pod;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n');

describe('Pod Security Standards conformance', () => {
  it.each(CASES)('$name: findings under --framework pss-<level> iff admission rejects', (c) => {
    const text = stringify(podOf(c));
    for (const level of ['baseline', 'restricted'] as const) {
      for (const minor of MINORS) {
        const findings = frameworkLinter(level, minor).lintText(text, 'pod.yaml').findings;
        expect(findings.length > 0, `${level} v1.${minor}\n${show(findings)}`).toBe(rejected(c, level, minor));
      }
    }
  });

  const namespaceLinter = new Linter({ plugins: [rulesCis], rules: ['pod-security-admission-rejected'], kubeVersion: { major: 1, minor: 37 } });
  const namespaced = (c: Case, level: Level, version: string) =>
    [
      stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'checked',
          labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': version },
        },
      }),
      stringify(podOf(c)),
    ].join('---\n');

  it.each(CASES)('$name: pod-security-admission-rejected iff a namespace enforcing the level and version rejects', (c) => {
    for (const level of ['baseline', 'restricted'] as const) {
      for (const minor of MINORS) {
        const findings = namespaceLinter.lintText(namespaced(c, level, `v1.${minor}`), 'ns.yaml').findings;
        expect(findings.length, `${level} v1.${minor}\n${show(findings)}`).toBe(rejected(c, level, minor) ? 1 : 0);
      }
    }
  });

  it.each(CASES.filter((c) => c.checks))('$name: the finding names the failing checks', (c) => {
    for (const level of ['baseline', 'restricted'] as const) {
      const expected = c.checks?.[level];
      if (!expected) continue;
      const [finding] = namespaceLinter.lintText(namespaced(c, level, 'v1.36'), 'ns.yaml').findings;
      const named = /failing checks: (.*)\.$/.exec(finding?.message ?? '')?.[1]?.split(', ') ?? [];
      expect(named, `${level}: ${finding?.message}`).toEqual(expected);
    }
  });

  it('"latest" is the cluster version', () => {
    const c = CASES.find((x) => x.name === 'runAsNonRoot unset in a user namespace') as Case;
    for (const minor of [34, 35]) {
      const linter = new Linter({ plugins: [rulesCis], rules: ['pod-security-admission-rejected'], kubeVersion: { major: 1, minor } });
      expect(linter.lintText(namespaced(c, 'restricted', 'latest'), 'ns.yaml').findings.length, `v1.${minor}`).toBe(minor < 35 ? 1 : 0);
    }
  });

  it('a privileged namespace admits everything', () => {
    const c = CASES.find((x) => x.name === 'hostNetwork') as Case;
    const text = namespaced(c, 'baseline', 'latest');
    expect(namespaceLinter.lintText(text, 'ns.yaml').findings).toHaveLength(1);
    expect(namespaceLinter.lintText(text.replace('enforce: baseline', 'enforce: privileged'), 'ns.yaml').findings).toEqual([]);
  });
});

describe('Pod Security catalogs', () => {
  const byId = new Map(rulesCis.frameworks.map((f) => [f.id, f]));
  const baseline = byId.get('pss-baseline');
  const restricted = byId.get('pss-restricted');

  it('pss-restricted has every baseline control, unchanged', () => {
    for (const control of baseline?.controls ?? []) expect(restricted?.controls).toContainEqual(control);
  });

  it('only pod security checks count', () => {
    const named = new Set([...(baseline?.controls ?? []), ...(restricted?.controls ?? [])].flatMap((c) => c.rules ?? []));
    for (const id of ['capability-net-raw', 'pod-security-admission-rejected', 'namespace-pod-security-level']) expect(named.has(id), id).toBe(false);
  });
});
