import { defineRule, type JsonPath, isJsonObject, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'run-as-group-zero',
  description: 'Pods and containers do not run with the root group (runAsGroup: 0).',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Set runAsGroup (and fsGroup) to a non-zero group id, or leave runAsGroup out and let the image choose.',
  check(resource, ctx) {
    const pod = ctx.podSpec(resource);
    if (!pod) return;
    const contexts: Array<{ value: unknown; path: JsonPath; subject: string }> = [
      { value: (pod.value as unknown as Record<string, unknown>)['securityContext'], path: [...pod.path, 'securityContext'], subject: 'The pod' },
      ...ctx.containers(resource).map((c) => ({ value: c.value.securityContext as unknown, path: [...c.path, 'securityContext'], subject: containerLabel(c) })),
    ];
    for (const sc of contexts) {
      if (!isJsonObject(sc.value) || sc.value['runAsGroup'] !== 0) continue;
      ctx.report({
        path: [...sc.path, 'runAsGroup'],
        message: `${sc.subject} runs with group id 0 (root), so its processes can read and write every file the root group may on mounted volumes and in the image.`,
      });
    }
  },
});
