import type { ContainerRef } from '@kubecomply/core';

const NOUNS: Readonly<Record<ContainerRef['kind'], string>> = {
  container: 'Container',
  initContainer: 'Init container',
  ephemeralContainer: 'Ephemeral container',
};

/** 'Container "app"', 'Init container "setup"' or 'Ephemeral container "debug"'. */
export function containerLabel(container: ContainerRef): string {
  return `${NOUNS[container.kind]} "${String(container.value.name ?? '')}"`;
}

/** Kinds whose pods run to completion: probes, spreading and disruption budgets are not about them. */
export const RUN_TO_COMPLETION: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/** Kinds that keep a number of long-running replicas. */
export const REPLICATED_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];
