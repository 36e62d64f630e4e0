import { defineRule, isJsonObject, stringField, containerLabel } from '@kubecomply/core';

export default defineRule({
  id: 'secret-in-env-var',
  description: 'Containers read Secrets from mounted files, not from environment variables.',
  severity: 'info',
  appliesTo: 'workloads',
  remediation:
    'Mount the Secret as a volume (secret or projected) and have the application read the file; if the image only takes environment variables, keep the Secret narrow and document the exception.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const who = containerLabel(container);
      const env: unknown = container.value.env;
      if (Array.isArray(env)) {
        env.forEach((entry: unknown, i) => {
          const valueFrom = isJsonObject(entry) ? entry['valueFrom'] : undefined;
          if (!isJsonObject(entry) || !isJsonObject(valueFrom)) return;
          const ref = valueFrom['secretKeyRef'];
          if (!isJsonObject(ref)) return;
          ctx.report({
            path: [...container.path, 'env', i, 'valueFrom', 'secretKeyRef'],
            message:
              `${who} reads key "${stringField(ref['key'])}" of Secret "${stringField(ref['name'])}" into environment variable ` +
              `"${stringField(entry['name'])}", where child processes, crash dumps and debug endpoints can see it.`,
          });
        });
      }
      const envFrom: unknown = container.value.envFrom;
      if (Array.isArray(envFrom)) {
        envFrom.forEach((entry: unknown, i) => {
          if (!isJsonObject(entry)) return;
          const ref = entry['secretRef'];
          if (!isJsonObject(ref)) return;
          ctx.report({
            path: [...container.path, 'envFrom', i, 'secretRef'],
            message: `${who} loads every key of Secret "${stringField(ref['name'])}" into its environment.`,
          });
        });
      }
    }
  },
});
