import { isJsonObject, type JsonObject } from '../base/json.js';
import { atLeast, type KubeVersion } from '../base/kube-version.js';
import type { Resource } from './resource.js';
import { matchesSelector, type LabelSelector } from './selector.js';

/**
 * RBAC resolution over the whole input: which subject gets which policy rule,
 * through which binding and role, with the API server's semantics. Rules in
 * any package ask it "who may do X" rather than reading bindings themselves.
 */

export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/** The kinds the model reads; a set rule that uses it declares these. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** One entry of a role's `rules`, with every list read defensively (anything but a list reads as empty). */
export interface PolicyRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

/** A question put to a policy rule: may it do any of these verbs on any of these resources? */
export interface AccessRequest {
  verbs: readonly string[];
  /** '' is the core group. */
  apiGroups: readonly string[];
  /** 'pods', or 'pods/exec' for a subresource. */
  resources: readonly string[];
  /**
   * Names of the objects asked about. Left out, the request names no object
   * (a list, a create), which a rule restricted by `resourceNames` never allows.
   */
  resourceNames?: readonly string[];
}

/** An access request that only a WebSocket client needs (see podExecRequests). */
export interface PodExecRequest extends AccessRequest {
  /** True for the `get` that authorized a WebSocket exec or attach before Kubernetes 1.35. */
  websocketOnly?: boolean;
}

/**
 * The requests that let a subject exec into or attach to a running container
 * at a Kubernetes version: `create` on pods/exec and pods/attach, and before
 * 1.35 also `get`, since the API server authorized a WebSocket upgrade as get
 * until AuthorizePodWebsocketUpgradeCreatePermission was turned on.
 */
export function podExecRequests(kubeVersion: KubeVersion): PodExecRequest[] {
  const resources = ['pods/exec', 'pods/attach'];
  return [
    { verbs: ['create'], apiGroups: [''], resources },
    ...(atLeast(kubeVersion, 1, 35) ? [] : [{ verbs: ['get'], apiGroups: [''], resources, websocketOnly: true }]),
  ];
}

/** A Role or ClusterRole as the RBAC model reads it, aggregated rules included. */
export interface RbacRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Absent for ClusterRoles, and for a Role written without one. */
  namespace?: string;
  /** The manifest; absent for a built-in ClusterRole that the input does not define. */
  resource?: Resource;
  /** True for a built-in ClusterRole the model stands in for (cluster-admin, admin, edit, view). */
  builtin: boolean;
  labels: Readonly<Record<string, string>>;
  /** The rules as written, in order; a rule's index is its position in `rules`. */
  rules: readonly PolicyRule[];
  /**
   * `aggregationRule.clusterRoleSelectors` of an aggregated ClusterRole. Its
   * own `rules` are then replaced by the aggregation controller, so they
   * grant nothing as written.
   */
  aggregationSelectors?: readonly LabelSelector[];
}

/** Where a rule that a role grants is written. */
export interface RuleSource {
  /** The role whose `rules` hold it. */
  role: RbacRole;
  /** Its index in `role.rules`. */
  index: number;
  rule: PolicyRule;
  /**
   * The aggregated ClusterRoles it reaches the granting role through, from
   * the granting role down; empty when the granting role holds it itself.
   */
  via: readonly RbacRole[];
}

/** A user, group or service account that a binding grants a role to. */
export interface RbacSubject {
  /** As written: 'User', 'Group' or 'ServiceAccount'. */
  kind: string;
  name: string;
  /** A ServiceAccount's namespace, defaulted to a RoleBinding's own as the API server does. */
  namespace?: string;
  /** Index in the binding's `subjects`. */
  index: number;
}

/** A RoleBinding or ClusterRoleBinding as the RBAC model reads it: its role reference and subjects. */
export interface RbacBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  resource: Resource;
  roleRef: { kind: string; name: string };
  subjects: readonly RbacSubject[];
  /**
   * The roles `roleRef` resolves to: none when the input does not define it
   * (and it is not a built-in the model knows), several when the input
   * defines the same role more than once.
   */
  roles: readonly RbacRole[];
}

