import { describe, expect, it } from 'vitest';
import { flow, outcome, reachModel, WORLD } from './harness.js';

/**
 * The 41 test cases of ../shared/reference/network-policy.md §6, each with
 * the documentation sentence (or source) it encodes. The policies are
 * evaluated together with the fixture WORLD (harness.ts).
 */

const np = (name: string, ns: string, spec: string) => `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec: ${spec}`;
const calicoNp = (name: string, ns: string, spec: string) => `
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec: ${spec}`;
const gnp = (name: string, spec: string) => `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: ${name} }
spec: ${spec}`;
const tier = (name: string, spec: string) => `
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: ${name} }
spec: ${spec}`;
const anp = (name: string, spec: string) => `
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: ${name} }
spec: ${spec}`;
const banp = (spec: string) => `
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default }
spec: ${spec}`;

const DENY_ALL_A1 = np('deny-a1', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, policyTypes: [Ingress] }');

interface Case {
  n: number;
  cites: string;
  policies: string;
  flows: Record<string, 'ALLOW' | 'DENY' | 'AMBIGUOUS'>;
}

const CASES: Case[] = [
  {
    n: 1,
    cites: 'K-DOC: "By default, a pod is non-isolated for ingress; all inbound connections are allowed."',
    policies: '',
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 2,
    cites: 'K-DEF: an empty policyTypes is defaulted to [Ingress]; with no ingress rules the selected pod accepts nothing',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } } }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    n: 3,
    cites: 'K-DEF: Ingress is always in the defaulted policyTypes, Egress added when egress rules are present',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, egress: [{}] }'),
    flows: { 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 4,
    cites: 'K-DOC: "a pod is isolated for egress if there is any NetworkPolicy that both selects the pod and has Egress in its policyTypes"',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress] }'),
    flows: { 'a2 -> a1:8080': 'DENY', 'a1 -> a2:8080': 'ALLOW' },
  },
  {
    n: 5,
    cites: 'K-DOC: "both the egress policy on the source pod and the ingress policy on the destination pod need to allow the connection"',
    policies:
      np('in', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{}] }') +
      np('out', 'ns-a', '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress] }'),
    flows: { 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 6,
    cites: 'K-DOC: "Network policies do not conflict; they are additive"',
    policies:
      np('deny', 'ns-a', '{ podSelector: {}, policyTypes: [Ingress] }') + np('allow', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{}] }'),
    flows: { '203.0.113.5 -> a1:8080': 'ALLOW' },
  },
  {
    n: 7,
    cites: 'K-TYPES: podSelector alone "selects particular Pods in the same namespace as the NetworkPolicy"',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ podSelector: {} }] }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'b1 -> a1:8080': 'DENY' },
  },
  {
    n: 8,
    cites: 'K-TYPES: namespaceSelector alone selects "all Pods in the Namespaces selected"; it never matches external addresses',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: {} }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW', '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    n: 9,
    cites: 'K-DOC: one from element with namespaceSelector and podSelector "allows connections from Pods with the label ... in namespaces with the label ..."',
    policies: np(
      'p',
      'ns-a',
      '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: b } }, podSelector: { matchLabels: { app: client } } }] }] }',
    ),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 10,
    cites:
      'K-DOC: two elements in the from array "allows connections from Pods in the local Namespace with the label ..., or from any Pod in any namespace with the label ..."',
    policies: np(
      'p',
      'ns-a',
      '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: b } } }, { podSelector: { matchLabels: { app: client } } }] }] }',
    ),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'b2 -> a1:8080': 'ALLOW' },
  },
  {
    n: 11,
    cites: 'K-DEF: a port without protocol defaults to TCP',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ ports: [{ port: 8080 }] }] }'),
    flows: { 'b1 -> a1:8080/UDP': 'DENY', 'b1 -> a1:8080/TCP': 'ALLOW' },
  },
  {
    n: 12,
    cites: 'K-TYPES: "If this field is not provided, this matches all port names and numbers" (protocol given, port omitted)',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ ports: [{ protocol: UDP }] }] }'),
    flows: { 'b1 -> a1:9999/UDP': 'ALLOW', 'b1 -> a1:8080/TCP': 'DENY' },
  },
  {
    n: 13,
    cites: 'K-DOC: endPort "indicates that the range of ports from port to endPort if set, inclusive, should be allowed"',
    policies: np(
      'p',
      'ns-a',
      '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 203.0.113.0/24 } }], ports: [{ port: 32000, endPort: 32768 }] }] }',
    ),
    flows: { 'a2 -> 203.0.113.5:32768': 'ALLOW', 'a2 -> 203.0.113.5:32769': 'DENY' },
  },
  {
    n: 14,
    cites: 'K-TYPES: port "can either be a numerical or named port on a pod"',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ ports: [{ port: http }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'b1 -> a1:80': 'DENY' },
  },
  {
    n: 15,
    cites: 'K-E2E "should allow egress access on one named port"; C-SCAN: a named port resolves only on endpoints that declare it',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress], egress: [{ ports: [{ port: http }] }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW', 'a2 -> b2:8080': 'DENY', 'a2 -> 203.0.113.5:8080': 'DENY' },
  },
  {
    n: 16,
    cites: 'K-DOC: except "are CIDRs that should not be included within an IPBlock"',
    policies: np(
      'p',
      'ns-a',
      '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }] }] }',
    ),
    flows: { 'a2 -> 10.1.2.3:443': 'DENY', 'a2 -> 10.2.0.1:443': 'ALLOW' },
  },
  {
    n: 17,
    cites: 'K-E2E "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed" when another policy allows it',
    policies:
      np(
        'p',
        'ns-a',
        '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }] }] }',
      ) + np('q', 'ns-a', '{ podSelector: { matchLabels: { app: client } }, policyTypes: [Egress], egress: [{ to: [{ ipBlock: { cidr: 10.1.2.3/32 } }] }] }'),
    flows: { 'a2 -> 10.1.2.3:443': 'ALLOW' },
  },
  {
    n: 18,
    cites: 'C-CONV k8sPeerToCalicoFields: ipBlock becomes nets, matched on the packet address, so a pod address matches (Calico)',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ ipBlock: { cidr: 10.0.1.5/32 } }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'b2 -> a1:8080': 'DENY' },
  },
  {
    n: 19,
    cites: 'K-DOC: an Ingress-only policy leaves egress (and the replies to it) alone',
    policies: DENY_ALL_A1,
    flows: { 'a1 -> 203.0.113.5:443': 'ALLOW' },
  },
  {
    n: 20,
    cites: 'K-TYPES Ingress: "traffic is allowed ... if it originates from the pod\'s local node"',
    policies: DENY_ALL_A1,
    flows: { 'node -> a1:8080': 'ALLOW' },
  },
  {
    n: 21,
    cites: 'K-DOC: "a pod cannot block access to itself"',
    policies: np('p', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, policyTypes: [Ingress, Egress] }'),
    flows: { 'a1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 22,
    cites: 'C-CONV IsValidCalicoWorkloadEndpoint: host-network pods are not endpoints; their traffic carries the node address',
    policies: np(
      'p',
      'ns-a',
      '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: client } } }] }] }',
    ),
    flows: { 'h1 -> a1:8080': 'DENY', 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 23,
    cites: 'C-CONV: a Kubernetes NetworkPolicy runs in the default tier at order 1000, so a Calico policy of order 100 comes first',
    policies:
      gnp(
        'deny-clients',
        '{ order: 100, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny, source: { selector: "app == \'client\'" } }] }',
      ) + np('allow', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: client } } }] }] }'),
    flows: { 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 24,
    cites: 'C-CHAIN: a policy whose rules do not match gives no verdict; the next policy of the tier is tried',
    policies:
      DENY_ALL_A1 + calicoNp('allow-a2', 'ns-a', '{ selector: "app == \'web\'", ingress: [{ action: Allow, source: { selector: "app == \'client\'" } }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW' },
  },
  {
    n: 25,
    cites: 'C-TIER: "If no policy in the tier matches ... the packet is dropped" at the end of a tier that applies',
    policies:
      tier('security', '{ order: 100 }') +
      gnp(
        'security.block-b',
        '{ tier: security, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny, source: { namespaceSelector: "team == \'b\'" } }] }',
      ),
    flows: { 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 26,
    cites:
      'C-TIER defaultAction: "Pass" sends unmatched traffic to the next tier; the default tier is skipped (no policy selects a1) and the kns profile allows',
    policies:
      tier('security', '{ order: 100, defaultAction: Pass }') +
      gnp(
        'security.block-b',
        '{ tier: security, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Deny, source: { namespaceSelector: "team == \'b\'" } }] }',
      ),
    flows: { 'a2 -> a1:8080': 'ALLOW' },
  },
  {
    n: 27,
    cites: 'C-TIERED "Policy endpoint matching across tiers": a tier with no policy selecting the endpoint is skipped, end-of-tier drop included',
    policies:
      tier('security', '{ order: 100 }') + gnp('security.db', '{ tier: security, selector: "app == \'db\'", types: [Ingress], ingress: [{ action: Deny }] }'),
    flows: { 'a2 -> a1:8080': 'ALLOW' },
  },
  {
    n: 28,
    cites: 'C-TIER: "Pass ... skips the rest of the tier and goes to the next tier"',
    policies:
      tier('security', '{ order: 100 }') +
      gnp('security.pass', '{ tier: security, selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Pass }] }') +
      DENY_ALL_A1,
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    n: 29,
    cites: 'C-NP types table: a policy with egress rules only defaults to types [Egress]',
    policies: gnp('egress-only', '{ selector: "app == \'web\'", egress: [{ action: Allow }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 30,
    cites: 'C-ENT: selector "!has(x)" matches only known objects; notSelector has(x) matches everything, external traffic included, except objects labelled x',
    policies: calicoNp('sel', 'ns-a', "{ selector: \"app == 'web'\", types: [Ingress], ingress: [{ action: Allow, source: { selector: '!has(app)' } }] }"),
    flows: { '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    n: 30.5,
    cites: 'C-ENT: notSelector has(app) (the second half of case 30)',
    policies: calicoNp('notsel', 'ns-a', '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { notSelector: has(app) } }] }'),
    flows: { '203.0.113.5 -> a1:8080': 'ALLOW', 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 31,
    cites: 'C-SCOPE: a NetworkPolicy rule selector sees its own namespace; GlobalNetworkSets only through namespaceSelector global()',
    policies:
      `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: { name: partners, labels: { role: partner } }
spec: { nets: [203.0.113.0/24] }` +
      calicoNp(
        'partners',
        'ns-a',
        '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { selector: "role == \'partner\'" } }] }',
      ),
    flows: { '203.0.113.5 -> a1:8080': 'DENY' },
  },
  {
    n: 31.5,
    cites: 'C-SCOPE: global() in namespaceSelector matches non-namespaced objects such as GlobalNetworkSets (second half of case 31)',
    policies:
      `
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: { name: partners, labels: { role: partner } }
spec: { nets: [203.0.113.0/24] }` +
      calicoNp(
        'partners',
        'ns-a',
        '{ selector: "app == \'web\'", types: [Ingress], ingress: [{ action: Allow, source: { selector: "role == \'partner\'", namespaceSelector: global() } }] }',
      ),
    flows: { '203.0.113.5 -> a1:8080': 'ALLOW', '198.51.100.1 -> a1:8080': 'DENY' },
  },
  {
    n: 32,
    cites: 'C-STAGED: staged policies "do not enforce"',
    policies: `
---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: { name: staged, namespace: ns-a }
spec: { selector: "app == 'web'", types: [Ingress] }`,
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 33,
    cites: 'ANP-T: ANP Deny "takes precedence over any NetworkPolicy"',
    policies:
      anp(
        'deny-b',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Deny, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) + np('allow-b', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: b } } }] }] }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    n: 34,
    cites: 'ANP-T: Allow "indicates that the specified traffic should be allowed ... regardless of other policies"',
    policies:
      anp(
        'allow-b',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Allow, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) + DENY_ALL_A1,
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 35,
    cites: 'ANP-T Pass: "skip all remaining AdminNetworkPolicy rules and defer to NetworkPolicies, then BaselineAdminNetworkPolicy" (a: no NP -> BANP denies)',
    policies:
      anp(
        'pass-b',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Pass, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) + banp('{ subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ namespaces: {} }] }] }'),
    flows: { 'b1 -> a1:8080': 'DENY' },
  },
  {
    n: 35.2,
    cites: 'ANP-T Pass (b): a NetworkPolicy allowing ns-b decides before the baseline',
    policies:
      anp(
        'pass-b',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Pass, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) +
      banp('{ subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ namespaces: {} }] }] }') +
      np('allow-b', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: b } } }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 35.3,
    cites: 'PA Resolve: a NetworkPolicy that selects the pod but does not match denies; the baseline is not consulted (c)',
    policies:
      anp(
        'pass-b',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Pass, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) +
      banp('{ subject: { namespaces: {} }, ingress: [{ action: Allow, from: [{ namespaces: {} }] }] }') +
      np('allow-a', 'ns-a', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: a } } }] }] }'),
    flows: { 'b1 -> a1:8080': 'DENY', 'a2 -> a1:8080': 'ALLOW' },
  },
  {
    n: 36,
    cites: 'ANP-T Priority: "The lower the value, the higher the precedence"',
    policies:
      anp(
        'p5',
        '{ priority: 5, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Allow, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) +
      anp(
        'p10',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Deny, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
  {
    n: 37,
    cites: 'ANP-T Priority: with two policies of the same priority that match, the outcome is undefined',
    policies:
      anp(
        'a-allow',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Allow, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ) +
      anp(
        'b-deny',
        '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Deny, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
      ),
    flows: { 'b1 -> a1:8080': 'AMBIGUOUS' },
  },
  {
    n: 38,
    cites: 'ANP-T networks: "may also include Pod IPs"; 0.0.0.0/0 therefore covers pods',
    policies: anp(
      'no-egress',
      "{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, egress: [{ action: Deny, to: [{ networks: ['0.0.0.0/0'] }] }] }",
    ),
    flows: { 'a2 -> b1:8080': 'DENY' },
  },
  {
    n: 39,
    cites: 'ANP-DOC: a direction without rules is not affected (no implicit isolation)',
    policies: anp(
      'ingress-only',
      '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Deny, from: [{ namespaces: { matchLabels: { team: b } } }] }] }',
    ),
    flows: { 'a2 -> 203.0.113.5:443': 'ALLOW' },
  },
  {
    n: 40,
    cites: 'ANP-T: rules are evaluated in order; the first match decides',
    policies: anp(
      'ordered',
      '{ priority: 10, subject: { namespaces: { matchLabels: { team: a } } }, ingress: [{ action: Allow, from: [{ namespaces: { matchLabels: { team: b } } }] }, { action: Deny, from: [{ namespaces: {} }] }] }',
    ),
    flows: { 'b1 -> a1:8080': 'ALLOW', 'a2 -> a1:8080': 'DENY' },
  },
  {
    n: 41,
    cites: 'ANP-DOC Actions: traffic passed with no NetworkPolicy or baseline to decide gets the implementation default (allow)',
    policies: anp('pass-all', '{ priority: 10, subject: { namespaces: {} }, ingress: [{ action: Pass, from: [{ namespaces: {} }] }] }'),
    flows: { 'b1 -> a1:8080': 'ALLOW' },
  },
];

describe('reference test cases (network-policy.md §6)', () => {
  it('covers every case from 1 to 41', () => {
    const numbers = new Set(CASES.map((c) => Math.floor(c.n)));
    for (let n = 1; n <= 41; n++) expect(numbers.has(n), `case ${n}`).toBe(true);
  });

  for (const c of CASES) {
    describe(`case ${c.n}: ${c.cites}`, () => {
      const model = reachModel(WORLD + c.policies);
      for (const [text, expected] of Object.entries(c.flows)) {
        it(`${text} is ${expected}`, () => {
          expect(outcome(flow(model, text))).toBe(expected);
        });
      }
    });
  }
});
