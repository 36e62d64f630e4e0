import { defineRule, formatKubeVersion } from '@kubecomply/core';
import { LIFECYCLE_KINDS } from '../deprecations/api-lifecycle.js';
import { lifecycleStatus, migrationAdvice } from '../deprecations/lifecycle-status.js';

export default defineRule({
  id: 'removed-api-version',
  description: 'Resources use an apiVersion that the target Kubernetes release still serves.',
  severity: 'error',
  remediation:
    'Change apiVersion to the replacement the message names and apply the field changes it lists; the API server of the target release rejects the old one.',
  appliesTo: LIFECYCLE_KINDS,
  positions: 'on-demand',
  check(resource, ctx) {
    const target = ctx.settings.kubeVersion;
    const status = lifecycleStatus(resource.apiVersion, resource.kind, target);
    if (status?.state !== 'removed') return;
    const { row } = status;
    const what = `${resource.kind} ${resource.apiVersion}`;
    const message = row.neverServed
      ? `${resource.apiVersion} never served ${resource.kind}, so no Kubernetes release accepts ${what}; ${migrationAdvice(row, target)}.`
      : `${what} is no longer served from Kubernetes ${row.removedIn}${row.deprecatedIn ? ` (deprecated in ${row.deprecatedIn})` : ''}, so the target ${formatKubeVersion(target)} rejects it; ${migrationAdvice(row, target)}.`;
    ctx.report({ path: ['apiVersion'], message });
  },
});
