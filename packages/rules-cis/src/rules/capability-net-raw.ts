import { defineRule, isJsonObject } from '@kubecomply/core';
import { isWindowsPod } from '../checks/pod-exemptions.js';
import { containerFields } from '../checks/security-context-fields.js';

/** A capability name as container runtimes read it: case-insensitive, with or without the CAP_ prefix. */
function normalize(item: unknown): string {
  return typeof item === 'string' ? item.toUpperCase().replace(/^CAP_/, '') : '';
}

/** Grants NET_RAW, directly or as part of ALL. */
const grantsNetRaw = (item: unknown) => ['NET_RAW', 'ALL'].includes(normalize(item));

export default defineRule({
  id: 'capability-net-raw',
  description: 'Containers drop NET_RAW (or ALL) and never add it back.',
  severity: 'warning',
  appliesTo: 'workloads',
  remediation:
    'Add NET_RAW (or better, ALL) to securityContext.capabilities.drop and remove NET_RAW and ALL from capabilities.add; ping-like tools can use ICMP sockets through the net.ipv4.ping_group_range sysctl instead.',
  check(resource, ctx) {
    // Windows containers have no Linux capabilities to drop.
    if (isWindowsPod(resource, ctx)) return;
    for (const field of containerFields(resource, ctx, 'capabilities')) {
      const capabilities = isJsonObject(field.value) ? field.value : {};
      const add = capabilities['add'];
      let added = false;
      if (Array.isArray(add)) {
        add.forEach((item: unknown, index) => {
          if (!grantsNetRaw(item)) return;
          added = true;
          ctx.report({
            path: [...field.path, 'add', index],
            message: `${field.subject} adds "${String(item)}", which grants NET_RAW: it can craft raw packets and spoof or sniff traffic on the pod network.`,
          });
        });
      }
      if (added) continue;
      const drop = capabilities['drop'];
      // Only the exact spelling is trusted to drop: a runtime that does not
      // recognise a variant would keep NET_RAW.
      if (Array.isArray(drop) && drop.some((item: unknown) => item === 'ALL' || item === 'NET_RAW')) continue;
      ctx.report({
        path: [...field.path, 'drop'],
        message: `${field.subject} does not drop NET_RAW, which container runtimes grant by default: it can craft raw packets and spoof or sniff traffic on the pod network.`,
      });
    }
  },
});
