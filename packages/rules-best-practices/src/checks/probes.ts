import { defineRule, type ResourceRule, containerLabel } from '@kubecomply/core';
import { RUN_TO_COMPLETION } from './container.js';

/**
 * A rule that wants a probe of one kind on every regular container of a
 * long-running workload. Jobs and CronJobs run to completion and are left
 * out, as are init and ephemeral containers, which take no probes.
 */
export function probeMissingRule(options: {
  id: string;
  field: 'livenessProbe' | 'readinessProbe';
  description: string;
  remediation: string;
  consequence: string;
}): ResourceRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: 'info',
    appliesTo: 'workloads',
    remediation: options.remediation,
    targets: (resource) => !RUN_TO_COMPLETION.has(resource.kind) && resource.kind !== 'PodTemplate',
    check(resource, ctx) {
      for (const container of ctx.containers(resource)) {
        if (container.kind !== 'container') continue;
        const probe: unknown = (container.value as unknown as Record<string, unknown>)[options.field];
        if (probe !== undefined && probe !== null) continue;
        ctx.report({
          path: [...container.path, options.field],
          message: `${containerLabel(container)} has no ${options.field}, so ${options.consequence}.`,
        });
      }
    },
  });
}
