import { expect } from 'vitest';
import { Linter, definePlugin, defineRule, parseCidrRange, ReachabilityModel, REACH_KINDS, type Flow, type FlowVerdict, type Peer } from '../../src/index.js';

/** Lints YAML with one set rule that captures the reachability model of the input. */
export function reachModel(yaml: string): ReachabilityModel {
  let model: ReachabilityModel | undefined;
  const probe = defineRule({
    id: 'reach-probe',
    description: 'Captures the reachability model.',
    remediation: 'None.',
    severity: 'info',
    scope: 'set',
    kinds: REACH_KINDS,
    check(set) {
      model = new ReachabilityModel(set);
    },
  });
  const linter = new Linter({ plugins: [definePlugin({ name: 'probe', rules: [probe], frameworks: [] })] });
  const result = linter.lintText(yaml, 'test.yaml');
  expect(result.findings.filter((f) => f.ruleId !== 'reach-probe')).toEqual([]);
  if (!model) throw new Error('the probe did not run');
  return model;
}

/**
 * The fixture of the reference's test cases (network-policy.md §6):
 * namespaces ns-a (team=a) and ns-b (team=b); pods a1 (ns-a, app=web,
 * port 8080 named http), a2 (ns-a, app=client), b1 (ns-b, app=client,
 * address 10.0.1.5), b2 (ns-b, app=db, port 8080 unnamed); h1 a host-network
 * pod labelled app=client.
 */
export const WORLD = `
apiVersion: v1
kind: Namespace
metadata: { name: ns-a, labels: { team: a } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ns-b, labels: { team: b } }
---
apiVersion: v1
kind: Pod
metadata: { name: a1, namespace: ns-a, labels: { app: web } }
spec: { containers: [{ name: web, image: web:1, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: a2, namespace: ns-a, labels: { app: client } }
spec: { containers: [{ name: client, image: client:1 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: b1, namespace: ns-b, labels: { app: client } }
spec: { containers: [{ name: client, image: client:1 }] }
status: { podIP: 10.0.1.5 }
---
apiVersion: v1
kind: Pod
metadata: { name: b2, namespace: ns-b, labels: { app: db } }
spec: { containers: [{ name: db, image: db:1, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: h1, namespace: ns-b, labels: { app: client } }
spec: { hostNetwork: true, containers: [{ name: agent, image: agent:1 }] }
`;

/** A pod of the world by name, an address, or `node` (the destination's own node). */
export function peer(model: ReachabilityModel, name: string): Peer {
  const pod = model.pods.find((p) => p.workload?.name === name);
  if (pod) return pod;
  const host = model.hostNetworkWorkloads.find((w) => w.name === name);
  if (host) return { kind: 'address', family: 4, value: 0n, unknown: true, hostNetwork: host };
  if (name === 'node') return { kind: 'address', family: 4, value: 0n, unknown: true, localNode: true };
  const range = parseCidrRange(name);
  if (!range) throw new Error(`no pod or address "${name}"`);
  return { kind: 'address', family: range.family, value: range.start };
}

/** 'b1 -> a1:8080/TCP' evaluated. */
export function flow(model: ReachabilityModel, text: string): FlowVerdict {
  const m = /^(\S+) -> (\S+?):(\d+)(?:\/(\w+))?$/.exec(text);
  if (!m) throw new Error(`bad flow "${text}"`);
  const src = peer(model, m[1] as string);
  const dst = m[2] === m[1] ? src : peer(model, m[2] as string);
  const f: Flow = { src, dst, port: Number(m[3]), protocol: (m[4] ?? 'TCP').toUpperCase() };
  return model.evaluate(f);
}

/** ALLOW, DENY or AMBIGUOUS (an AdminNetworkPolicy tie whose answer the API leaves open). */
export function outcome(verdict: FlowVerdict): 'ALLOW' | 'DENY' | 'AMBIGUOUS' {
  if (verdict.egress.ambiguousWith || verdict.ingress.ambiguousWith) return 'AMBIGUOUS';
  return verdict.allowed ? 'ALLOW' : 'DENY';
}
