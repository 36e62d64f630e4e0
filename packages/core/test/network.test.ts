// @requires ../shared (some cases): the cases that read ../shared run only when it is there (test/support/corpus.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Linter,
  NetworkModel,
  allowAllRules,
  definePlugin,
  defineRule,
  isAllAddresses,
  isolatesNamespace,
  type NetworkPolicyInfo,
  type ResourceSummary,
} from '../src/index.js';
import { cidrContains, isDefaultDeny } from '../src/model/network.js';
import { HAS_CORPUS, corpusPath } from '../../../test/support/corpus.js';

/** Lints YAML with one set rule that captures the network model of the input. */
function modelOf(yaml: string): NetworkModel {
  let model: NetworkModel | undefined;
  const probe = defineRule({
    id: 'network-probe',
    description: 'Captures the network model.',
    remediation: 'None.',
    severity: 'info',
    scope: 'set',
    kinds: ['NetworkPolicy'],
    check(set) {
      model = new NetworkModel(set);
    },
  });
  const linter = new Linter({ plugins: [definePlugin({ name: 'probe', rules: [probe], frameworks: [] })] });
  const result = linter.lintText(yaml, 'test.yaml');
  expect(result.findings.filter((f) => f.ruleId !== 'network-probe')).toEqual([]);
  if (!model) throw new Error('the probe did not run');
  return model;
}

const policy = (name: string, spec: string, namespace = 'shop') => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace} }
spec: ${spec}
`;

const deployment = (name: string, labels: string, namespace: string | null = 'shop') => `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}${namespace === null ? '' : `, namespace: ${namespace}`} }
spec:
  selector: { matchLabels: ${labels} }
  template:
    metadata: { labels: ${labels} }
    spec: { containers: [{ name: app, image: app:1 }] }
