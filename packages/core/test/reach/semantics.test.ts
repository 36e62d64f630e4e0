import { describe, expect, it } from 'vitest';
import { flow, outcome, reachModel, WORLD } from './harness.js';

/**
 * Table-driven semantics beyond the reference's 41 cases: Calico order and
 * ties, Deny before Allow, tiers, GlobalNetworkPolicy scoping, service
 * account selectors, nets and notNets, and the policy.networking.k8s.io
 * kinds. Each row cites the documentation sentence it encodes.
 */

const doc = (apiVersion: string, kind: string, meta: string, spec: string) => `
---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: ${meta}
spec: ${spec}`;
const np = (name: string, ns: string, spec: string) => doc('networking.k8s.io/v1', 'NetworkPolicy', `{ name: ${name}, namespace: ${ns} }`, spec);
const cnp = (name: string, ns: string, spec: string) => doc('projectcalico.org/v3', 'NetworkPolicy', `{ name: ${name}, namespace: ${ns} }`, spec);
const gnp = (name: string, spec: string) => doc('projectcalico.org/v3', 'GlobalNetworkPolicy', `{ name: ${name} }`, spec);
const tier = (name: string, spec: string) => doc('projectcalico.org/v3', 'Tier', `{ name: ${name} }`, spec);
const cnpv2 = (name: string, spec: string) => doc('policy.networking.k8s.io/v1alpha2', 'ClusterNetworkPolicy', `{ name: ${name} }`, spec);
const banp = (name: string, spec: string) => doc('policy.networking.k8s.io/v1alpha1', 'BaselineAdminNetworkPolicy', `{ name: ${name} }`, spec);

interface Row {
  name: string;
  cites: string;
  policies: string;
  extra?: string;
  flows: Record<string, 'ALLOW' | 'DENY' | 'AMBIGUOUS'>;
}

