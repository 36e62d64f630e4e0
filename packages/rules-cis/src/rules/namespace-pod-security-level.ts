import { defineRule } from '@kubecomply/core';
import {
  clusterPodSecurity,
  ENFORCE_LABEL,
  ENFORCE_VERSION_LABEL,
  parseLevel,
  parseVersion,
  POD_SECURITY_CONFIG_KINDS,
} from '../checks/pod-security-labels.js';

/**
 * kube-system runs the cluster's own node agents (CNI, kube-proxy, CSI
 * node plugins), which need host access no Pod Security level above
 * privileged allows; it is guarded by RBAC, not by a level.
 */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system']);

export default defineRule({
  id: 'namespace-pod-security-level',
  description: 'Namespaces enforce the baseline or restricted Pod Security level.',
  severity: 'warning',
  appliesTo: ['Namespace'],
  uses: POD_SECURITY_CONFIG_KINDS,
  remediation:
    'Label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline where workloads need it) with pod-security.kubernetes.io/enforce-version pinned to a tested version, or set a cluster default in the PodSecurity admission configuration.',
  check(resource, ctx) {
    const cluster = clusterPodSecurity(ctx);
    if (SYSTEM_NAMESPACES.has(resource.name) || cluster.exemptNamespaces.has(resource.name)) return;
    const labels = resource.labels;
    const levelPath = ['metadata', 'labels', ENFORCE_LABEL];
    if (Object.hasOwn(labels, ENFORCE_VERSION_LABEL) && !parseVersion(labels[ENFORCE_VERSION_LABEL] as string)) {
      ctx.report({
        path: ['metadata', 'labels', ENFORCE_VERSION_LABEL],
        severity: 'error',
        message: `Label ${ENFORCE_VERSION_LABEL}="${labels[ENFORCE_VERSION_LABEL]}" is not "latest" or "v1.<minor>"; the API server refuses the Namespace.`,
      });
    }
    if (Object.hasOwn(labels, ENFORCE_LABEL)) {
      const value = labels[ENFORCE_LABEL] as string;
      const level = parseLevel(value);
      if (!level) {
        ctx.report({
          path: levelPath,
          severity: 'error',
          message: `Label ${ENFORCE_LABEL}="${value}" is not privileged, baseline or restricted; the API server refuses the Namespace.`,
        });
      } else if (level === 'privileged') {
        ctx.report({
          path: levelPath,
          message: `Namespace "${resource.name}" enforces the privileged level: admission lets any pod in, including privileged containers and host namespaces.`,
        });
      }
      return;
    }
    if (cluster.defaultLevel !== 'privileged') return;
    const others = ['warn', 'audit'].filter((mode) => Object.hasOwn(labels, `pod-security.kubernetes.io/${mode}`));
    const note = others.length > 0 ? ` Its ${others.join(' and ')} label only reports violations, it does not block them.` : '';
    const fallback = cluster.configured
      ? 'the PodSecurity admission configuration in the input sets no stricter default than privileged'
      : 'the cluster default applies, which is privileged unless the API server configures another';
    ctx.report({
      path: levelPath,
      message: `Namespace "${resource.name}" has no ${ENFORCE_LABEL} label and ${fallback}.${note}`,
    });
  },
});