`;

function only(model: NetworkModel): NetworkPolicyInfo {
  expect(model.policies).toHaveLength(1);
  return model.policies[0] as NetworkPolicyInfo;
}

function workload(model: NetworkModel, name: string): ResourceSummary {
  const found = model.workloads().find((w) => w.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
}

describe('policyTypes defaulting', () => {
  it('is Ingress when policyTypes is absent and there are no egress rules', () => {
    expect(only(modelOf(policy('p', '{ podSelector: {} }'))).policyTypes).toEqual(['Ingress']);
    expect(only(modelOf(policy('p', '{ podSelector: {}, egress: [] }'))).policyTypes).toEqual(['Ingress']);
  });

  it('adds Egress when policyTypes is absent and egress rules are present', () => {
    const p = only(modelOf(policy('p', '{ podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] }')));
    expect(p.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(p.policyTypesWritten).toBe(false);
  });

  it('keeps written policyTypes as they are', () => {
    const p = only(modelOf(policy('p', '{ podSelector: {}, policyTypes: [Egress], ingress: [{}] }')));
    expect(p.policyTypes).toEqual(['Egress']);
    expect(p.policyTypesWritten).toBe(true);
  });
});

describe('default deny', () => {
  it('recognises a default deny for both directions', () => {
    const p = only(modelOf(policy('deny', '{ podSelector: {}, policyTypes: [Ingress, Egress] }')));
    expect(isDefaultDeny(p, 'Ingress')).toBe(true);
    expect(isDefaultDeny(p, 'Egress')).toBe(true);
  });

  it('a policy without policyTypes denies ingress only', () => {
    const p = only(modelOf(policy('deny', '{ podSelector: {} }')));
    expect(isDefaultDeny(p, 'Ingress')).toBe(true);
    expect(isDefaultDeny(p, 'Egress')).toBe(false);
  });

  it('a missing podSelector selects every pod, as the API server reads it', () => {
    const p = only(modelOf(policy('deny', '{ policyTypes: [Ingress] }')));
    expect(p.selectsAllPods).toBe(true);
    expect(isDefaultDeny(p, 'Ingress')).toBe(true);
  });

  it('a policy selecting some pods is no default deny', () => {
    const p = only(modelOf(policy('p', '{ podSelector: { matchLabels: { app: web } }, policyTypes: [Ingress] }')));
    expect(isDefaultDeny(p, 'Ingress')).toBe(false);
    expect(isolatesNamespace(p, 'Ingress')).toBe(false);
  });

  it('a namespace-wide policy with narrow rules isolates the namespace without being a strict default deny', () => {
    const p = only(modelOf(policy('same-ns', '{ podSelector: {}, policyTypes: [Ingress], ingress: [{ from: [{ podSelector: {} }] }] }')));
    expect(isDefaultDeny(p, 'Ingress')).toBe(false);
    expect(isolatesNamespace(p, 'Ingress')).toBe(true);
  });

  it('a namespace-wide policy that re-opens to any peer does not isolate', () => {
    const p = only(modelOf(policy('open', '{ podSelector: {}, policyTypes: [Ingress], ingress: [{}] }')));
    expect(isolatesNamespace(p, 'Ingress')).toBe(false);
  });
});

describe('allow-all rules', () => {
  const reasons = (spec: string) => allowAllRules(only(modelOf(policy('p', spec)))).map((r) => `${r.direction} ${r.path.join('.')}`);

  it('finds rules without from/to, with an empty list, with an empty peer, or with a prefix-0 block', () => {
    expect(reasons('{ podSelector: {}, ingress: [{}] }')).toEqual(['Ingress spec.ingress.0']);
    expect(reasons('{ podSelector: {}, ingress: [{ from: [] }] }')).toEqual(['Ingress spec.ingress.0']);
    expect(reasons('{ podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { a: b } } }, {}] }] }')).toEqual(['Ingress spec.ingress.0']);
    expect(reasons('{ podSelector: {}, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }] }')).toEqual(['Egress spec.egress.0']);
    expect(reasons('{ podSelector: {}, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: "::/0" } }] }] }')).toEqual(['Egress spec.egress.0']);
  });

  it('does not count narrow peers, cluster-wide pod selectors, or rules of a direction the policy does not isolate', () => {
    expect(reasons('{ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }] }')).toEqual([]);
    expect(reasons('{ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }')).toEqual([]);
    expect(reasons('{ podSelector: {}, policyTypes: [Ingress], egress: [{}] }')).toEqual([]);
  });

  it('classifies a namespaceSelector {} peer as every pod, not every address', () => {
    const p = only(modelOf(policy('p', '{ podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }')));
    expect(p.ingress[0]?.reach).toBe('all-pods');
  });
});

describe('selection', () => {
  const yaml = [
    policy('web', '{ podSelector: { matchLabels: { app: web } } }'),
    policy('unnamed', '{ podSelector: { matchExpressions: [{ key: app, operator: In, values: [api] }] } }', ''),
    deployment('web', '{ app: web }'),
    deployment('web-elsewhere', '{ app: web }', 'other'),
    deployment('api', '{ app: api }', null),
    deployment('db', '{ app: db }'),
  ].join('');

  it('selects pods by podSelector within the same namespace only', () => {
    const model = modelOf(yaml);
    expect(model.policiesSelecting(workload(model, 'web')).map((p) => p.resource.name)).toEqual(['web']);
    expect(model.policiesSelecting(workload(model, 'web-elsewhere'))).toEqual([]);
    expect(model.policiesSelecting(workload(model, 'db'))).toEqual([]);
  });

  it('lets namespace-less policies select namespace-less pods', () => {
    const model = modelOf(yaml);
    expect(model.policiesSelecting(workload(model, 'api')).map((p) => p.resource.name)).toEqual(['unnamed']);
  });

  it.runIf(HAS_CORPUS)('agrees with kube-linter non-isolated-pod on which Deployments no policy selects', () => {
    const file = corpusPath('kube-linter/tests/checks/non-isolated-pod.yml');
    const model = modelOf(readFileSync(file, 'utf8'));
    const isolated = model.workloads().map((w) => [w.name, model.policiesSelecting(w).length > 0]);
    // DeploymentConfig (OpenShift) is not a workload kind of the model.
    expect(isolated).toEqual([
      ['dont-fire', true],
      ['app1', false],
    ]);
  });
});

describe('namespaces', () => {
  it('lists Namespace objects and namespaces named by pod-running objects, with their policies', () => {
    const model = modelOf(
      [
        '---\napiVersion: v1\nkind: Namespace\nmetadata: { name: empty }\n',
        deployment('web', '{ app: web }'),
        '---\napiVersion: v1\nkind: PodTemplate\nmetadata: { name: t, namespace: templates }\ntemplate: { spec: { containers: [{ name: a, image: a:1 }] } }\n',
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: configs }\n',
        policy('deny', '{ podSelector: {} }'),
        '---\napiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: { name: calico, namespace: shop }\nspec: { selector: all() }\n',
        '---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: { name: global }\nspec: { selector: all() }\n',
      ].join(''),
    );
    const namespaces = model.namespaces();
    expect(namespaces.map((n) => n.name)).toEqual(['empty', 'shop']);
    const shop = namespaces[1];
    expect(shop?.object).toBeUndefined();
    expect(shop?.workloads.map((w) => w.name)).toEqual(['web']);
    expect(shop?.policies.map((p) => p.resource.name)).toEqual(['deny']);
    expect(shop?.otherPolicies.map((p) => p.name)).toEqual(['calico']);
    expect(namespaces[0]?.object?.kind).toBe('Namespace');
    expect(model.clusterPolicies.map((p) => p.name)).toEqual(['global']);
    // The Calico NetworkPolicy has the same kind but is not analysed as a Kubernetes one.
    expect(model.policies.map((p) => p.resource.name)).toEqual(['deny']);
  });
});

describe('egress to an address outside the cluster', () => {
  const metadata = (spec: string) => {
    const model = modelOf(policy('p', spec) + deployment('web', '{ app: web }'));
    return model.egressTo(workload(model, 'web'), '169.254.169.254', 80);
  };

  it('is allowed when no policy isolates the pod for egress', () => {
    expect(metadata('{ podSelector: {}, policyTypes: [Ingress] }')).toMatchObject({ allowed: true, isolatedBy: [] });
  });

  it('is blocked by a default deny and by narrow rules', () => {
    expect(metadata('{ podSelector: {}, policyTypes: [Egress] }').allowed).toBe(false);
    expect(metadata('{ podSelector: {}, policyTypes: [Egress], egress: [{ to: [{ namespaceSelector: {} }] }] }').allowed).toBe(false);
    expect(metadata('{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }] }').allowed).toBe(false);
  });

  it('is blocked by an ipBlock except and by port restrictions', () => {
    expect(metadata('{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } }] }] }').allowed).toBe(false);
    expect(
      metadata('{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }], ports: [{ port: 53, protocol: UDP }, { port: 443 }] }] }').allowed,
    ).toBe(false);
    expect(metadata('{ podSelector: {}, egress: [{ ports: [{ port: http }] }] }').allowed).toBe(false);
  });

  it('is allowed by rules that reach the address on port 80', () => {
    expect(metadata('{ podSelector: {}, egress: [{}] }').allowed).toBe(true);
    expect(metadata('{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 169.254.0.0/16 } }] }] }').allowed).toBe(true);
    expect(metadata('{ podSelector: {}, egress: [{ ports: [{ port: 1, endPort: 1024 }] }] }').allowed).toBe(true);
    expect(metadata('{ podSelector: {}, egress: [{ ports: [{ protocol: TCP }] }] }').allowed).toBe(true);
    const verdict = metadata('{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }] }] }');
    expect(verdict.allowed).toBe(true);
    expect(verdict.allowedBy?.rule.path).toEqual(['spec', 'egress', 0]);
  });
});

describe('addresses', () => {
  it('tests IPv4 and IPv6 membership', () => {
    expect(cidrContains('169.254.0.0/16', '169.254.169.254')).toBe(true);
    expect(cidrContains('169.254.169.254/32', '169.254.169.253')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(cidrContains('::/0', '8.8.8.8')).toBe(false);
    expect(cidrContains('fd00:ec2::/32', 'fd00:ec2::254')).toBe(true);
    expect(cidrContains('::ffff:0:0/96', '::ffff:10.0.0.1')).toBe(true);
    expect(cidrContains('10.0.0.0/33', '10.0.0.1')).toBeUndefined();
    expect(cidrContains('not-an-ip/8', '10.0.0.1')).toBeUndefined();
  });

  it('knows prefix-0 blocks', () => {
    expect(isAllAddresses('0.0.0.0/0')).toBe(true);
    expect(isAllAddresses('::/0')).toBe(true);
    expect(isAllAddresses('0.0.0.0/1')).toBe(false);
  });
});
