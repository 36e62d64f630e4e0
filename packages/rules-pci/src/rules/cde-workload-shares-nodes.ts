import { defineRule, type PodSpec, isJsonObject, stringField } from '@kubecomply/core';
import { cdeWorkloadLabel, scopeOfContext, workloadFacts } from '../checks/cde-scope.js';

/**
 * Node labels every node has, or that group nodes by place or size: a
 * selector on them does not pick dedicated nodes.
 */
const GENERIC_NODE_LABELS: ReadonlySet<string> = new Set([
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
]);

/** Taints Kubernetes and cloud providers put on nodes by themselves; tolerating them dedicates nothing. */
const SYSTEM_TAINT =
  /^(?:node\.kubernetes\.io\/|node\.cloudprovider\.kubernetes\.io\/|node-role\.kubernetes\.io\/(?:control-plane|master)$|CriticalAddonsOnly$|ToBeDeletedByClusterAutoscaler$|DeletionCandidateOfClusterAutoscaler$)/;

/** RuntimeClass names of sandboxes that give each pod its own kernel (Kata Containers, gVisor, Firecracker). */
const SANDBOX_RUNTIME = /kata|gvisor|runsc|firecracker/i;

/** A nodeSelector entry on a label that picks some nodes rather than every node of a zone or size. */
function pinningSelector(spec: PodSpec): string | undefined {
  const selector: unknown = spec.nodeSelector;
  if (!isJsonObject(selector)) return undefined;
  const key = Object.keys(selector).find((k) => !GENERIC_NODE_LABELS.has(k));
  return key === undefined ? undefined : `nodeSelector ${key}=${stringField(selector[key])}`;
}

/** Required node affinity whose every term (terms are ORed) needs a label that picks some nodes. */
function pinningAffinity(spec: PodSpec): string | undefined {
  const affinity: unknown = spec.affinity;
  const nodeAffinity = isJsonObject(affinity) ? affinity['nodeAffinity'] : undefined;
  const required = isJsonObject(nodeAffinity) ? nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'] : undefined;
  const terms: unknown = isJsonObject(required) ? required['nodeSelectorTerms'] : undefined;
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  const keys: string[] = [];
  for (const term of terms) {
    const expressions: unknown = isJsonObject(term) ? term['matchExpressions'] : undefined;
    const pin = Array.isArray(expressions)
      ? expressions.find(
          (e: unknown) => isJsonObject(e) && (e['operator'] === 'In' || e['operator'] === 'Exists') && !GENERIC_NODE_LABELS.has(stringField(e['key'])),
        )
      : undefined;
    if (!isJsonObject(pin)) return undefined;
    keys.push(stringField(pin['key']));
  }
  return `required node affinity on ${[...new Set(keys)].join(', ')}`;
}

/** A toleration of a taint that keeps other pods off some nodes (not a taint the cluster sets by itself). */
function dedicatedToleration(spec: PodSpec): string | undefined {
  const tolerations: unknown = spec.tolerations;
  if (!Array.isArray(tolerations)) return undefined;
  for (const t of tolerations) {
    if (!isJsonObject(t)) continue;
    const key = stringField(t['key']);
    const effect = stringField(t['effect']);
    if (key === '' || SYSTEM_TAINT.test(key) || effect === 'PreferNoSchedule') continue;
    return `a toleration of ${key}`;
  }
  return undefined;
}

export default defineRule({
  id: 'cde-workload-shares-nodes',
  description: 'Workloads of the cardholder data environment run on nodes dedicated to the CDE, or in a sandbox with its own kernel.',
  severity: 'info',
  appliesTo: 'workloads',
  uses: ['Namespace'],
  remediation:
    "Taint the CDE node pool (for example pci-dss=cde:NoSchedule) and give CDE workloads both a toleration of that taint and a nodeSelector or required node affinity for the pool's label; or run them with a sandboxed RuntimeClass (Kata Containers, gVisor).",
  targets(resource, ctx) {
    return resource.kind !== 'PodTemplate' && scopeOfContext(ctx).workloadReason(workloadFacts(resource, ctx)) !== undefined;
  },
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    const reason = scopeOfContext(ctx).workloadReason(workloadFacts(resource, ctx));
    if (!pod || reason === undefined) return;
    const spec = pod.value;
    if (SANDBOX_RUNTIME.test(stringField(spec.runtimeClassName))) return;
    const pin = pinningSelector(spec) ?? pinningAffinity(spec);
    const toleration = dedicatedToleration(spec);
    if (pin && toleration) return;
    const who = cdeWorkloadLabel(resource, reason);
    if (!pin && !toleration) {
      ctx.report({
        path: [...pod.path, 'nodeSelector'],
        message: `${who} may be scheduled on any node, next to workloads outside the CDE: it has no nodeSelector or required node affinity for dedicated nodes, and tolerates no taint that would keep other pods off them.`,
      });
    } else if (!toleration) {
      ctx.report({
        path: [...pod.path, 'tolerations'],
        message: `${who} is pinned by ${pin as string}, but tolerates no dedicated-node taint: untainted nodes also accept pods outside the CDE.`,
      });
    } else {
      ctx.report({
        path: [...pod.path, 'nodeSelector'],
        message: `${who} has ${toleration}, but no nodeSelector or required node affinity keeps it on those nodes: it may also run on shared ones.`,
      });
    }
  },
});
