import { defineRule, type Resource } from '@kubecomply/core';

/** The ServiceAccount of the input a workload's pods run as, if the input holds it. */
function serviceAccountOf(name: string, workload: Resource, accounts: readonly Resource[]): Resource | undefined {
  return accounts.find((sa) => sa.group === '' && sa.name === name && sa.namespace === workload.namespace);
}

export default defineRule({
  id: 'service-account-token-automount',
  description: 'Pods mount a service account token only when they opt in on purpose.',
  severity: 'warning',
  appliesTo: 'workloads',
  uses: ['ServiceAccount'],
  remediation:
    'Set automountServiceAccountToken: false in the pod spec (or on its ServiceAccount) for workloads that do not call the Kubernetes API; where one does, keep it explicitly true and bind only the roles it needs.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const spec = pod.value as unknown as Record<string, unknown>;
    const path = [...pod.path, 'automountServiceAccountToken'];
    const own = spec['automountServiceAccountToken'];
    // The pod's setting wins over its service account's.
    if (own === false) return;
    if (own === true) {
      ctx.report({
        path,
        severity: 'info',
        message: 'The pod sets automountServiceAccountToken: true and gets an API token; confirm it calls the Kubernetes API.',
      });
      return;
    }
    const named = spec['serviceAccountName'] ?? spec['serviceAccount'];
    const name = named === undefined || named === null || named === '' ? 'default' : String(named);
    const account = serviceAccountOf(name, resource, ctx.lookup('ServiceAccount'));
    const accountSetting = account?.object['automountServiceAccountToken'];
    if (accountSetting === false) return;
    if (account && accountSetting === true) {
      ctx.report({
        path,
        severity: 'info',
        message: `The pod leaves automountServiceAccountToken unset and its service account "${name}" sets it to true, so it gets an API token; confirm it calls the Kubernetes API.`,
        related: [{ resource: account, path: ['automountServiceAccountToken'], message: `ServiceAccount "${name}" turns token mounting on.` }],
      });
      return;
    }
    const because = account
      ? `and its service account "${name}" does not turn it off either`
      : `so it falls back to its service account "${name}", which is not in the input and mounts tokens by default`;
    ctx.report({
      path,
      message: `The pod leaves automountServiceAccountToken unset, ${because}: every container gets an API token.`,
      ...(account ? { related: [{ resource: account, path: [], message: `ServiceAccount "${name}" leaves automountServiceAccountToken unset.` }] } : {}),
    });
  },
});
