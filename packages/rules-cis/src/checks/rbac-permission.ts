import {
  bindingLabel,
  defineRule,
  grants,
  rbacModelOf,
  RBAC_KINDS,
  roleLabel,
  subjectLabel,
  type AccessRequest,
  type Grant,
  type PolicyRule,
  type RbacBinding,
  type RbacModel,
  type RbacRole,
  type RelatedReport,
  type SetRule,
  type Settings,
  type Severity,
} from '@kubecomply/core';

/** One power a check looks for, e.g. create on pods. */
export interface Permission extends AccessRequest {
  /** Said after what the rule grants, in parentheses. */
  note?: string;
  /**
   * The resources are cluster-scoped: a Role never grants them, and a
   * ClusterRole grants them only through a ClusterRoleBinding.
   */
  clusterScoped?: boolean;
}

/** What a check found in one policy rule. */
export interface RuleMatch {
  /** What the rule does that the check is about, as a predicate: 'grants create on pods'. */
  what: string;
  /** The field of the rule the finding points at. */
  field: 'verbs' | 'resources' | 'apiGroups';
  /** Everything matched is cluster-scoped (see Permission.clusterScoped). */
  clusterScoped: boolean;
  /** `what`, limited to what a RoleBinding can give, when that is less. */
  namespacedWhat?: string;
}

export type RuleMatcher = (rule: PolicyRule, settings: Settings) => RuleMatch | undefined;

/** The permissions a check looks for, fixed or depending on the Kubernetes version. */
export type Permissions = readonly Permission[] | ((settings: Settings) => readonly Permission[]);

/** How many subjects a message names before it points at the related locations for the rest. */
const NAMED_SUBJECTS = 3;

/** A role nobody is bound to in the input holds a latent power: one step below the rule's severity. */
const UNBOUND_SEVERITY: Readonly<Record<Severity, Severity>> = { error: 'warning', warning: 'info', info: 'info' };

/** Matches a policy rule that grants any of the permissions. */
export function permissionMatcher(permissions: Permissions): RuleMatcher {
  return (rule, settings) => {
    const list = typeof permissions === 'function' ? permissions(settings) : permissions;
    const matched = list.filter((p) => grants(rule, p));
    if (matched.length === 0) return undefined;
    const namespaced = matched.filter((p) => p.clusterScoped !== true);
    return {
      what: `grants ${describe(rule, matched)}`,
      field: 'verbs',
      clusterScoped: namespaced.length === 0,
      ...(namespaced.length > 0 && namespaced.length < matched.length ? { namespacedWhat: `grants ${describe(rule, namespaced)}` } : {}),
    };
  };
}

/**
 * What a rule grants of the matched permissions, merged by verb:
 * 'get on secrets', 'create on deployments, statefulsets',
 * 'every verb on pods/exec', 'bind on clusterroles named cluster-admin'.
 */
function describe(rule: PolicyRule, matched: readonly Permission[]): string {
  const parts = new Map<string, Set<string>>();
  for (const permission of matched) {
    const verbs = rule.verbs.includes('*') ? 'every verb' : permission.verbs.filter((v) => rule.verbs.includes(v)).join('/');
    const names = rule.resourceNames.filter((n) => permission.resourceNames?.includes(n));
    const tail = `${names.length > 0 ? ` named ${names.join(', ')}` : ''}${permission.note ? ` (${permission.note})` : ''}`;
    const key = `${verbs}\0${tail}`;
    let resources = parts.get(key);
    if (!resources) parts.set(key, (resources = new Set()));
    for (const r of permission.resources) if (grants(rule, { ...permission, resources: [r] })) resources.add(r);
  }
  return [...parts]
    .map(([key, resources]) => {
      const [verbs, tail] = key.split('\0') as [string, string];
      return `${verbs} on ${[...resources].join(', ')}${tail}`;
    })
    .join('; ');
}

export interface RbacRuleOptions {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  match: RuleMatcher;
}

/**
 * The "a subject is granted <power>" family. Each finding sits on the
 * offending entry of a Role's or ClusterRole's `rules` (once per entry),
 * names the subjects that get it and the bindings that grant it (directly or
 * through aggregated ClusterRoles), and links each binding's subject entry.
 * A rule bound to nobody in the input is still reported, one severity step
 * lower, because whoever binds it later (often in another chart or by hand)
 * gets the power; a rule aggregated into a built-in admin/edit/view
 * ClusterRole keeps its severity, since clusters bind those widely. Rules
 * that can never take effect are skipped: the own `rules` of an aggregated
 * ClusterRole (the controller replaces them) and cluster-scoped powers in
 * a namespaced Role.
 */
