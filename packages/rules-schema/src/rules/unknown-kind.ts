import { defineRule } from '@kubecomply/core';
import { CRD_KIND } from '../schema/crd-source.js';
import { validationOf } from '../schema/resource-validation.js';

export default defineRule({
  id: 'unknown-kind',
  description: 'Resources of built-in API groups name a kind and version that the target Kubernetes release serves.',
  severity: 'error',
  remediation: 'Fix the spelling of kind or apiVersion (the message suggests the nearest one), or target a Kubernetes release that serves the kind.',
  appliesTo: 'all',
  positions: 'on-demand',
  uses: [CRD_KIND],
  check(resource, ctx) {
    const unknown = validationOf(resource, ctx).unknownKind;
    if (unknown) ctx.report({ path: unknown.path, message: unknown.message });
  },
});