/** One subject getting one policy rule through one binding. */
export interface Grant {
  binding: RbacBinding;
  subject: RbacSubject;
  source: RuleSource;
  /** True through a ClusterRoleBinding; otherwise limited to `namespace`, the RoleBinding's. */
  clusterWide: boolean;
  namespace?: string;
}

/** Does the rule allow at least one of the requested verb, group, resource (and name) combinations? */
export function grants(rule: PolicyRule, request: AccessRequest): boolean {
  if (!request.verbs.some((verb) => rule.verbs.some((v) => v === '*' || v === verb))) return false;
  if (!request.apiGroups.some((group) => rule.apiGroups.some((g) => g === '*' || g === group))) return false;
  if (!request.resources.some((resource) => resourceMatches(rule.resources, resource))) return false;
  if (rule.resourceNames.length === 0) return true;
  const names = request.resourceNames && request.resourceNames.length > 0 ? request.resourceNames : [''];
  return names.some((name) => rule.resourceNames.includes(name));
}

/** Kubernetes' ResourceMatches: '*', the exact 'resource[/subresource]', or a '*' resource with the requested subresource. */
function resourceMatches(ruleResources: readonly string[], requested: string): boolean {
  const slash = requested.indexOf('/');
  const subresource = slash === -1 ? '' : requested.slice(slash + 1);
  return ruleResources.some((r) => r === '*' || r === requested || (subresource !== '' && r === `*/${subresource}`));
}

/** 'User "alice"', 'Group "devs"', 'ServiceAccount "ci/deployer"'. */
export function subjectLabel(subject: Pick<RbacSubject, 'kind' | 'name' | 'namespace'>): string {
  const name = subject.kind === 'ServiceAccount' && subject.namespace ? `${subject.namespace}/${subject.name}` : subject.name;
  return `${subject.kind} "${name}"`;
}

/** 'ClusterRole/name' or 'Role/namespace/name' (a ClusterRole's stray metadata.namespace left out). */
export function roleLabel(role: Pick<RbacRole, 'kind' | 'name' | 'namespace'>): string {
  return role.kind === 'Role' && role.namespace ? `Role/${role.namespace}/${role.name}` : `${role.kind}/${role.name}`;
}

/** 'ClusterRoleBinding/name' or 'RoleBinding/namespace/name'. */
export function bindingLabel(binding: Pick<RbacBinding, 'kind' | 'name' | 'namespace'>): string {
  return binding.kind === 'RoleBinding' && binding.namespace ? `RoleBinding/${binding.namespace}/${binding.name}` : `${binding.kind}/${binding.name}`;
}

/**
 * The subjects of a RoleBinding or ClusterRoleBinding manifest, each with its
 * index in `subjects`. A ServiceAccount written without a namespace is in the
 * RoleBinding's namespace, as the authorizer reads it; in a
 * ClusterRoleBinding it has none (the API server rejects that).
 */
export function rbacSubjects(binding: Resource): RbacSubject[] {
  const list = (binding.object as JsonObject)['subjects'];
  if (!Array.isArray(list)) return [];
  const bindingNamespace = binding.kind === 'RoleBinding' ? binding.namespace : undefined;
  const subjects: RbacSubject[] = [];
  list.forEach((s, index) => {
    if (!isJsonObject(s)) return;
    const subject: RbacSubject = { kind: text(s['kind']), name: text(s['name']), index };
    const namespace = text(s['namespace']) || (subject.kind === 'ServiceAccount' ? bindingNamespace : undefined);
    if (namespace) subject.namespace = namespace;
    subjects.push(subject);
  });
  return subjects;
}

