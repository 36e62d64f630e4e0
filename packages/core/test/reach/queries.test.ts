import { describe, expect, it } from 'vitest';
import { buildReachReport, reachMarkdown, reachText, type PodPeer, type ReachabilityModel, type ReachPath } from '../../src/index.js';
import { reachModel, WORLD } from './harness.js';

/** The model's questions beyond one flow: inbound and outbound paths, namespace isolation, the report. */

function pod(model: ReachabilityModel, name: string): PodPeer {
  const found = model.pods.find((p) => p.workload?.name === name);
  if (!found) throw new Error(`no pod ${name}`);
  return found;
}

function peerName(path: ReachPath): string {
  if (path.peer.kind === 'addresses') return path.peer.everything ? 'any address' : path.peer.cidrs.join(',');
  return path.peer.workload.name;
}

const POLICIES = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web, namespace: ns-a }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { team: b } }, podSelector: { matchLabels: { app: client } } }]
      ports: [{ port: http }]
    - from: [{ ipBlock: { cidr: 198.51.100.0/24, except: [198.51.100.128/25] } }]
      ports: [{ port: 8080 }, { port: 9000, endPort: 9009 }]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: db-egress }
spec:
  selector: app == 'db'
  types: [Egress]
  egress:
    - { action: Allow, protocol: UDP, destination: { ports: [53] } }
    - { action: Deny }
`;

describe('inbound and outbound paths', () => {
  const model = reachModel(WORLD + POLICIES);

  it('lists who may connect to a pod, with exact address ranges and ports, and the rule that allows each', () => {
    const paths = model.inbound(pod(model, 'a1'));
    const names = paths.map(peerName).sort();
    // b1 (team b, app client) through the named port; the /25 left of the ipBlock on 8080 and 9000-9009.
    expect(names).toEqual(['198.51.100.0/25', 'b1']);
    const b1 = paths.find((p) => peerName(p) === 'b1') as ReachPath;
    expect(b1.ports).toEqual([{ protocol: 'TCP', ranges: [[8080, 8080]] }]);
    expect(b1.ingress.rule?.rule.path).toEqual(['spec', 'ingress', 0]);
    expect(b1.egress.reason).toBe('no-policy');
    const block = paths.find((p) => p.peer.kind === 'addresses') as ReachPath;
    expect(block.ports).toEqual([
      {
        protocol: 'TCP',
        ranges: [
          [8080, 8080],
          [9000, 9009],
        ],
      },
    ]);
    expect(block.ingress.rule?.rule.path).toEqual(['spec', 'ingress', 1]);
  });

  it('lists whom a pod may reach: a pod with no policy reaches everything on every port', () => {
    const paths = model.outbound(pod(model, 'a2'));
    const any = paths.filter((p) => p.peer.kind === 'addresses');
    expect(any.map(peerName)).toEqual(['any address', 'any address']);
    expect(any.every((p) => p.allPorts)).toBe(true);
    // a1 only on its named port, and only from b1's namespace: a2 is not allowed in.
    expect(paths.map(peerName)).not.toContain('a1');
    expect(paths.map(peerName)).toContain('b2');
  });

  it('follows a Calico egress policy: only UDP 53, to anything', () => {
    const paths = model.outbound(pod(model, 'b2'));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.ports).toEqual([{ protocol: 'UDP', ranges: [[53, 53]] }]);
    expect(paths.every((p) => p.egress.rule?.policy.label === 'GlobalNetworkPolicy/db-egress')).toBe(true);
  });
});

describe('namespace isolation', () => {
  it('a Calico allow-all is not a default deny, and names its rule', () => {
    const model = reachModel(`${WORLD}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: allow-all, namespace: ns-a }
spec: { selector: all(), types: [Ingress, Egress], ingress: [{ action: Allow }], egress: [{ action: Allow }] }`);
    for (const direction of ['Ingress', 'Egress'] as const) {
      const result = model.isolation('ns-a', direction, false);
      expect(result.isolated).toBe(false);
      expect(result.open?.verdict.rule?.policy.label).toBe('Calico NetworkPolicy/ns-a/allow-all');
    }
  });

  it('a Calico Deny-all GlobalNetworkPolicy is a default deny in every namespace', () => {
    const model = reachModel(`${WORLD}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: deny-all }
spec: { types: [Ingress, Egress], ingress: [{ action: Deny }], egress: [{ action: Deny }] }`);
    for (const ns of ['ns-a', 'ns-b', 'elsewhere']) {
      for (const direction of ['Ingress', 'Egress'] as const) expect(model.isolation(ns, direction, true).isolated, `${ns} ${direction}`).toBe(true);
    }
  });

  it('strict isolation also refuses pods of every namespace (namespaceSelector: {})', () => {
    const model = reachModel(`${WORLD}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: cluster-only, namespace: ns-a }
spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }`);
    expect(model.isolation('ns-a', 'Ingress', false).isolated).toBe(true);
    const strict = model.isolation('ns-a', 'Ingress', true);
    expect(strict.isolated).toBe(false);
    expect(strict.open?.peer.kind).toBe('pod');
  });
});

describe('problems and inventory', () => {
  it('a Calico selector that does not parse is a problem, and its policy selects nothing', () => {
    const model = reachModel(`${WORLD}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: broken }
spec: { selector: "app = web", types: [Ingress] }`);
    expect(model.problems.map((p) => p.path)).toEqual([['spec', 'selector']]);
    expect(model.policiesSelecting(pod(model, 'a1'))).toEqual([]);
  });

  it('Cilium policies are inventoried with the pods they select', () => {
    const model = reachModel(`${WORLD}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: web, namespace: ns-a }
spec: { endpointSelector: { matchLabels: { "k8s:app": web } } }`);
    expect(model.unevaluatedFor(pod(model, 'a1')).map((u) => u.resource.name)).toEqual(['web']);
    expect(model.unevaluatedFor(pod(model, 'a2'))).toEqual([]);
  });
});

describe('the report', () => {
  const model = reachModel(WORLD + POLICIES);
  const report = buildReachReport(model, { description: 'namespace "ns-a"', select: (w) => w.namespace === 'ns-a', mark: (w) => w.name === 'a1' });

  it('has the selected workloads, the peers and one edge per allowed path, with rule locations', () => {
    expect(report.nodes.filter((n) => n.selected).map((n) => n.label)).toEqual(['Pod/ns-a/a1', 'Pod/ns-a/a2']);
    expect(report.nodes.find((n) => n.label === 'Pod/ns-a/a1')?.marked).toBe(true);
    const fromB1 = report.edges.find((e) => e.from === 'Pod/ns-b/b1' && e.to === 'Pod/ns-a/a1');
    expect(fromB1?.ports).toBe('TCP 8080');
    expect(fromB1?.ingress.rule).toEqual({ label: 'NetworkPolicy/ns-a/web spec.ingress[0]', file: 'test.yaml', line: expect.any(Number) });
    expect(fromB1?.egress.reason).toBe('no-policy');
  });

  it('prints as a table and as Markdown with the same rows', () => {
    const text = reachText(report, { color: false });
    const md = reachMarkdown(report);
    expect(text).toContain('Reachability of namespace "ns-a"');
    const lines = text.split('\n');
    const rows = lines.slice(lines.findIndex((l) => l.startsWith('From')) + 1).filter((l) => l !== '' && !l.startsWith('note:'));
    expect(rows).toHaveLength(report.edges.length);
    expect(rows.some((r) => r.startsWith('host-network Pod/ns-b/h1'))).toBe(true);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| From'))).toHaveLength(report.edges.length);
  });
});
