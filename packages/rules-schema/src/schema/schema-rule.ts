import { defineRule, type ResourceRule } from '@kubecomply/core';
import { CRD_KIND } from './crd-source.js';
import { validationOf } from './resource-validation.js';
import type { SchemaRuleId } from './validate-kube.js';

/**
 * A rule that reports one kind of schema problem. The schema rules share one
 * validation per resource; each reports its own problems, so each can be
 * turned off or re-graded on its own.
 */
export function schemaProblemRule(meta: Pick<ResourceRule, 'description' | 'remediation' | 'severity'> & { id: SchemaRuleId }): ResourceRule {
  return defineRule({
    ...meta,
    appliesTo: 'all',
    positions: 'on-demand',
    uses: [CRD_KIND],
    check(resource, ctx) {
      for (const problem of validationOf(resource, ctx).problems) {
        if (problem.rule === meta.id) ctx.report({ path: problem.path, message: problem.message });
      }
    },
  });
}
