import {
  podExecRequests,
  bindingLabel,
  defineRule,
  grants,
  rbacModelOf,
  RBAC_KINDS,
  roleLabel,
  subjectLabel,
  type AccessRequest,
  type Grant,
  type RelatedReport,
  type SetRule,
  type Settings,
  type Severity,
} from '@kubecomply/core';
import { scopeOfSet } from './cde-scope.js';

/**
 * "Who may do X in the CDE", answered from core's RBAC model: every
 * subject a ClusterRoleBinding grants X (it reaches every namespace, the
 * CDE's included), and every subject a RoleBinding in a CDE namespace grants
 * it. One finding per binding, on its roleRef, naming the subjects and, as
 * related locations, the role rules that grant the power.
 */

export interface CdeAccessOptions {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  /** What the power lets a subject do, after "may": 'read Secrets'. */
  power: string;
  requests(settings: Settings): readonly AccessRequest[];
}

/** The namespaces of the CDE: those in scope by label or name, and those that run a CDE workload. */
function cdeNamespaces(set: Parameters<SetRule['check']>[0], settings: Settings): Map<string, string> {
  const scope = scopeOfSet(set, settings);
  const out = new Map<string, string>();
  for (const s of set.all) {
    const name = s.kind === 'Namespace' && s.apiVersion === 'v1' ? s.name : s.namespace;
    if (name === undefined || name === '' || out.has(name)) continue;
    const reason = scope.namespaceReason(name);
    if (reason) out.set(name, reason);
    else if (s.podLabels !== undefined && s.kind !== 'PodTemplate') {
      const label = scope.labelReason(s);
      if (label) out.set(name, `namespace "${name}" runs CDE workload ${s.kind}/${s.name} (${label})`);
    }
  }
  return out;
}

export function cdeAccessRule(options: CdeAccessOptions): SetRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    scope: 'set',
    kinds: RBAC_KINDS,
    check(set, ctx) {
      const namespaces = cdeNamespaces(set, ctx.settings);
      if (namespaces.size === 0) return;
      const model = rbacModelOf(set);
      const requests = options.requests(ctx.settings);
      for (const binding of model.bindings) {
        const where =
          binding.kind === 'ClusterRoleBinding'
            ? [...namespaces.keys()]
            : binding.namespace !== undefined && namespaces.has(binding.namespace)
              ? [binding.namespace]
              : [];
        if (where.length === 0 || binding.subjects.length === 0) continue;
        const granting = model.grantsOf(binding).filter((g: Grant) => requests.some((r) => grants(g.source.rule, r)));
        if (granting.length === 0) continue;
        const subjects = [...new Map(granting.map((g) => [subjectLabel(g.subject), g.subject])).keys()];
        const sources = [...new Map(granting.map((g) => [`${roleLabel(g.source.role)}#${g.source.index}`, g.source])).values()];
        const related: RelatedReport[] = sources.flatMap((source) =>
          source.role.resource
            ? [{ resource: source.role.resource, path: ['rules', source.index], message: `This rule of ${roleLabel(source.role)} grants the power.` }]
            : [],
        );
        const builtin = sources.filter((s) => !s.role.resource).map((s) => `built-in ${roleLabel(s.role)}`);
        const scopeText =
          binding.kind === 'ClusterRoleBinding'
            ? `in every namespace, the CDE's included (${where.map((n) => `"${n}"`).join(', ')})`
            : `in CDE namespace "${where[0] as string}" (${namespaces.get(where[0] as string) as string})`;
        ctx.report({
          resource: binding.resource,
          path: ['roleRef', 'name'],
          message:
            `${bindingLabel(binding)} lets ${subjects.join(', ')} ${options.power} ${scopeText}` +
            `${builtin.length > 0 ? ` through ${builtin.join(', ')}` : ''}.`,
          ...(related.length > 0 ? { related } : {}),
        });
      }
    },
  });
}

/** exec and attach into running containers, as the target Kubernetes version authorizes them (core's podExecRequests). */
export function execRequests(settings: Settings): AccessRequest[] {
  return podExecRequests(settings.kubeVersion).map(({ websocketOnly: _, ...request }) => request);
}
