import { type KubeVersion, type Resource, type RuleContext, isJsonObject, stringField, type JsonObject } from '@kubecomply/core';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

/** A policy version as pod-security-admission parses it: "latest" or "v1.<minor>". */
export type PolicyVersion = KubeVersion | 'latest';

export function parseLevel(value: string): PodSecurityLevel | undefined {
  return LEVELS.includes(value) ? (value as PodSecurityLevel) : undefined;
}

export function parseVersion(value: string): PolicyVersion | undefined {
  if (value === 'latest') return 'latest';
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(value);
  return m ? { major: 1, minor: Number(m[1]) } : undefined;
}

/**
 * The version a cluster of `kubeVersion` evaluates: "latest" is the
 * cluster's own, and a newer pinned version is clamped to it, since the API
 * server knows no newer policy.
 */
export function effectiveVersion(version: PolicyVersion, kubeVersion: KubeVersion): KubeVersion {
  if (version === 'latest') return kubeVersion;
  return version.major < kubeVersion.major || (version.major === kubeVersion.major && version.minor <= kubeVersion.minor) ? version : kubeVersion;
}

export function formatPolicyVersion(version: PolicyVersion): string {
  return version === 'latest' ? 'latest' : `v${version.major}.${version.minor}`;
}

/** The PodSecurity admission plugin's cluster-wide settings, as far as the input shows them. */
export interface ClusterPodSecurity {
  /** The level and version for namespaces without labels; privileged and latest unless configured. */
  defaultLevel: PodSecurityLevel;
  defaultVersion: PolicyVersion;
  /** Whether a PodSecurity configuration was found in the input. */
  configured: boolean;
  exemptNamespaces: ReadonlySet<string>;
  exemptRuntimeClasses: ReadonlySet<string>;
}

const UNCONFIGURED: ClusterPodSecurity = {
  defaultLevel: 'privileged',
  defaultVersion: 'latest',
  configured: false,
  exemptNamespaces: new Set(),
  exemptRuntimeClasses: new Set(),
};

/** Kinds that carry the PodSecurity plugin's configuration: rules that call clusterPodSecurity list them in `uses`. */
export const POD_SECURITY_CONFIG_KINDS = ['AdmissionConfiguration', 'PodSecurityConfiguration'] as const;

function stringSet(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

function fromConfiguration(config: JsonObject): ClusterPodSecurity {
  const defaults = isJsonObject(config['defaults']) ? config['defaults'] : {};
  const exemptions = isJsonObject(config['exemptions']) ? config['exemptions'] : {};
  return {
    defaultLevel: parseLevel(stringField(defaults['enforce'])) ?? 'privileged',
    defaultVersion: parseVersion(stringField(defaults['enforce-version'])) ?? 'latest',
    configured: true,
    exemptNamespaces: stringSet(exemptions['namespaces']),
    exemptRuntimeClasses: stringSet(exemptions['runtimeClasses']),
  };
}

/**
 * The first PodSecurity configuration of the input: a PodSecurityConfiguration
 * file, or the inline `configuration` of the PodSecurity plugin in an API
 * server AdmissionConfiguration. Without one, the plugin's built-in defaults.
 */
export function clusterPodSecurity(ctx: RuleContext): ClusterPodSecurity {
  for (const resource of ctx.lookup('PodSecurityConfiguration')) return fromConfiguration(resource.object);
  for (const resource of ctx.lookup('AdmissionConfiguration')) {
    const plugins: unknown = resource.object['plugins'];
    if (!Array.isArray(plugins)) continue;
    for (const plugin of plugins) {
      if (isJsonObject(plugin) && plugin['name'] === 'PodSecurity' && isJsonObject(plugin['configuration'])) {
        return fromConfiguration(plugin['configuration']);
      }
    }
  }
  return UNCONFIGURED;
}

/** The enforce policy of a namespace, resolved as pod-security-admission does. */
export interface NamespacePolicy {
  level: PodSecurityLevel;
  version: PolicyVersion;
  /** Where the level comes from. */
  levelFrom: 'label' | 'invalid-label' | 'default';
}

/**
 * Labels override the cluster defaults one by one. An invalid level is
 * evaluated as restricted and an invalid version as latest (the plugin fails
 * closed), though the API server refuses to create a Namespace with either.
 */
export function namespacePolicy(namespace: Resource, cluster: ClusterPodSecurity): NamespacePolicy {
  const labels = namespace.labels;
  let level = cluster.defaultLevel;
  let levelFrom: NamespacePolicy['levelFrom'] = 'default';
  let version = cluster.defaultVersion;
  if (Object.hasOwn(labels, ENFORCE_LABEL)) {
    const parsed = parseLevel(labels[ENFORCE_LABEL] as string);
    level = parsed ?? 'restricted';
    levelFrom = parsed ? 'label' : 'invalid-label';
  }
  if (Object.hasOwn(labels, ENFORCE_VERSION_LABEL)) version = parseVersion(labels[ENFORCE_VERSION_LABEL] as string) ?? 'latest';
  return { level, version, levelFrom };
}
