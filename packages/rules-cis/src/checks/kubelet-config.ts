import { defineRule, isWorkload, WORKLOAD_KINDS, type JsonPath, type ResourceRule, type Severity } from '@kubecomply/core';
import { invocations, parseBool, setting, subjectOf, type Invocation } from './component-flags.js';
import { configSources, fieldAt, type ConfigSource } from './embedded-config.js';

/**
 * Kubelet settings come from a KubeletConfiguration file (also kept by
 * kubeadm in the `kubelet-config` ConfigMap) or from kubelet flags. The two
 * have different defaults: a field missing from the file takes the default of
 * kubelet.config.k8s.io/v1beta1 (e.g. anonymous auth off, Webhook authz,
 * read-only port 0), while a missing flag takes the flag's default (anonymous
 * auth on, AlwaysAllow, port 10255). Rules here read one setting through a
 * view that hides where it came from.
 */

type ValueKind = 'boolean' | 'integer' | 'string' | 'list' | 'map';

export interface KubeletSetting {
  /** Field of KubeletConfiguration, or null for a flag with no field (--hostname-override). */
  field: readonly string[] | null;
  flag: string;
  kind: ValueKind;
  /** Value when the field is not in the file (kubelet config/v1beta1 defaults). */
  configDefault: unknown;
  /** Value when the flag is not given and no --config file is used. */
  flagDefault: unknown;
  /** The kubelet replaces a zero duration in the file by the default (it cannot tell 0s from unset). */
  zeroIsDefault?: boolean;
}

const entry = (field: readonly string[] | null, flag: string, kind: ValueKind, configDefault: unknown, flagDefault: unknown): KubeletSetting => ({
  field,
  flag,
  kind,
  configDefault,
  flagDefault,
});

export const KUBELET = {
  anonymousAuth: entry(['authentication', 'anonymous', 'enabled'], 'anonymous-auth', 'boolean', false, true),
  authorizationMode: entry(['authorization', 'mode'], 'authorization-mode', 'string', 'Webhook', 'AlwaysAllow'),
  clientCAFile: entry(['authentication', 'x509', 'clientCAFile'], 'client-ca-file', 'string', '', ''),
  readOnlyPort: entry(['readOnlyPort'], 'read-only-port', 'integer', 0, 10255),
  streamingConnectionIdleTimeout: {
    ...entry(['streamingConnectionIdleTimeout'], 'streaming-connection-idle-timeout', 'string', '4h', '4h0m0s'),
    zeroIsDefault: true,
  },
  makeIPTablesUtilChains: entry(['makeIPTablesUtilChains'], 'make-iptables-util-chains', 'boolean', true, true),
  hostnameOverride: entry(null, 'hostname-override', 'string', '', ''),
  tlsCertFile: entry(['tlsCertFile'], 'tls-cert-file', 'string', '', ''),
  tlsPrivateKeyFile: entry(['tlsPrivateKeyFile'], 'tls-private-key-file', 'string', '', ''),
  serverTLSBootstrap: entry(['serverTLSBootstrap'], 'rotate-server-certificates', 'boolean', false, false),
  rotateCertificates: entry(['rotateCertificates'], 'rotate-certificates', 'boolean', false, false),
  featureGates: entry(['featureGates'], 'feature-gates', 'map', {}, {}),
  tlsCipherSuites: entry(['tlsCipherSuites'], 'tls-cipher-suites', 'list', [], []),
  tlsMinVersion: entry(['tlsMinVersion'], 'tls-min-version', 'string', '', ''),
  podPidsLimit: entry(['podPidsLimit'], 'pod-max-pids', 'integer', -1, -1),
  seccompDefault: entry(['seccompDefault'], 'seccomp-default', 'boolean', false, false),
} as const;

export interface KubeletValue {
  /** The value in effect: as written, or the default. */
  value: unknown;
  /** False when the default applies. */
  written: boolean;
  /** Where a finding about the setting goes. */
  path: JsonPath;
  /** `readOnlyPort: 10255`, `--read-only-port=10255`; the bare name when not written. */
  label: string;
  /** Path of a key inside the value (a feature gate), where the source can point that deep. */
  at(...keys: string[]): JsonPath;
}

export interface KubeletView {
  /** Opens a message: 'KubeletConfiguration', 'kubelet'. */
  subject: string;
  /** The setting, or undefined when the manifest cannot tell (flags of a kubelet that also reads --config). */
  read(setting: KubeletSetting): KubeletValue | undefined;
}

