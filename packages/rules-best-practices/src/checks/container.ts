/** Kinds whose pods run to completion: probes, spreading and disruption budgets are not about them. */
export const RUN_TO_COMPLETION: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/** Kinds that keep a number of long-running replicas. */
export const REPLICATED_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];
