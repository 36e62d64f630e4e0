import { defineRule, isJsonObject } from '@kubecomply/core';

export default defineRule({
  id: 'pdb-without-budget',
  description: 'PodDisruptionBudgets set minAvailable or maxUnavailable.',
  severity: 'warning',
  appliesTo: ['PodDisruptionBudget'],
  remediation: 'Set spec.minAvailable or spec.maxUnavailable (one of them) to the number or percentage of pods that may be taken down at once.',
  check(resource, ctx) {
    const spec = resource.object['spec'];
    if (isJsonObject(spec) && (spec['minAvailable'] !== undefined || spec['maxUnavailable'] !== undefined)) return;
    ctx.report({
      path: ['spec'],
      message:
        resource.apiVersion === 'policy/v1beta1'
          ? 'The PodDisruptionBudget sets neither minAvailable nor maxUnavailable; policy/v1beta1 defaults minAvailable to 1, which is rarely what a budget means.'
          : 'The PodDisruptionBudget sets neither minAvailable nor maxUnavailable, so it allows every voluntary disruption and protects nothing.',
    });
  },
});