export function rbacRuleCheck(options: RbacRuleOptions): SetRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: options.severity,
    remediation: options.remediation,
    scope: 'set',
    kinds: RBAC_KINDS,
    check(set, ctx) {
      const model = rbacModelOf(set);
      for (const role of model.roles) {
        const resource = role.resource;
        if (!resource || role.aggregationSelectors) continue;
        role.rules.forEach((rule, index) => {
          const match = options.match(rule, ctx.settings);
          if (!match || (match.clusterScoped && role.kind === 'Role')) return;
          const path = ['rules', index, match.field];
          const where = `${roleLabel(role)} rules[${index}]`;
          const all = model.grantsOfRule(role, index);
          const effective = uniqueGrants(match.clusterScoped ? all.filter((g) => g.clusterWide) : all);
          if (effective.length > 0) {
            // Through RoleBindings alone, cluster-scoped permissions the rule also names are not granted.
            const what = effective.some((g) => g.clusterWide) ? match.what : (match.namespacedWhat ?? match.what);
            const shown = { ...match, what };
            ctx.report({ resource, path, message: boundMessage(where, shown, effective), related: relatedOf(effective, where, shown) });
            return;
          }
          const unbound = unboundMessage(
            model,
            role,
            where,
            role.kind === 'Role' ? { ...match, what: match.namespacedWhat ?? match.what } : match,
            all.length > 0,
          );
          ctx.report({
            resource,
            path,
            message: unbound.message,
            ...(unbound.builtin ? {} : { severity: UNBOUND_SEVERITY[options.severity] }),
          });
        });
      }
    },
  });
}

/** Every (binding, subject) pair once, in input order. */
function uniqueGrants(grantList: readonly Grant[]): Grant[] {
  const seen = new Map<RbacBinding, Set<number>>();
  return grantList.filter((g) => {
    let subjects = seen.get(g.binding);
    if (!subjects) seen.set(g.binding, (subjects = new Set()));
    if (subjects.has(g.subject.index)) return false;
    subjects.add(g.subject.index);
    return true;
  });
}

function scopeOf(grant: Grant): string {
  const scope = grant.clusterWide ? 'cluster-wide' : grant.namespace ? `in namespace ${grant.namespace}` : "in the binding's namespace";
  const via = grant.source.via.length > 0 ? `, through aggregated ${grant.source.via.map(roleLabel).join(' > ')}` : '';
  return `${bindingLabel(grant.binding)}, ${scope}${via}`;
}

function boundMessage(where: string, match: RuleMatch, effective: readonly Grant[]): string {
  // The same binding may come from several files (alternative overlays linted together); name it once.
  const all = [...new Set(effective.map((g) => `${subjectLabel(g.subject)} (${scopeOf(g)})`))];
  const named = all.slice(0, NAMED_SUBJECTS);
  const more = all.length - named.length;
  const rest = more > 0 ? ` and ${more} more subject${more === 1 ? '' : 's'} (see related locations)` : '';
  return `${where} ${match.what}. It is granted to ${named.join(', ')}${rest}.`;
}

function relatedOf(effective: readonly Grant[], where: string, match: RuleMatch): RelatedReport[] {
  return effective.map((g) => ({
    resource: g.binding.resource,
    path: ['subjects', g.subject.index],
    message: `${subjectLabel(g.subject)} gets ${where}, which ${match.what} (${scopeOf(g)}).`,
  }));
}

function unboundMessage(
  model: RbacModel,
  role: RbacRole,
  where: string,
  match: RuleMatch,
  boundOnlyInNamespaces: boolean,
): { message: string; builtin: boolean } {
  const aggregators = model.aggregatorsOf(role);
  const builtins = aggregators.filter((r) => r.builtin);
  if (builtins.length > 0 && !boundOnlyInNamespaces) {
    const names = builtins.map((r) => `"${r.name}"`).join(', ');
    return {
      message: `${where} ${match.what}. No binding in the input grants it, but it is aggregated into the built-in ClusterRole${builtins.length > 1 ? 's' : ''} ${names}, which clusters commonly bind.`,
      builtin: true,
    };
  }
  const through = aggregators.length > 0 ? ` It is aggregated into ${aggregators.map(roleLabel).join(', ')}.` : '';
  const message = boundOnlyInNamespaces
    ? `${where} ${match.what}. It is bound only through RoleBindings, which cannot grant cluster-scoped resources, so no subject in the input gets it; whoever a ClusterRoleBinding binds it to does.`
    : `${where} ${match.what}. No binding in the input grants it to a subject; whoever it is bound to gets this power.`;
  return { message: `${message}${through}`, builtin: false };
}

/** A check of the family that looks for permissions. */
export function rbacPermissionRule(options: Omit<RbacRuleOptions, 'match'> & { permissions: Permissions }): SetRule {
  const { permissions, ...meta } = options;
  return rbacRuleCheck({ ...meta, match: permissionMatcher(permissions) });
}