const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const aggregateTo = (role: string) => ({ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${role}`]: 'true' } });

/**
 * Built-in ClusterRoles that bindings often name but manifests never hold.
 * cluster-admin is known to allow everything. admin, edit and view are
 * known only as aggregators (edit is aggregated into admin, view into edit),
 * so ClusterRoles of the input labelled `aggregate-to-*` reach whoever they
 * are bound to; their own built-in rules are not modelled. Any other
 * missing role grants nothing the model can see.
 */
const BUILTIN_CLUSTER_ROLES: readonly RbacRole[] = [
  {
    kind: 'ClusterRole',
    name: 'cluster-admin',
    builtin: true,
    labels: BOOTSTRAP_LABELS,
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] },
      { verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
    ],
  },
  { kind: 'ClusterRole', name: 'admin', builtin: true, labels: BOOTSTRAP_LABELS, rules: [], aggregationSelectors: [aggregateTo('admin')] },
  {
    kind: 'ClusterRole',
    name: 'edit',
    builtin: true,
    labels: { ...BOOTSTRAP_LABELS, 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    rules: [],
    aggregationSelectors: [aggregateTo('edit')],
  },
  {
    kind: 'ClusterRole',
    name: 'view',
    builtin: true,
    labels: { ...BOOTSTRAP_LABELS, 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    rules: [],
    aggregationSelectors: [aggregateTo('view')],
  },
];

/** A list of strings as the API server would read it; a scalar or a map where a list belongs reads as empty. */
function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v) => v !== null && v !== undefined && typeof v !== 'object').map(String);
}

function text(value: unknown): string {
  return value === null || value === undefined || typeof value === 'object' ? '' : String(value);
}

function policyRules(value: unknown): PolicyRule[] {
  if (!Array.isArray(value)) return [];
  return value.map((r) => {
    const rule = isJsonObject(r) ? r : {};
    return {
      verbs: strings(rule['verbs']),
      apiGroups: strings(rule['apiGroups']),
      resources: strings(rule['resources']),
      resourceNames: strings(rule['resourceNames']),
      nonResourceURLs: strings(rule['nonResourceURLs']),
    };
  });
}

const isRbac = (resource: Resource) => resource.group === RBAC_API_GROUP;
const roleKey = (kind: string, namespace: string | undefined, name: string) =>
  kind === 'ClusterRole' ? `ClusterRole\0${name}` : `Role\0${namespace ?? ''}\0${name}`;

interface Reach {
  binding: RbacBinding;
  via: readonly RbacRole[];
}

/** The RBAC model of one set of resources. Build it once per run with `rbacModelOf`. */
export class RbacModel {
  /** Every Role and ClusterRole of the input, then the built-in ClusterRoles the input does not define. */
  readonly roles: readonly RbacRole[];
  readonly bindings: readonly RbacBinding[];
  private readonly byKey = new Map<string, RbacRole[]>();
  private readonly byResource = new Map<Resource, RbacRole | RbacBinding>();
  private readonly effective = new Map<RbacRole, readonly RuleSource[]>();
  private reachIndex: Map<RbacRole, Map<number, Reach[]>> | undefined;

  /** Reads the Roles, ClusterRoles, RoleBindings and ClusterRoleBindings among `resources`; other objects are ignored. */
  constructor(resources: Iterable<Resource>) {
    const roles: RbacRole[] = [];
    const bindingResources: Resource[] = [];
    for (const resource of resources) {
      if (!isRbac(resource)) continue;
      if (resource.kind === 'Role' || resource.kind === 'ClusterRole') roles.push(this.readRole(resource));
      else if (resource.kind === 'RoleBinding' || resource.kind === 'ClusterRoleBinding') bindingResources.push(resource);
    }
    for (const role of roles) this.index(role);
    for (const builtin of BUILTIN_CLUSTER_ROLES) {
      if (this.byKey.has(roleKey('ClusterRole', undefined, builtin.name))) continue;
      roles.push(builtin);
      this.index(builtin);
    }
    this.roles = roles;
    this.bindings = bindingResources.map((r) => this.readBinding(r));
  }

  private readRole(resource: Resource): RbacRole {
    const kind = resource.kind as RbacRole['kind'];
    const object = resource.object as JsonObject;
    const role: RbacRole = { kind, name: resource.name, builtin: false, labels: resource.labels, rules: policyRules(object['rules']), resource };
    if (kind === 'Role' && resource.namespace !== undefined) role.namespace = resource.namespace;
    const aggregation = object['aggregationRule'];
    if (kind === 'ClusterRole' && isJsonObject(aggregation)) {
      const selectors = aggregation['clusterRoleSelectors'];
      role.aggregationSelectors = Array.isArray(selectors) ? selectors.filter(isJsonObject).map((s) => s as LabelSelector) : [];
    }
    this.byResource.set(resource, role);
    return role;
  }

  private index(role: RbacRole): void {
    const key = roleKey(role.kind, role.namespace, role.name);
    const list = this.byKey.get(key);
    if (list) list.push(role);
    else this.byKey.set(key, [role]);
  }

  private readBinding(resource: Resource): RbacBinding {
    const kind = resource.kind as RbacBinding['kind'];
    const object = resource.object as JsonObject;
    const ref = isJsonObject(object['roleRef']) ? object['roleRef'] : {};
    const roleRef = { kind: text(ref['kind']), name: text(ref['name']) };
    const namespace = kind === 'RoleBinding' ? resource.namespace : undefined;
    const subjects = rbacSubjects(resource);
    let roles: RbacRole[] = [];
    // A ClusterRoleBinding may only name a ClusterRole; the API server rejects anything else.
    if (roleRef.kind === 'ClusterRole') roles = this.byKey.get(roleKey('ClusterRole', undefined, roleRef.name)) ?? [];
    else if (roleRef.kind === 'Role' && kind === 'RoleBinding') roles = this.byKey.get(roleKey('Role', namespace, roleRef.name)) ?? [];
    const binding: RbacBinding = { kind, name: resource.name, resource, roleRef, subjects, roles };
    if (namespace !== undefined) binding.namespace = namespace;
    this.byResource.set(resource, binding);
    return binding;
  }

  /** The model's role for a Role or ClusterRole manifest of the input. */
  roleOf(resource: Resource): RbacRole | undefined {
    const found = this.byResource.get(resource);
    return found && (found.kind === 'Role' || found.kind === 'ClusterRole') ? found : undefined;
  }

  /** The model's binding for a RoleBinding or ClusterRoleBinding manifest of the input. */
  bindingOf(resource: Resource): RbacBinding | undefined {
    const found = this.byResource.get(resource);
    return found && (found.kind === 'RoleBinding' || found.kind === 'ClusterRoleBinding') ? found : undefined;
  }

  /** Roles of the given kind and name (and namespace, for Roles) in the model. */
  findRoles(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): readonly RbacRole[] {
    return this.byKey.get(roleKey(kind, namespace, name)) ?? [];
  }

  /**
   * The ClusterRoles an aggregated ClusterRole picks up: every other
   * ClusterRole whose labels match one of its selectors.
   */
  aggregatedBy(role: RbacRole): readonly RbacRole[] {
    const selectors = role.aggregationSelectors;
    if (!selectors || selectors.length === 0) return [];
    return this.roles.filter((r) => r !== role && r.kind === 'ClusterRole' && selectors.some((s) => matchesSelector(s, r.labels)));
  }

  /**
   * The rules a role grants when bound: its own, or for an aggregated
   * ClusterRole those of every ClusterRole it aggregates, transitively
   * (the shortest chain wins when a rule is reachable several ways).
   */
  rulesOf(role: RbacRole): readonly RuleSource[] {
    const known = this.effective.get(role);
    if (known) return known;
    let sources: RuleSource[];
    if (!role.aggregationSelectors) {
      sources = role.rules.map((rule, index) => ({ role, index, rule, via: [] }));
    } else {
      sources = [];
      const seen = new Set<RbacRole>([role]);
      let frontier: { role: RbacRole; via: RbacRole[] }[] = [{ role, via: [role] }];
      while (frontier.length > 0) {
        const next: typeof frontier = [];
        for (const { role: aggregator, via } of frontier) {
          for (const member of this.aggregatedBy(aggregator)) {
            if (seen.has(member)) continue;
            seen.add(member);
            if (member.aggregationSelectors) next.push({ role: member, via: [...via, member] });
            else member.rules.forEach((rule, index) => sources.push({ role: member, index, rule, via }));
          }
        }
        frontier = next;
      }
    }
    this.effective.set(role, sources);
    return sources;
  }

  /** The rules a binding grants to each of its subjects. */
  rulesGrantedBy(binding: RbacBinding): readonly RuleSource[] {
    return binding.roles.flatMap((role) => this.rulesOf(role));
  }

  /** Every subject of every binding with every rule it gets. */
  *allGrants(): Generator<Grant> {
    for (const binding of this.bindings) {
      const sources = this.rulesGrantedBy(binding);
      for (const subject of binding.subjects) for (const source of sources) yield grantOf(binding, subject, source);
    }
  }

  /** The grants a binding makes. */
  grantsOf(binding: RbacBinding): Grant[] {
    const sources = this.rulesGrantedBy(binding);
    return binding.subjects.flatMap((subject) => sources.map((source) => grantOf(binding, subject, source)));
  }

  /** Who gets `role.rules[index]`: every subject of every binding that grants the role, directly or through aggregation. */
  grantsOfRule(role: RbacRole, index: number): Grant[] {
    const reaches = this.reaches().get(role)?.get(index) ?? [];
    return reaches.flatMap(({ binding, via }) => {
      const source: RuleSource = { role, index, rule: role.rules[index] as PolicyRule, via };
      return binding.subjects.map((subject) => grantOf(binding, subject, source));
    });
  }

  /** The bindings that grant any rule of a role, directly or through aggregation. */
  bindingsOf(role: RbacRole): RbacBinding[] {
    const out = new Set<RbacBinding>();
    for (const reaches of this.reaches().get(role)?.values() ?? []) for (const r of reaches) out.add(r.binding);
    return [...out];
  }

  /** The aggregated ClusterRoles that pick up a role's rules, transitively. */
  aggregatorsOf(role: RbacRole): RbacRole[] {
    if (role.kind !== 'ClusterRole' || role.aggregationSelectors) return [];
    return this.roles.filter((r) => r.aggregationSelectors && this.rulesOf(r).some((s) => s.role === role));
  }

  private reaches(): Map<RbacRole, Map<number, Reach[]>> {
    if (this.reachIndex) return this.reachIndex;
    const index = new Map<RbacRole, Map<number, Reach[]>>();
    for (const binding of this.bindings) {
      for (const source of this.rulesGrantedBy(binding)) {
        let byRule = index.get(source.role);
        if (!byRule) index.set(source.role, (byRule = new Map()));
        let list = byRule.get(source.index);
        if (!list) byRule.set(source.index, (list = []));
        list.push({ binding, via: source.via });
      }
    }
    this.reachIndex = index;
    return index;
  }
}

function grantOf(binding: RbacBinding, subject: RbacSubject, source: RuleSource): Grant {
  const grant: Grant = { binding, subject, source, clusterWide: binding.kind === 'ClusterRoleBinding' };
  if (binding.kind === 'RoleBinding' && binding.namespace !== undefined) grant.namespace = binding.namespace;
  return grant;
}

const models = new WeakMap<object, RbacModel>();

/**
 * The RBAC model of a set rule's ResourceSet (the rule declares RBAC_KINDS),
 * built once and shared by every rule of the run that asks for it.
 */
export function rbacModelOf(set: { ofKind(kind: string): readonly Resource[] }): RbacModel {
  let model = models.get(set);
  if (!model) {
    model = new RbacModel(RBAC_KINDS.flatMap((kind) => set.ofKind(kind)));
    models.set(set, model);
  }
  return model;
}
