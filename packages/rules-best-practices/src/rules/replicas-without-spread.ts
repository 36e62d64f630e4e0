import { defineRule, matchesSelector, type LabelSelector, isJsonObject } from '@kubecomply/core';
import { replicaCount } from '../checks/scaling.js';

/**
 * Whether a term's labelSelector picks the workload's own pods: it matches
 * their labels and, when it lists namespaces, theirs is among them.
 */
function selectsOwn(term: unknown, labels: Record<string, string>, namespace: string | undefined): boolean {
  if (!isJsonObject(term)) return false;
  const namespaces = term['namespaces'];
  if (Array.isArray(namespaces) && namespaces.length > 0 && term['namespaceSelector'] === undefined && !namespaces.includes(namespace ?? 'default'))
    return false;
  const selector = term['labelSelector'];
  return isJsonObject(selector) && matchesSelector(selector as LabelSelector, labels);
}

export default defineRule({
  id: 'replicas-without-spread',
  description: 'Workloads with several replicas spread them over nodes (pod anti-affinity or topology spread constraints).',
  severity: 'info',
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'],
  uses: ['HorizontalPodAutoscaler'],
  remediation:
    'Add a topologySpreadConstraint (topologyKey: kubernetes.io/hostname, labelSelector matching the pods) or a preferred podAntiAffinity term on the same key, so one node failure cannot take every replica.',
  check(resource, ctx) {
    const count = replicaCount(resource, ctx.lookup('HorizontalPodAutoscaler'));
    const pod = ctx.podSpec(resource);
    if (!count || !pod || count.max < 2) return;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) if (v !== null && v !== undefined) labels[k] = String(v);
    const spec = pod.value as unknown as Record<string, unknown>;
    const spread = spec['topologySpreadConstraints'];
    if (Array.isArray(spread) && spread.some((c) => selectsOwn(c, labels, undefined))) return;
    const affinity = spec['affinity'];
    const anti = isJsonObject(affinity) ? affinity['podAntiAffinity'] : undefined;
    if (isJsonObject(anti)) {
      const required = anti['requiredDuringSchedulingIgnoredDuringExecution'];
      const preferred = anti['preferredDuringSchedulingIgnoredDuringExecution'];
      if (Array.isArray(required) && required.some((t) => selectsOwn(t, labels, resource.namespace))) return;
      if (Array.isArray(preferred) && preferred.some((t) => isJsonObject(t) && selectsOwn(t['podAffinityTerm'], labels, resource.namespace))) return;
    }
    ctx.report({
      path: [...pod.path, 'affinity'],
      message: `The ${resource.kind} runs ${count.hpa ? `up to ${count.max}` : count.max} replicas with neither pod anti-affinity nor topology spread constraints on its own pods, so the scheduler may put them all on one node and one node failure takes them all.`,
    });
  },
});
