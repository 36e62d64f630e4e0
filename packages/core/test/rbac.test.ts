import { describe, expect, it } from 'vitest';
import {
  bindingLabel,
  grants,
  podExecRequests,
  RbacModel,
  rbacModelOf,
  rbacSubjects,
  roleLabel,
  subjectLabel,
  type AccessRequest,
  type PolicyRule,
  type Resource,
} from '../src/index.js';
import { loadResources } from './support/resources.js';

const load = (text: string): Resource[] => loadResources('rbac.yaml', text);

const model = (text: string) => new RbacModel(load(text));

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...partial };
}

const req = (verbs: string[], resources: string[], apiGroups: string[] = [''], resourceNames?: string[]): AccessRequest =>
  resourceNames ? { verbs, resources, apiGroups, resourceNames } : { verbs, resources, apiGroups };

/** Who gets a request, as 'Kind name' strings, sorted. */
function whoCan(m: RbacModel, request: AccessRequest): string[] {
  const out = new Set<string>();
  for (const g of m.allGrants()) if (grants(g.source.rule, request)) out.add(`${subjectLabel(g.subject)} ${g.clusterWide ? '*' : (g.namespace ?? '?')}`);
  return [...out].sort();
}

describe('grants: Kubernetes RBAC rule matching', () => {
  const podsGet = rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] });

  it('matches an exact verb, group and resource', () => {
    expect(grants(podsGet, req(['get'], ['pods']))).toBe(true);
    expect(grants(podsGet, req(['list'], ['pods']))).toBe(false);
    expect(grants(podsGet, req(['get'], ['pods'], ['apps']))).toBe(false);
    expect(grants(podsGet, req(['get'], ['secrets']))).toBe(false);
  });

  it('answers whether any requested combination is allowed', () => {
    expect(grants(podsGet, req(['create', 'get'], ['secrets', 'pods'], ['apps', '']))).toBe(true);
  });

  it('treats * as every verb, group and resource, including subresources', () => {
    const all = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(grants(all, req(['escalate'], ['clusterroles'], ['rbac.authorization.k8s.io']))).toBe(true);
    expect(grants(all, req(['create'], ['pods/exec']))).toBe(true);
    expect(grants(rule({ verbs: ['*'], apiGroups: [''], resources: ['pods'] }), req(['deletecollection'], ['pods']))).toBe(true);
  });

  it('keeps subresources apart from their resource', () => {
    expect(grants(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }), req(['create'], ['pods/exec']))).toBe(false);
    expect(grants(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), req(['create'], ['pods']))).toBe(false);
    expect(grants(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), req(['create'], ['pods/exec']))).toBe(true);
  });

  it('reads */subresource as that subresource of every resource', () => {
    const anyExec = rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] });
    expect(grants(anyExec, req(['create'], ['pods/exec']))).toBe(true);
    expect(grants(anyExec, req(['create'], ['pods']))).toBe(false);
    expect(grants(anyExec, req(['create'], ['pods/attach']))).toBe(false);
  });

  it('does not expand a wildcard subresource written after a resource', () => {
    expect(grants(rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/*'] }), req(['get'], ['pods/exec']))).toBe(false);
  });

  it('ignores nonResourceURLs for resource requests', () => {
    expect(grants(rule({ verbs: ['*'], nonResourceURLs: ['*'] }), req(['get'], ['pods']))).toBe(false);
  });

  it('grants nothing with an empty verb or no apiGroups', () => {
    expect(grants(rule({ verbs: [''], apiGroups: ['*'], resources: ['*'] }), req(['get'], ['pods']))).toBe(false);
    expect(grants(rule({ verbs: ['get'], resources: ['pods'] }), req(['get'], ['pods']))).toBe(false);
  });

  it('limits a rule with resourceNames to the named objects', () => {
    const named = rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'] });
    expect(grants(named, req(['get'], ['secrets']))).toBe(false);
    expect(grants(named, req(['get'], ['secrets'], [''], ['tls']))).toBe(true);
    expect(grants(named, req(['get'], ['secrets'], [''], ['other']))).toBe(false);
    expect(grants(podsGet, req(['get'], ['pods'], [''], ['any']))).toBe(true);
  });

  it('compares case-sensitively, as the API server does', () => {
    expect(grants(rule({ verbs: ['GET'], apiGroups: [''], resources: ['Pods'] }), req(['get'], ['pods']))).toBe(false);
  });
});

describe('RbacModel: bindings', () => {
  const roles = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: a }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: b }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]
`;

  it('resolves a RoleBinding to the Role of its own namespace', () => {
    const m = model(`${roles}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb, namespace: a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: User, name: alice }]
`);
    const binding = m.bindings[0];
    expect(binding?.roles.map(roleLabel)).toEqual(['Role/a/reader']);
    expect(whoCan(m, req(['get'], ['secrets']))).toEqual(['User "alice" a']);
    expect(whoCan(m, req(['get'], ['pods']))).toEqual([]);
  });

  it('scopes a RoleBinding to a ClusterRole to the binding namespace', () => {
    const m = model(`${roles}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb, namespace: b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
subjects: [{ kind: Group, name: devs }]
`);
    const [g] = m.grantsOf(m.bindings[0]!);
    expect(g).toMatchObject({ clusterWide: false, namespace: 'b', subject: { kind: 'Group', name: 'devs', index: 0 } });
    expect(roleLabel(g!.source.role)).toBe('ClusterRole/secret-reader');
  });

  it('makes a ClusterRoleBinding cluster-wide and never resolves it to a Role', () => {
    const m = model(`${roles}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: crb }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
subjects: [{ kind: User, name: alice }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: bad }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: User, name: bob }]
`);
    expect(whoCan(m, req(['list'], ['secrets']))).toEqual(['User "alice" *']);
    expect(m.bindings[1]?.roles).toEqual([]);
    expect(bindingLabel(m.bindings[0]!)).toBe('ClusterRoleBinding/crb');
  });

  it('defaults a ServiceAccount subject namespace to the RoleBinding namespace only', () => {
    const [rb, crb] = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb, namespace: ns }
roleRef: { kind: ClusterRole, name: view }
subjects:
  - { kind: ServiceAccount, name: app }
  - { kind: ServiceAccount, name: other, namespace: elsewhere }
  - { kind: User, name: alice }
  - not-a-subject
  - { kind: Group, name: devs }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: crb, namespace: ignored }
roleRef: { kind: ClusterRole, name: view }
subjects: [{ kind: ServiceAccount, name: app }]
`);
    expect(rbacSubjects(rb!)).toEqual([
      { kind: 'ServiceAccount', name: 'app', namespace: 'ns', index: 0 },
      { kind: 'ServiceAccount', name: 'other', namespace: 'elsewhere', index: 1 },
      { kind: 'User', name: 'alice', index: 2 },
      { kind: 'Group', name: 'devs', index: 4 },
    ]);
    expect(rbacSubjects(crb!)).toEqual([{ kind: 'ServiceAccount', name: 'app', index: 0 }]);
    expect(subjectLabel(rbacSubjects(rb!)[0]!)).toBe('ServiceAccount "ns/app"');
  });

  it('matches Roles and RoleBindings written without a namespace to each other', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb }
roleRef: { kind: Role, name: r }
subjects: [{ kind: ServiceAccount, name: app }]
`);
    expect(m.bindings[0]?.roles).toHaveLength(1);
    expect(m.grantsOf(m.bindings[0]!)[0]?.subject).toEqual({ kind: 'ServiceAccount', name: 'app', index: 0 });
  });

  it('ignores objects of other API groups that reuse the RBAC kind names', () => {
    const m = model(`
apiVersion: iam.example.com/v1
kind: Role
metadata: { name: r }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
`);
    expect(m.roles.filter((r) => !r.builtin)).toEqual([]);
  });

  it('reads malformed rules and subjects as granting nothing', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: odd }
rules:
  - { apiGroups: "*", resources: ["*"], verbs: ["*"] }
  - null
  - { apiGroups: [""], resources: [pods, null, 7], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: b }
roleRef: ClusterRole/odd
subjects: { kind: User, name: alice }
`);
    const odd = m.roles.find((r) => r.name === 'odd')!;
    expect(odd.rules).toHaveLength(3);
    expect(grants(odd.rules[0]!, req(['get'], ['pods']))).toBe(false);
    expect(odd.rules[2]?.resources).toEqual(['pods', '7']);
    expect(m.bindings[0]).toMatchObject({ roleRef: { kind: '', name: '' }, subjects: [], roles: [] });
  });

  it('takes every definition of a role that the input holds twice', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r, namespace: ns1 }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r, namespace: ns1 }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb, namespace: ns1 }
roleRef: { kind: Role, name: r }
subjects: [{ kind: User, name: u }]
`);
    expect(m.bindings[0]?.roles).toHaveLength(2);
    expect(whoCan(m, req(['get'], ['secrets']))).toEqual(['User "u" ns1']);
  });
});

describe('RbacModel: aggregated ClusterRoles', () => {
  const text = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: top }
aggregationRule:
  clusterRoleSelectors: [{ matchLabels: { agg: top } }]
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: middle, labels: { agg: top } }
aggregationRule:
  clusterRoleSelectors: [{ matchExpressions: [{ key: tier, operator: In, values: [low] }] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: leaf, labels: { tier: low } }
rules:
  - { apiGroups: [""], resources: ["pods"], verbs: ["get"] }
  - { apiGroups: [""], resources: ["secrets"], verbs: ["watch"] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: direct, labels: { agg: top } }
rules: [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: unrelated, labels: { tier: high } }
rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: b }
roleRef: { kind: ClusterRole, name: top }
subjects: [{ kind: Group, name: ops }]
`;

  it('grants the rules of every matching ClusterRole, transitively, and not its own', () => {
    const m = model(text);
    const top = m.findRoles('ClusterRole', 'top')[0]!;
    const sources = m.rulesOf(top).map((s) => `${s.role.name}[${s.index}] via ${s.via.map((r) => r.name).join('>')}`);
    expect(sources.sort()).toEqual(['direct[0] via top', 'leaf[0] via top>middle', 'leaf[1] via top>middle']);
    expect(whoCan(m, req(['watch'], ['secrets']))).toEqual(['Group "ops" *']);
    expect(whoCan(m, req(['get'], ['configmaps']))).toEqual([]);
    expect(whoCan(m, req(['delete'], ['pods']))).toEqual([]);
  });

  it('says who gets one rule of a role, and through which bindings and aggregators', () => {
    const m = model(text);
    const leaf = m.findRoles('ClusterRole', 'leaf')[0]!;
    const [g] = m.grantsOfRule(leaf, 1);
    expect(g?.source.via.map((r) => r.name)).toEqual(['top', 'middle']);
    expect(g?.subject.name).toBe('ops');
    expect(m.bindingsOf(leaf).map(bindingLabel)).toEqual(['ClusterRoleBinding/b']);
    expect(
      m
        .aggregatorsOf(leaf)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['middle', 'top']);
    expect(m.grantsOfRule(m.findRoles('ClusterRole', 'unrelated')[0]!, 0)).toEqual([]);
  });

  it('stops at aggregation cycles', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: a, labels: { x: a } }
aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: b } }] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: b, labels: { x: b } }
aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: a } }, { matchLabels: { x: c } }] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: c, labels: { x: c } }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
`);
    expect(m.rulesOf(m.findRoles('ClusterRole', 'a')[0]!).map((s) => s.role.name)).toEqual(['c']);
  });

  it('feeds aggregate-to labels into the built-in admin, edit and view roles', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels: { rbac.authorization.k8s.io/aggregate-to-view: "true" }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: admins, namespace: team }
roleRef: { kind: ClusterRole, name: admin }
subjects: [{ kind: User, name: alice }]
`);
    expect(whoCan(m, req(['list'], ['secrets']))).toEqual(['User "alice" team']);
    const view = m.findRoles('ClusterRole', 'widgets-view')[0]!;
    expect(
      m
        .aggregatorsOf(view)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['admin', 'edit', 'view']);
    expect(m.grantsOfRule(view, 0)[0]?.source.via.map((r) => r.name)).toEqual(['admin', 'edit', 'view']);
  });
});

describe('RbacModel: built-in roles', () => {
  it('knows that cluster-admin grants everything', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: root }
roleRef: { kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: ci, namespace: tools }]
`);
    expect(m.bindings[0]?.roles.map((r) => [r.name, r.builtin, r.resource])).toEqual([['cluster-admin', true, undefined]]);
    expect(whoCan(m, req(['impersonate'], ['users']))).toEqual(['ServiceAccount "tools/ci" *']);
  });

  it('grants nothing through another role the input does not define', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: nodes }
roleRef: { kind: ClusterRole, name: "system:node" }
subjects: [{ kind: Group, name: "system:nodes" }]
`);
    expect(m.bindings[0]?.roles).toEqual([]);
    expect([...m.allGrants()]).toEqual([]);
  });

  it('uses the input definition of a built-in name instead of the built-in', () => {
    const m = model(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: cluster-admin }
rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: b }
roleRef: { kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: User, name: u }]
`);
    expect(m.roles.filter((r) => r.name === 'cluster-admin').map((r) => r.builtin)).toEqual([false]);
    expect(whoCan(m, req(['get'], ['secrets']))).toEqual([]);
  });
});

describe('rbacModelOf', () => {
  it('builds one model per resource set and maps manifests back to it', () => {
    const resources = load(`
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r, namespace: ns1 }
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: rb, namespace: ns1 }
roleRef: { kind: Role, name: r }
`);
    const set = { ofKind: (kind: string) => resources.filter((r) => r.kind === kind) };
    const m = rbacModelOf(set);
    expect(rbacModelOf(set)).toBe(m);
    expect(rbacModelOf({ ofKind: set.ofKind })).not.toBe(m);
    expect(m.roleOf(resources[0]!)?.name).toBe('r');
    expect(m.bindingOf(resources[1]!)?.name).toBe('rb');
    expect(m.roleOf(resources[1]!)).toBeUndefined();
  });
});

describe('podExecRequests', () => {
  const execRule: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods/exec'], resourceNames: [], nonResourceURLs: [] };
  it('before 1.35 a get on pods/exec is enough for a WebSocket client', () => {
    const requests = podExecRequests({ major: 1, minor: 34 });
    expect(requests.map((r) => [r.verbs, r.websocketOnly === true])).toEqual([
      [['create'], false],
      [['get'], true],
    ]);
    expect(requests.some((r) => grants(execRule, r))).toBe(true);
  });
  it('from 1.35 only create on pods/exec or pods/attach lets a subject in', () => {
    const requests = podExecRequests({ major: 1, minor: 35 });
    expect(requests).toEqual([{ verbs: ['create'], apiGroups: [''], resources: ['pods/exec', 'pods/attach'] }]);
    expect(requests.some((r) => grants(execRule, r))).toBe(false);
  });
});
