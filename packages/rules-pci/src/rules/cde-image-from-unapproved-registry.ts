import { defineRule, isAllowedImage, isPlaceholderImage, containerLabel } from '@kubecomply/core';
import { cdeWorkloadLabel, scopeOfContext, workloadFacts } from '../checks/cde-scope.js';

function allowed(registries: readonly string[] | undefined): readonly string[] {
  return (registries ?? []).filter((r) => r.trim() !== '');
}

export default defineRule({
  id: 'cde-image-from-unapproved-registry',
  description: 'Workloads of the cardholder data environment run only images from the registries the config allows (allowedRegistries).',
  severity: 'error',
  appliesTo: 'workloads',
  uses: ['Namespace'],
  remediation:
    'Mirror the image into an allowed registry (where it is scanned and inventoried) and reference it there, or add the registry to allowedRegistries after review.',
  // Without allowedRegistries there is nothing to compare with: the rule checks nothing rather than guess.
  targets(resource, ctx) {
    if (allowed(ctx.settings.allowedRegistries).length === 0 || resource.kind === 'PodTemplate') return false;
    return scopeOfContext(ctx).workloadReason(workloadFacts(resource, ctx)) !== undefined;
  },
  check(resource, ctx) {
    const registries = allowed(ctx.settings.allowedRegistries);
    const reason = scopeOfContext(ctx).workloadReason(workloadFacts(resource, ctx));
    if (registries.length === 0 || reason === undefined) return;
    for (const container of ctx.containers(resource)) {
      const image = container.value.image;
      if (typeof image !== 'string' || image.trim() === '' || isPlaceholderImage(image) || isAllowedImage(image, registries)) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: `${containerLabel(container)} of ${cdeWorkloadLabel(resource, reason)} runs image "${image.trim()}", which comes from none of the allowed registries (${registries.join(', ')}).`,
      });
    }
  },
});
