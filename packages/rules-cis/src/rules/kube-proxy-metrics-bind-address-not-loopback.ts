import { defineRule, isWorkload, WORKLOAD_KINDS } from '@kubecomply/core';
import { invocations, setting, subjectOf } from '../checks/component-flags.js';
import { configSources } from '../checks/embedded-config.js';
import { isLoopback } from '../checks/flag-rules.js';

const DEFAULT = '127.0.0.1:10249';
const CONSEQUENCE = 'its metrics endpoint, which has no authentication, is reachable from the network.';

/** The host of `host:port`, `[v6]:port` or a bare host. */
function hostOf(address: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (v6) return v6[1] as string;
  const colon = address.lastIndexOf(':');
  return colon === -1 || address.indexOf(':') !== colon ? address : address.slice(0, colon);
}

/**
 * kube-proxy reads metricsBindAddress from its KubeProxyConfiguration, which
 * kubeadm keeps in the kube-proxy ConfigMap (key config.conf), or from
 * --metrics-bind-address. An empty value means the default, 127.0.0.1:10249.
 */
export default defineRule({
  id: 'kube-proxy-metrics-bind-address-not-loopback',
  description: 'kube-proxy serves its metrics only on the loopback interface.',
  severity: 'warning',
  remediation:
    'Set metricsBindAddress to 127.0.0.1:10249 in the KubeProxyConfiguration (or leave it empty for that default), or --metrics-bind-address=127.0.0.1:10249.',
  appliesTo: [...WORKLOAD_KINDS, 'KubeProxyConfiguration', 'ConfigMap'],
  targets: (resource, ctx) =>
    isWorkload(resource)
      ? invocations(resource, ctx, 'kube-proxy').length > 0
      : configSources(resource, 'KubeProxyConfiguration', 'kubeproxy.config.k8s.io').length > 0,
  check(resource, ctx) {
    if (isWorkload(resource)) {
      for (const invocation of invocations(resource, ctx, 'kube-proxy')) {
        const s = setting(invocation, 'metrics-bind-address');
        if (s.state !== 'set') continue;
        const value = (s.flag.value ?? '').trim();
        if (value === '' || isLoopback(hostOf(value))) continue;
        ctx.report({ path: s.flag.path, message: `${subjectOf(invocation)} sets ${s.flag.text}, which is not a loopback address; ${CONSEQUENCE}` });
      }
      return;
    }
    for (const source of configSources(resource, 'KubeProxyConfiguration', 'kubeproxy.config.k8s.io')) {
      const raw: unknown = source.value['metricsBindAddress'];
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value === '' || isLoopback(hostOf(value))) continue;
      ctx.report({
        path: source.pathOf(['metricsBindAddress']),
        message: `${source.subject} sets metricsBindAddress: ${value}, which is not a loopback address (the default is ${DEFAULT}); ${CONSEQUENCE}`,
      });
    }
  },
});
