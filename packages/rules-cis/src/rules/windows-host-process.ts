import { defineRule, isJsonObject } from '@kubecomply/core';
import { podAndContainerSecurityContexts } from '../checks/security-context.js';

export default defineRule({
  id: 'windows-host-process',
  description: 'Pods and containers do not run as Windows HostProcess containers.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess from the pod and its containers, or set it to false; run node-level Windows agents outside namespaces that hold ordinary workloads.',
  check(resource, ctx) {
    for (const sc of podAndContainerSecurityContexts(resource, ctx)) {
      const options = sc.value['windowsOptions'];
      if (isJsonObject(options) && options['hostProcess'] === true) {
        ctx.report({
          path: [...sc.path, 'windowsOptions', 'hostProcess'],
          message: `${sc.subject} sets windowsOptions.hostProcess: true, so it runs as a process on the Windows node with the node's own network and file system.`,
        });
      }
    }
  },
});
