import { defineRule, servicePorts, isJsonObject, containerLabel } from '@kubecomply/core';

/**
 * Why a port name is not an IANA service name as the API server checks it
 * (at most 15 characters, lowercase letters, digits and '-', at least one
 * letter, no '-' at either end and no '--'); undefined when it is one.
 */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may hold only lowercase letters, digits and -';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) return 'may not start or end with - or hold --';
  return undefined;
}

export default defineRule({
  id: 'port-name-invalid',
  description: 'Container port names and Service target ports are valid: a name of at most 15 lowercase characters, or a number from 1 to 65535.',
  severity: 'error',
  appliesTo: ['Service', 'Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'],
  remediation:
    'Name ports with at most 15 lowercase letters, digits and dashes (at least one letter), and give Services a targetPort between 1 and 65535 or the name of a container port.',
  check(resource, ctx) {
    if (resource.kind === 'Service') {
      for (const port of servicePorts(resource)) {
        const target = port.targetPort;
        if (typeof target === 'number') {
          if (target < 1 || target > 65535)
            ctx.report({ path: [...port.path, 'targetPort'], message: `targetPort ${target} is not between 1 and 65535; the API server rejects the Service.` });
        } else if (typeof target === 'string') {
          const problem = portNameProblem(target);
          if (problem)
            ctx.report({
              path: [...port.path, 'targetPort'],
              message: `targetPort "${target}" ${problem}, so it names no container port; the API server rejects the Service.`,
            });
        }
      }
      return;
    }
    for (const container of ctx.containers(resource)) {
      const ports: unknown = container.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, i) => {
        if (!isJsonObject(port) || typeof port['name'] !== 'string') return;
        const problem = portNameProblem(port['name']);
        if (!problem) return;
        ctx.report({
          path: [...container.path, 'ports', i, 'name'],
          message: `${containerLabel(container)}: port name "${port['name']}" ${problem}; the API server rejects the ${resource.kind}.`,
        });
      });
    }
  },
});
