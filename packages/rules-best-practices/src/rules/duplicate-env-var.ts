import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'duplicate-env-var',
  description: 'A container sets each environment variable once.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation: 'Remove all but one entry of the variable from env, keeping the value the container should get.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const env: unknown = container.value.env;
      if (!Array.isArray(env)) continue;
      const first = new Map<string, number>();
      env.forEach((entry, i) => {
        if (!isJsonObject(entry) || typeof entry['name'] !== 'string') return;
        const name = entry['name'];
        const earlier = first.get(name);
        if (earlier === undefined) {
          first.set(name, i);
          return;
        }
        ctx.report({
          path: [...container.path, 'env', i, 'name'],
          message: `${containerLabel(container)} sets environment variable ${name} again (first at env[${earlier}]); only the last value is used, and a later edit of the first one silently does nothing.`,
          related: [{ path: [...container.path, 'env', earlier, 'name'], message: `first ${name}` }],
        });
      });
    }
  },
});
