import {
  bindingLabel,
  defineRule,
  RBAC_API_GROUP,
  rbacSubjects,
  WORKLOAD_KINDS,
  type RbacBinding,
  type Resource,
  type RuleContext,
  isJsonObject,
} from '@kubecomply/core';

const BINDINGS = ['RoleBinding', 'ClusterRoleBinding'];

/** A workload's pods run as "default" when they name it, or name no service account at all. */
function checkWorkload(resource: Resource, ctx: RuleContext): void {
  const pod = ctx.podSpec(resource);
  if (!pod) return;
  const spec = pod.value as unknown as Record<string, unknown>;
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const value = spec[field];
    if (value === undefined || value === null || value === '') continue;
    if (String(value) === 'default') {
      ctx.report({
        path: [...pod.path, field],
        message: `The pod names the "default" service account in ${field}; every pod of the namespace that names none shares its identity and permissions.`,
      });
    }
    // The first field set decides, as serviceAccountName overrides the deprecated serviceAccount.
    return;
  }
  ctx.report({
    path: [...pod.path, 'serviceAccountName'],
    message: 'The pod names no service account, so it runs as "default", whose identity and permissions every such pod of the namespace shares.',
  });
}

/** CIS 5.1.5 asks that the default service account itself not hand out tokens. */
function checkServiceAccount(resource: Resource, ctx: RuleContext): void {
  if (resource.name !== 'default' || resource.group !== '') return;
  const value = resource.object['automountServiceAccountToken'];
  if (value === false) return;
  ctx.report({
    path: ['automountServiceAccountToken'],
    message:
      value === true
        ? 'The "default" service account sets automountServiceAccountToken: true, so every pod that runs as it gets an API token.'
        : 'The "default" service account does not set automountServiceAccountToken: false, so every pod that runs as it gets an API token unless the pod opts out.',
  });
}

/** Binding roles to "default" hands them to every pod of the namespace that names no service account. */
function checkBinding(resource: Resource, ctx: RuleContext): void {
  if (resource.group !== RBAC_API_GROUP) return;
  const roleRef = isJsonObject(resource.object['roleRef']) ? resource.object['roleRef'] : {};
  const role = `${String(roleRef['kind'] ?? 'role')} "${String(roleRef['name'] ?? '')}"`;
  const binding = bindingLabel({
    kind: resource.kind as RbacBinding['kind'],
    name: resource.name,
    ...(resource.namespace ? { namespace: resource.namespace } : {}),
  });
  for (const subject of rbacSubjects(resource)) {
    if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
    const where = subject.namespace ? `namespace ${subject.namespace}` : 'its namespace';
    ctx.report({
      path: ['subjects', subject.index],
      message: `${binding} grants ${role} to the "default" service account of ${where}, and so to every pod there that names no service account.`,
    });
  }
}

export default defineRule({
  id: 'default-service-account-used',
  description: 'Workloads run as a service account of their own, and the default service account neither holds roles nor mounts tokens.',
  severity: 'warning',
  appliesTo: [...WORKLOAD_KINDS, 'ServiceAccount', ...BINDINGS],
  remediation:
    'Create a service account for each workload and set spec.serviceAccountName; set automountServiceAccountToken: false on each namespace\'s "default" service account, and bind roles to the dedicated accounts instead of "default".',
  check(resource, ctx) {
    if (resource.kind === 'ServiceAccount') checkServiceAccount(resource, ctx);
    else if (BINDINGS.includes(resource.kind)) checkBinding(resource, ctx);
    else checkWorkload(resource, ctx);
  },
});
