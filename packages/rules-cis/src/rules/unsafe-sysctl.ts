import { atLeast, defineRule, formatKubeVersion, type KubeVersion, isJsonObject, stringField } from '@kubecomply/core';

/**
 * Sysctls the baseline accepts, by the policy version that first allowed
 * them: each is namespaced and isolated from other pods on the node.
 */
const SAFE_SYSCTLS: ReadonlyArray<readonly [minor: number, names: readonly string[]]> = [
  [
    0,
    ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function safeSysctls(version: KubeVersion): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS.filter(([minor]) => atLeast(version, 1, minor)).flatMap(([, names]) => names));
}

export default defineRule({
  id: 'unsafe-sysctl',
  description: 'Pods set only sysctls that are namespaced and isolated from other pods.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove the sysctl from spec.securityContext.sysctls; tune node-wide kernel settings on the node itself, or run the pod under a policy that allows that sysctl.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const securityContext: unknown = pod?.value.securityContext;
    if (!pod || !isJsonObject(securityContext)) return;
    const sysctls = securityContext['sysctls'];
    if (!Array.isArray(sysctls)) return;
    const version = ctx.settings.kubeVersion;
    const safe = safeSysctls(version);
    sysctls.forEach((sysctl: unknown, index) => {
      const name = isJsonObject(sysctl) ? stringField(sysctl['name']) : '';
      if (safe.has(name)) return;
      ctx.report({
        path: [...pod.path, 'securityContext', 'sysctls', index, 'name'],
        message: `The pod sets sysctl "${name}", which is not in the safe set of policy ${formatKubeVersion(version)}.`,
      });
    });
  },
});
