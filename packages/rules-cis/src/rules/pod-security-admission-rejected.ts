import { defineRule, formatKubeVersion, type RelatedReport, type Resource } from '@kubecomply/core';
import { failedChecks } from '../checks/pod-security-level.js';
import {
  clusterPodSecurity,
  effectiveVersion,
  ENFORCE_LABEL,
  formatPolicyVersion,
  namespacePolicy,
  POD_SECURITY_CONFIG_KINDS,
  type NamespacePolicy,
} from '../checks/pod-security-labels.js';

/** The Namespace object of that name, the last one when the input declares it twice (it is applied last). */
function findNamespace(namespaces: readonly Resource[], name: string): Resource | undefined {
  let found: Resource | undefined;
  for (const ns of namespaces) if (ns.name === name) found = ns;
  return found;
}

function describePolicy(namespace: string, policy: NamespacePolicy, version: string): string {
  const source =
    policy.levelFrom === 'label'
      ? `label ${ENFORCE_LABEL}=${policy.level}`
      : policy.levelFrom === 'invalid-label'
        ? `an invalid ${ENFORCE_LABEL} label, which admission treats as restricted`
        : `the cluster's PodSecurity admission default ${policy.level}`;
  return `Namespace "${namespace}" enforces the ${policy.level} Pod Security level (${source}, policy ${version})`;
}

export default defineRule({
  id: 'pod-security-admission-rejected',
  description: 'Workloads pass the Pod Security level their namespace enforces.',
  severity: 'error',
  appliesTo: 'workloads',
  uses: ['Namespace', ...POD_SECURITY_CONFIG_KINDS],
  remediation:
    "Fix the pod template so it passes the namespace's enforced level (the failing checks are listed, each with its own rule), or move the workload to a namespace whose level it is meant to run under.",
  check(resource, ctx) {
    const name = resource.namespace;
    // Without metadata.namespace the namespace is chosen at apply time.
    if (name === undefined) return;
    const cluster = clusterPodSecurity(ctx);
    if (cluster.exemptNamespaces.has(name)) return;
    const namespace = findNamespace(ctx.lookup('Namespace'), name);
    if (!namespace) return;
    const policy = namespacePolicy(namespace, cluster);
    if (policy.level === 'privileged') return;
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const runtimeClass = pod.value.runtimeClassName;
    if (typeof runtimeClass === 'string' && cluster.exemptRuntimeClasses.has(runtimeClass)) return;

    const version = effectiveVersion(policy.version, ctx.settings.kubeVersion);
    const failed = failedChecks(resource, ctx, policy.level, version);
    if (failed.length === 0) return;

    const pinned = formatPolicyVersion(policy.version);
    const evaluated = `v${formatKubeVersion(version)}`;
    const versionText = pinned === evaluated ? pinned : `${pinned}, evaluated as ${evaluated}`;
    const checks = failed.map((f) => f.id).join(', ');
    const outcome =
      resource.kind === 'Pod'
        ? `admission would reject this Pod; failing checks: ${checks}.`
        : `the API server would accept this ${resource.kind} with a warning, but reject every Pod created from its template; failing checks: ${checks}.`;
    const related: RelatedReport[] = [
      {
        resource: namespace,
        path: policy.levelFrom === 'default' ? ['metadata', 'name'] : ['metadata', 'labels', ENFORCE_LABEL],
        message: `Namespace "${name}" enforces ${policy.level}.`,
      },
      ...failed.flatMap((f) => f.reports.map((r) => ({ path: r.path, message: `${f.id}: ${r.message}` }))),
    ];
    ctx.report({
      path: ['metadata', 'namespace'],
      message: `${describePolicy(name, policy, versionText)}: ${outcome}`,
      related,
    });
  },
});
