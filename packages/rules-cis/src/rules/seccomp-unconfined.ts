import { defineRule } from '@kubecomply/core';
import { reportUnconfinedProfiles } from '../checks/profile-type.js';

export default defineRule({
  id: 'seccomp-unconfined',
  description: 'Pods and containers do not turn off seccomp filtering.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Set securityContext.seccompProfile.type to RuntimeDefault, or to Localhost with a profile present on the nodes, at pod level or on the container; never Unconfined.',
  check(resource, ctx) {
    // Supported policy versions start at 1.22, so only the field form (policy 1.19+) applies, not the old annotations.
    reportUnconfinedProfiles(resource, ctx, 'seccompProfile', 'every system call reaches the node kernel unfiltered');
  },
});