const ROWS: Row[] = [
  {
    name: 'order: the lower order runs first',
    cites: 'C-NP order: "Policies with lower order values are applied first"',
    policies:
      gnp('b-allow', '{ order: 10, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow }] }') +
      gnp('a-deny', '{ order: 20, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'order: a policy without order runs after every ordered one',
    cites: 'C-NP order: "If the order is omitted, it may be considered to be infinite"',
    policies:
      gnp('a-unordered-deny', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }') +
      gnp('z-allow', '{ order: 5000, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'order: ties are broken by name',
    cites: 'C-SORT PolKVLess: equal orders sort by name',
    policies:
      gnp('b-allow', '{ order: 10, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow }] }') +
      gnp('a-deny', '{ order: 10, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    name: 'Deny before Allow in one policy',
    cites: 'C-RULE: rules are processed in order; Deny "the packet is dropped" ends the evaluation',
    policies: gnp(
      'ordered',
      '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny, source: { selector: "app == \'client\'" } }, { action: Allow }] }',
    ),
    flows: { 'b1 -> a1:8080': 'DENY', 'b2 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'Log goes on to the next rule',
    cites: 'C-RULE Log: "Log the packet and continue processing the next rule"',
    policies: gnp('logged', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Log }, { action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    name: 'a Kubernetes allow at order 1000 beats an unordered Calico deny',
    cites: 'C-CONV: Kubernetes NetworkPolicies run at order 1000 of the default tier',
    policies:
      np('allow', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{}] }') +
      gnp('deny', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'the end-of-tier deny applies only to endpoints a policy of the tier selects',
    cites: 'C-TIERED: "If no policies in the tier apply to endpoints, the tier is skipped"',
    policies:
      tier('security', '{ order: 100 }') +
      gnp(
        'security.web',
        '{ tier: security, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { selector: "app == \'client\'" } }] }',
      ),
    flows: { 'b2 -> a1:8080': 'DENY', 'a1 -> b2:8080': 'ALLOW', 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'the end-of-tier deny applies per direction',
    cites: 'C-CHAIN: tiers apply per direction (IngressPolicies/EgressPolicies)',
    policies:
      tier('security', '{ order: 100 }') + gnp('security.in', '{ tier: security, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'a1 -> b2:8080': 'ALLOW', 'b2 -> a1:8080': 'DENY' },
  },
  {
    name: 'tiers run by order',
    cites: 'C-TIER order: "Tiers are ordered ... lower order first"',
    policies:
      tier('late', '{ order: 200 }') +
      tier('early', '{ order: 100 }') +
      gnp('late.allow', '{ tier: late, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow }] }') +
      gnp('early.deny', '{ tier: early, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    name: 'Pass in a tier goes to the next tier that applies',
    cites: 'C-TIER Pass: "the next tier ... is evaluated"',
    policies:
      tier('first', '{ order: 100 }') +
      tier('second', '{ order: 200 }') +
      gnp(
        'first.pass',
        '{ tier: first, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Pass, source: { selector: "app == \'client\'" } }] }',
      ) +
      gnp('second.deny', '{ tier: second, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'DENY', 'b2 -> a1:8080': 'DENY' },
  },
  {
    name: 'GlobalNetworkPolicy namespaceSelector narrows the selected pods',
    cites: 'C-GNP namespaceSelector: "Selects the namespace(s) to which this policy applies", ANDed with selector',
    policies: gnp('only-b', '{ namespaceSelector: "team == \'b\'", types: [Ingress] }'),
    flows: { 'a1 -> b2:8080': 'DENY', 'b2 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'namespaceSelector matches the namespace by name through projectcalico.org/name',
    cites: 'C-GNP: "projectcalico.org/name" selects a namespace by name',
    policies: gnp('by-name', '{ namespaceSelector: "projectcalico.org/name == \'ns-a\'", types: [Ingress] }'),
    flows: { 'b1 -> a1:8080': 'DENY', 'a1 -> b2:8080': 'ALLOW' },
  },
  {
    name: 'serviceAccountSelector selects pods by their service account labels',
    cites: 'C-NP serviceAccountSelector: "Selects the service account(s) ... to which this policy applies"',
    extra: `
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: payments, namespace: ns-b, labels: { pci: "true" } }
---
apiVersion: v1
kind: Pod
metadata: { name: b3, namespace: ns-b, labels: { app: db } }
spec: { serviceAccountName: payments, containers: [{ name: db, image: db:1 }] }`,
    policies: gnp('pci-sa', '{ serviceAccountSelector: "pci == \'true\'", types: [Ingress] }'),
    flows: { 'a1 -> b3:5432': 'DENY', 'a1 -> b2:5432': 'ALLOW' },
  },
  {
    name: 'a rule source serviceAccounts names',
    cites: 'C-ENT serviceAccounts.names: "Match service accounts in this list"',
    policies: gnp(
      'sa-source',
      '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { serviceAccounts: { names: [default] } } }] }',
    ),
    flows: { 'b1 -> a1:8080': 'ALLOW', '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    name: 'nets matches addresses in the blocks',
    cites: 'C-ENT nets: "Match packets with IP in any of the listed CIDRs"',
    policies: gnp('nets', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { nets: [203.0.113.0/24] } }] }'),
    flows: { '203.0.113.5 -> a1:8080': 'ALLOW', '198.51.100.7 -> a1:8080': 'DENY' },
  },
  {
    name: 'notNets matches addresses outside the blocks, external traffic included',
    cites: 'C-ENT notNets: "Match packets with IP not in any of the listed CIDRs"',
    policies: gnp('not-nets', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { notNets: [203.0.113.0/24] } }] }'),
    flows: { '203.0.113.5 -> a1:8080': 'DENY', '198.51.100.7 -> a1:8080': 'ALLOW', 'b2 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'ports and notPorts on the destination, with a range',
    cites: 'C-PORTS: a port is a number, a range "6040:6050" (inclusive) or a named port',
    policies: gnp(
      'ports',
      "{ selector: \"app == 'web'\", types: [Ingress], ingress: [{ action: Allow, protocol: TCP, destination: { ports: ['8000:8090'], notPorts: [8081] } }] }",
    ),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'b1 -> a1:8081': 'DENY', 'b1 -> a1:8090': 'ALLOW', 'b1 -> a1:8091': 'DENY', 'b1 -> a1:8080/UDP': 'DENY' },
  },
  {
    name: 'a named destination port resolves on the destination pod',
    cites: 'C-PORTS: a named port "matches the ports of endpoints that have that name"',
    policies: gnp('named', '{ selector: "app == \'client\'", types: [Egress], egress: [{ action: Allow, destination: { ports: [http] } }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'a2 -> b2:8080': 'DENY' },
  },
  {
    name: 'protocol and notProtocol',
    cites: 'C-RULE protocol / notProtocol: "Positive/negative protocol match"',
    policies: gnp('udp', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, notProtocol: TCP }] }'),
    flows: { 'b1 -> a1:53/UDP': 'ALLOW', 'b1 -> a1:53/TCP': 'DENY' },
  },
  {
    name: 'a NetworkPolicy rule selector is limited to its own namespace',
    cites: 'C-SCOPE: in a NetworkPolicy, a rule selector "selects endpoints in the same namespace"',
    policies: cnp('own-ns', 'ns-a', '{ selector: all(), types: [Ingress], ingress: [{ action: Allow, source: { selector: "app == \'client\'" } }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'b1 -> a1:8080': 'DENY' },
  },
  {
    name: 'a rule namespaceSelector all() reaches every namespace',
    cites: 'C-SCOPE: all() in namespaceSelector "selects all namespaces"',
    policies: cnp(
      'any-ns',
      'ns-a',
      '{ selector: all(), types: [Ingress], ingress: [{ action: Allow, source: { selector: "app == \'client\'", namespaceSelector: all() } }] }',
    ),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'b1 -> a1:8080': 'ALLOW', 'b2 -> a1:8080': 'DENY' },
  },
  {
    name: 'a namespaced NetworkSet matches through a NetworkPolicy rule of its namespace',
    cites: 'C-SETS NetworkSet: matched by "network policy rules in the same namespace"',
    extra: doc('projectcalico.org/v3', 'NetworkSet', '{ name: office, namespace: ns-a, labels: { role: office } }', '{ nets: [198.51.100.0/24] }'),
    policies: cnp('office', 'ns-a', '{ selector: all(), types: [Ingress], ingress: [{ action: Allow, source: { selector: "role == \'office\'" } }] }'),
    flows: { '198.51.100.9 -> a1:8080': 'ALLOW', '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    name: 'a Calico allow-all with selector all() leaves every pod of the namespace open',
    cites: 'C-NP: selector all() selects every endpoint of the namespace; a rule with no source matches every packet',
    policies: cnp('allow-all', 'ns-a', '{ selector: all(), types: [Ingress, Egress], ingress: [{ action: Allow }], egress: [{ action: Allow }] }'),
    flows: { '203.0.113.5 -> a1:8080': 'ALLOW', 'a2 -> 203.0.113.5:443': 'ALLOW' },
  },
  {
    name: 'a Deny-all GlobalNetworkPolicy closes every pod in both directions',
    cites: 'C-GNP: selector defaults to all(); a Deny rule with no match criteria drops every packet',
    policies: gnp('deny-all', '{ types: [Ingress, Egress], ingress: [{ action: Deny }], egress: [{ action: Deny }] }'),
    flows: { '203.0.113.5 -> a1:8080': 'DENY', 'a2 -> 203.0.113.5:443': 'DENY', 'b1 -> b2:8080': 'DENY' },
  },
  {
    name: 'preDNAT and doNotTrack policies concern host endpoints only',
    cites: 'C-GNP: preDNAT / doNotTrack policies apply to host endpoints; workload endpoints are policed after DNAT and conntrack',
    policies: gnp('host', '{ preDNAT: true, applyOnForward: true, types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'crd.projectcalico.org/v1 without types is read as both directions',
    cites: 'C-SORT ExtractPolicyMetadata: an empty types means ingress and egress when nothing defaulted it',
    policies: doc('crd.projectcalico.org/v1', 'GlobalNetworkPolicy', '{ name: raw }', '{ selector: "app == \'web\'", ingress: [{ action: Allow }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'a1 -> b2:8080': 'DENY' },
  },
  {
    name: 'ClusterNetworkPolicy Admin tier: Accept wins over a NetworkPolicy deny',
    cites: 'NPA-MAIN: ClusterNetworkPolicy tier Admin "Accept" is final, before NetworkPolicies',
    policies:
      cnpv2(
        'accept-b',
        '{ tier: Admin, priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Accept, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) + np('deny', 'ns-a', '{ podSelector: {}, policyTypes: [Ingress] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW', '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    name: 'ClusterNetworkPolicy Pass goes to NetworkPolicy, Baseline after',
    cites: 'NPA-MAIN: Pass in the Admin tier defers to NetworkPolicy; the Baseline tier applies when no NetworkPolicy selects the pod',
    policies:
      cnpv2(
        'pass-b',
        '{ tier: Admin, priority: 10, subject: { namespaces: {} }, ingress: [{ action: Pass, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) +
      cnpv2('baseline', '{ tier: Baseline, priority: 10, subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ namespaces: {} }] }] }') +
      np('allow-b', 'ns-b', '{ podSelector: { matchLabels: { app: db } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: b } } }] }] }'),
    flows: { 'b1 -> a1:8080': 'DENY', 'b1 -> b2:8080': 'ALLOW' },
  },
  {
    name: 'a BaselineAdminNetworkPolicy not named default is rejected',
    cites: 'ANP-T: "BaselineAdminNetworkPolicy is a cluster level resource ... singleton named default"',
    policies: banp('strict', '{ subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ namespaces: {} }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    name: 'an AdminNetworkPolicy peer without a known field fails closed',
    cites: 'ANP-T: an unrecognised peer makes an Allow rule match nothing and a Deny rule deny all',
    policies: doc(
      'policy.networking.k8s.io/v1alpha1',
      'AdminNetworkPolicy',
      '{ name: odd }',
      '{ priority: 1, subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ somethingNew: {} }] }] }',
    ),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    name: 'AdminNetworkPolicy ports: portNumber and portRange',
    cites: 'ANP-T AdminNetworkPolicyPort: portNumber, or portRange with an inclusive start and end',
    policies: doc(
      'policy.networking.k8s.io/v1alpha1',
      'AdminNetworkPolicy',
      '{ name: ports }',
      '{ priority: 1, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Deny, from: [{ namespaces: {} }], ports: [{ portNumber: { port: 22 } }, { portRange: { protocol: UDP, start: 5000, end: 5010 } }] }] }',
    ),
    flows: { 'b1 -> a1:22': 'DENY', 'b1 -> a1:8080': 'ALLOW', 'b1 -> a1:5010/UDP': 'DENY', 'b1 -> a1:5011/UDP': 'ALLOW' },
  },
];

describe('Calico and policy.networking.k8s.io semantics', () => {
  for (const row of ROWS) {
    describe(`${row.name} (${row.cites})`, () => {
      const model = reachModel(WORLD + (row.extra ?? '') + row.policies);
      for (const [text, expected] of Object.entries(row.flows)) {
        it(`${text} is ${expected}`, () => expect(outcome(flow(model, text))).toBe(expected));
      }
    });
  }
});
