import { defineRule } from '@kubecomply/core';

/** The label that names the team on call for a workload. */
const LABEL = 'acme.example/team';

export default defineRule({
  id: 'team-label-missing',
  description: `Every workload carries the ${LABEL} label naming the team that owns it.`,
  severity: 'error',
  appliesTo: 'workloads',
  remediation: `Add metadata.labels["${LABEL}"] with the owning team's name, as listed in the team directory.`,
  helpUri: 'https://github.com/acme/kubecomply-rules/blob/main/docs/rules/team-label-missing.md',
  check(resource, context) {
    const value = resource.labels[LABEL];
    if (value !== undefined && value.trim() !== '') return;
    // A missing field is reported by its intended path; kubecomply points at
    // the nearest part of it that exists (metadata.labels, or metadata).
    context.report({
      path: ['metadata', 'labels', LABEL],
      message: value === undefined ? `${resource.kind} "${resource.name}" has no ${LABEL} label.` : `${resource.kind} "${resource.name}" has an empty ${LABEL} label.`,
    });
  },
});
