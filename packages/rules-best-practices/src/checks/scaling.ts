import { hpaBounds, hpaTargets, replicasOf, type Resource } from '@kubecomply/core';

/**
 * How many pods a replicated workload runs: its spec.replicas, or the
 * bounds of the HorizontalPodAutoscaler (among `hpas`) that scales it.
 */
export interface ReplicaCount {
  /** The fewest pods it runs: the HPA's minReplicas when one scales it, else spec.replicas. */
  min: number;
  /** The most pods it may run. */
  max: number;
  written: boolean;
  hpa?: Resource;
}

export function replicaCount(resource: Resource, hpas: readonly Resource[]): ReplicaCount | undefined {
  const replicas = replicasOf(resource);
  if (!replicas) return undefined;
  const hpa = hpas.find((h) => hpaTargets(h, resource));
  if (hpa) {
    const bounds = hpaBounds(hpa);
    return { min: bounds.min, max: Math.max(bounds.min, bounds.max ?? bounds.min), written: replicas.written, hpa };
  }
  return { min: replicas.count, max: replicas.count, written: replicas.written };
}