/** Go durations that are zero: `0`, `0s`, `0m0s`, `0h0m0s`. */
export function isZeroDuration(value: unknown): boolean {
  return /^0+(?:\.0+)?(?:(?:ns|us|\u00b5s|ms|s|m|h)(?:0+(?:\.0+)?(?:ns|us|\u00b5s|ms|s|m|h))*)?$/.test(String(value).trim());
}

function show(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return JSON.stringify(value) ?? String(value);
}

function configView(source: ConfigSource): KubeletView {
  return {
    subject: source.subject,
    read(s) {
      if (!s.field) return undefined;
      const raw = fieldAt(source.value, s.field);
      const name = s.field.join('.');
      const path = source.pathOf(s.field);
      const at = (...keys: string[]): JsonPath => (source.embedded ? path : [...path, ...keys]);
      if (raw === undefined || raw === null) return { value: s.configDefault, written: false, path, label: name, at };
      if (s.zeroIsDefault && isZeroDuration(raw))
        return { value: s.configDefault, written: true, path, label: `${name}: ${show(raw)} (read as ${show(s.configDefault)})`, at };
      return { value: raw, written: true, path, label: `${name}: ${show(raw)}`, at };
    },
  };
}

function fromFlag(kind: ValueKind, text: string): unknown {
  switch (kind) {
    case 'boolean':
      return parseBool(text) ?? text;
    case 'integer':
      return /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text;
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const pair of text.split(',')) {
        const eq = pair.indexOf('=');
        if (eq === -1) continue;
        const v = pair.slice(eq + 1).trim();
        out[pair.slice(0, eq).trim()] = parseBool(v) ?? v;
      }
      return out;
    }
    default:
      return text;
  }
}

function flagView(invocation: Invocation): KubeletView {
  return {
    subject: subjectOf(invocation),
    read(s) {
      const found = setting(invocation, s.flag);
      if (found.state === 'unknown') return undefined;
      if (found.state === 'unset') {
        const path = invocation.missingPath;
        return { value: s.flagDefault, written: false, path, label: `--${s.flag}`, at: () => path };
      }
      const path = found.flag.path;
      return { value: fromFlag(s.kind, found.flag.value ?? ''), written: true, path, label: found.flag.text, at: () => path };
    },
  };
}

/** 'KubeletConfiguration sets readOnlyPort: 10255' or 'kubelet does not set --read-only-port, which defaults to 10255'. */
export function described(view: KubeletView, v: KubeletValue): string {
  if (v.written) return `${view.subject} sets ${v.label}`;
  const empty = v.value === '' || (Array.isArray(v.value) && v.value.length === 0);
  return empty ? `${view.subject} does not set ${v.label}` : `${view.subject} does not set ${v.label}, which defaults to ${show(v.value)}`;
}

export interface KubeletProblem {
  path: JsonPath;
  message: string;
}

/**
 * A rule over KubeletConfiguration documents, KubeletConfigurations kept in
 * ConfigMaps, and kubelets run as containers (their flags).
 */
export function kubeletRule(options: {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  evaluate(view: KubeletView): KubeletProblem[];
}): ResourceRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    appliesTo: [...WORKLOAD_KINDS, 'KubeletConfiguration', 'ConfigMap'],
    targets: (resource, ctx) =>
      isWorkload(resource)
        ? invocations(resource, ctx, 'kubelet').length > 0
        : configSources(resource, 'KubeletConfiguration', 'kubelet.config.k8s.io').length > 0,
    check(resource, ctx) {
      const views = isWorkload(resource)
        ? invocations(resource, ctx, 'kubelet').map(flagView)
        : configSources(resource, 'KubeletConfiguration', 'kubelet.config.k8s.io').map(configView);
      for (const view of views) for (const problem of options.evaluate(view)) ctx.report(problem);
    },
  });
}

/** A setting must have one value (or satisfy a test); the usual shape of a kubelet rule. */
export function kubeletSettingRule(options: {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  setting: KubeletSetting;
  ok(value: unknown): boolean;
  consequence: string;
}): ResourceRule {
  return kubeletRule({
    ...options,
    evaluate(view) {
      const v = view.read(options.setting);
      if (!v || options.ok(v.value)) return [];
      return [{ path: v.path, message: `${described(view, v)}; ${options.consequence}` }];
    },
  });
}
