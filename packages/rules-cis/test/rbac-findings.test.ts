import { describe, expect, it } from 'vitest';
import { Linter, type Finding } from '@kubecomply/core';
import plugin from '../src/index.js';

/** What the fixtures cannot show: severities, messages and related locations of the RBAC findings. */
function lint(text: string, rules: string[]): Finding[] {
  return new Linter({ plugins: [plugin], rules }).lintText(text, 'rbac.yaml').findings;
}

const ROLE = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
rules:
  - apiGroups: ["*"]
    resources: ["secrets", "configmaps"]
    verbs: ["get", "list"]
`;

const binding = (kind: string, name: string, subjects: string, namespace?: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ''} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
subjects: ${subjects}
`;

describe('RBAC permission findings', () => {
  it('sit on the rule, name every subject and point at each subject entry', () => {
    const [finding, ...rest] = lint(
      ROLE +
        binding('ClusterRoleBinding', 'ops', '[{ kind: Group, name: ops }, { kind: User, name: amy }]') +
        binding('RoleBinding', 'app', '[{ kind: ServiceAccount, name: app }]', 'shop'),
      ['rbac-secrets-read'],
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', path: ['rules', 0, 'verbs'], range: { start: { line: 8 } } });
    expect(finding?.message).toContain('ClusterRole/reader rules[0] grants get/list on secrets');
    expect(finding?.message).toContain('ServiceAccount "shop/app" (RoleBinding/shop/app, in namespace shop)');
    expect(finding?.message).toContain('Group "ops" (ClusterRoleBinding/ops, cluster-wide)');
    expect(finding?.related?.map((r) => [r.resource?.name, r.path, r.range.start.line])).toEqual([
      ['app', ['subjects', 0], 20],
      ['ops', ['subjects', 0], 14],
      ['ops', ['subjects', 1], 14],
    ]);
  });

  it('name the first three subjects and count the rest', () => {
    const subjects = `[${['a', 'b', 'c', 'd', 'e'].map((u) => `{ kind: User, name: ${u} }`).join(', ')}]`;
    const [finding] = lint(ROLE + binding('ClusterRoleBinding', 'many', subjects), ['rbac-secrets-read']);
    expect(finding?.message).toMatch(/User "c" \(ClusterRoleBinding\/many, cluster-wide\) and 2 more subjects \(see related locations\)\.$/);
    expect(finding?.related).toHaveLength(5);
  });

  it('drop one severity step for a rule that no binding of the input grants', () => {
    expect(lint(ROLE, ['rbac-secrets-read']).map((f) => f.severity)).toEqual(['info']);
    expect(lint(ROLE, ['rbac-wildcard']).map((f) => f.severity)).toEqual(['info']);
    const escalate = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: escalator }
rules: [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["escalate"] }]
`;
    expect(lint(escalate, ['rbac-escalate-bind-impersonate']).map((f) => f.severity)).toEqual(['warning']);
  });

  it('keep the severity of a rule aggregated into a built-in ClusterRole', () => {
    const aggregated = ROLE.replace(
      'metadata: { name: reader }',
      'metadata: { name: reader, labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" } }',
    );
    const [finding] = lint(aggregated, ['rbac-secrets-read']);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('aggregated into the built-in ClusterRoles "admin", "edit"');
  });

  it('report a rule once per check, however many permissions and bindings match it', () => {
    const all = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
${binding('ClusterRoleBinding', 'one', '[{ kind: User, name: amy }]')}${binding('ClusterRoleBinding', 'two', '[{ kind: User, name: amy }]')}`;
    const findings = lint(all, ['rbac-create-pods', 'rbac-escalate-bind-impersonate', 'rbac-wildcard']);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['rbac-create-pods', 'rbac-escalate-bind-impersonate', 'rbac-wildcard']);
    const pods = findings.find((f) => f.ruleId === 'rbac-create-pods');
    expect(pods?.message).toContain('grants every verb on pods, deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs, replicationcontrollers');
    expect(findings.find((f) => f.ruleId === 'rbac-wildcard')?.path).toEqual(['rules', 0, 'verbs']);
  });

  it('name only what a RoleBinding can give when the role also names cluster-scoped resources', () => {
    const text = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: reader }
rules: [{ apiGroups: [""], resources: ["users", "serviceaccounts"], verbs: ["impersonate"] }]
${binding('RoleBinding', 'rb', '[{ kind: User, name: amy }]', 'shop')}`;
    const [finding] = lint(text, ['rbac-escalate-bind-impersonate']);
    expect(finding?.message).toContain('grants impersonate on serviceaccounts.');
  });

  it('treat get on pods/exec as exec before Kubernetes 1.35 only', () => {
    const text = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: viewer, namespace: shop }
rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }]
`;
    const at = (minor: number) => new Linter({ plugins: [plugin], rules: ['rbac-pods-exec'], kubeVersion: { major: 1, minor } }).lintText(text).findings;
    expect(at(34)).toHaveLength(1);
    expect(at(35)).toEqual([]);
  });
});

describe('RBAC subject findings', () => {
  it('sit on the subject entry and point at the role the binding grants', () => {
    const [finding] = lint(ROLE + binding('ClusterRoleBinding', 'public', '[{ kind: User, name: amy }, { kind: Group, name: "system:unauthenticated" }]'), [
      'rbac-anonymous-or-all-authenticated',
    ]);
    expect(finding).toMatchObject({ severity: 'error', path: ['subjects', 1] });
    expect(finding?.message).toBe(
      'Group "system:unauthenticated" stands for every request that carries no credentials. ClusterRoleBinding/public grants it ClusterRole "reader" cluster-wide.',
    );
    expect(finding?.related?.map((r) => [r.resource?.kind, r.path, r.range.start.line])).toEqual([['ClusterRole', ['rules'], 5]]);
  });
});
