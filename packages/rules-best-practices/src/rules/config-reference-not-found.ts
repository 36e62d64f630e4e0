import { defineRule, grants, isWorkload, podReferences, RBAC_KINDS, rbacModelOf, sameNamespace, type ResourceSet } from '@kubecomply/core';

/**
 * The service accounts (`namespace/name`, '' for none) that may create
 * Secrets in their own namespace: a workload running as one may create the
 * Secret its neighbours need at install time (argo-cd's redis secret-init,
 * ingress-nginx's admission-create Job).
 */
function secretCreators(set: ResourceSet): Set<string> {
  const out = new Set<string>();
  const model = rbacModelOf(set);
  for (const binding of model.bindings) {
    for (const grant of model.grantsOf(binding)) {
      if (grant.subject.kind !== 'ServiceAccount') continue;
      if (!grants(grant.source.rule, { verbs: ['create'], apiGroups: [''], resources: ['secrets'] })) continue;
      out.add(`${grant.subject.namespace ?? ''}/${grant.subject.name}`);
    }
  }
  return out;
}

export default defineRule({
  id: 'config-reference-not-found',
  description: 'Secrets and ConfigMaps (and their keys) that pods need are in the input, when the input holds those of the namespace.',
  severity: 'warning',
  remediation:
    'Add the missing Secret or ConfigMap (or key) to the manifests, correct the name, or mark the reference optional: true if the pod can start without it.',
  scope: 'set',
  // Secrets and ConfigMaps are read from every object's summary (name and keys), never held whole.
  kinds: ['workloads', ...RBAC_KINDS],
  retain: (resource) => !isWorkload(resource) || podReferences(resource).some((r) => r.kind !== 'ServiceAccount' && !r.optional),
  check(set, ctx) {
    const creators = secretCreators(set);
    const mayCreateSecrets = (namespace: string | undefined) =>
      set.all.some(
        (s) => s.serviceAccountName !== undefined && (s.namespace ?? '') === (namespace ?? '') && creators.has(`${namespace ?? ''}/${s.serviceAccountName}`),
      );
    const objects = {
      Secret: set.all.filter((r) => r.kind === 'Secret' && r.apiVersion === 'v1'),
      ConfigMap: set.all.filter((r) => r.kind === 'ConfigMap' && r.apiVersion === 'v1'),
    };
    for (const summary of set.all) {
      const workload = summary.resource;
      if (!workload || !isWorkload(workload) || workload.kind === 'PodTemplate') continue;
      for (const ref of podReferences(workload)) {
        if (ref.kind === 'ServiceAccount' || ref.optional) continue;
        // Only when the input holds objects of that kind in the namespace: otherwise they are managed elsewhere (sealed secrets, operators, by hand).
        const neighbours = objects[ref.kind].filter((o) => (o.namespace ?? '') === (workload.namespace ?? ''));
        if (neighbours.length === 0) continue;
        const found = objects[ref.kind].find((o) => o.name === ref.name && sameNamespace(o.namespace, workload.namespace));
        if (!found && ref.kind === 'Secret' && mayCreateSecrets(workload.namespace)) continue;
        if (!found) {
          ctx.report({
            resource: workload,
            path: ref.path,
            message: `The ${ref.via} needs ${ref.kind} "${ref.name}", which the input does not have in this namespace although it has others; the pods cannot start until it exists.`,
            related: [
              { resource: neighbours[0] as (typeof neighbours)[number], path: ['metadata', 'name'], message: `a ${ref.kind} of the namespace in the input` },
            ],
          });
          continue;
        }
        if (ref.key === undefined || !found.dataKeys) continue;
        const keys = new Set(found.dataKeys);
        if (keys.has(ref.key)) continue;
        ctx.report({
          resource: workload,
          path: ref.path.slice(0, -1).concat('key'),
          message: `The ${ref.via} reads key "${ref.key}" of ${ref.kind} "${ref.name}", which has no such key; the container cannot start.`,
          related: [{ resource: found, path: ['metadata', 'name'], message: `${ref.kind} "${ref.name}" (keys: ${[...keys].join(', ') || 'none'})` }],
        });
      }
    }
  },
});
