import { defineRule, formatKubeVersion } from '@kubecomply/core';
import { LIFECYCLE_KINDS } from '../deprecations/api-lifecycle.js';
import { lifecycleStatus, migrationAdvice } from '../deprecations/lifecycle-status.js';

export default defineRule({
  id: 'deprecated-api-version',
  description: 'Resources do not use an apiVersion that the target Kubernetes release has deprecated.',
  severity: 'warning',
  remediation: 'Move to the replacement apiVersion the message names before the release that removes the old one.',
  appliesTo: LIFECYCLE_KINDS,
  positions: 'on-demand',
  check(resource, ctx) {
    const target = ctx.settings.kubeVersion;
    const status = lifecycleStatus(resource.apiVersion, resource.kind, target);
    if (status?.state !== 'deprecated') return;
    const { row } = status;
    ctx.report({
      path: ['apiVersion'],
      message: `${resource.kind} ${resource.apiVersion} is deprecated since Kubernetes ${row.deprecatedIn ?? '?'} and is no longer served from ${row.removedIn} (target ${formatKubeVersion(target)}); ${migrationAdvice(row, target)}.`,
    });
  },
});
