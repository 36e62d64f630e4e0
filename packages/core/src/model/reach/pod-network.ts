import { isJsonObject } from '../../base/json.js';
import type { Resource } from '../resource.js';
import type { ContainerPortFact, PodNetworkFacts } from './types.js';

/**
 * What the reachability model needs of a pod template, small enough to keep
 * for every workload of a run: host networking, the named ports of
 * containers and init containers (Calico resolves named ports from both;
 * numbered ports need no lookup, so they are not kept) and,
 * for a Pod manifest that carries its status, its addresses.
 */
export function podNetworkOf(resource: Resource, spec: Record<string, unknown>): PodNetworkFacts | undefined {
  const facts: PodNetworkFacts = {};
  if (spec['hostNetwork'] === true) facts.hostNetwork = true;
  const ports: ContainerPortFact[] = [];
  for (const field of ['initContainers', 'containers']) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isJsonObject(c) || !Array.isArray(c['ports'])) continue;
      for (const p of c['ports']) {
        if (!isJsonObject(p) || typeof p['containerPort'] !== 'number' || typeof p['name'] !== 'string' || p['name'] === '') continue;
        const port: ContainerPortFact = { port: p['containerPort'], protocol: typeof p['protocol'] === 'string' ? p['protocol'].toUpperCase() : 'TCP' };
        port.name = p['name'];
        ports.push(port);
      }
    }
  }
  if (ports.length > 0) facts.ports = ports;
  if (resource.kind === 'Pod' && isJsonObject(resource.object['status'])) {
    const status = resource.object['status'];
    const addresses = new Set<string>();
    if (typeof status['podIP'] === 'string') addresses.add(status['podIP']);
    if (Array.isArray(status['podIPs'])) for (const a of status['podIPs']) if (isJsonObject(a) && typeof a['ip'] === 'string') addresses.add(a['ip']);
    if (addresses.size > 0) facts.addresses = [...addresses];
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}
