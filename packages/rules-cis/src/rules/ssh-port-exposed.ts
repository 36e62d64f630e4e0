import { defineRule, WORKLOAD_KINDS, isWorkload, isJsonObject, stringField, containerLabel } from '@kubecomply/core';

const SSH = 22;

/** TCP unless the port says otherwise; SSH is TCP only. */
function isTcp(port: Record<string, unknown>): boolean {
  const protocol = port['protocol'];
  return protocol === undefined || protocol === null || String(protocol).toUpperCase() === 'TCP';
}

function isSshNumber(value: unknown): boolean {
  return value === SSH || value === String(SSH);
}

export default defineRule({
  id: 'ssh-port-exposed',
  description: 'Containers and Services do not open the SSH port (22).',
  severity: 'warning',
  appliesTo: [...WORKLOAD_KINDS, 'Service'],
  remediation:
    'Remove the SSH server and port 22; use kubectl exec or kubectl debug (under RBAC and audit) to get into a container. A Git or SFTP service that must speak SSH belongs behind its own reviewed Service.',
  check(resource, ctx) {
    if (isWorkload(resource)) {
      for (const container of ctx.containers(resource)) {
        const ports: unknown = container.value.ports;
        if (!Array.isArray(ports)) continue;
        ports.forEach((port: unknown, i) => {
          if (!isJsonObject(port) || !isTcp(port) || !isSshNumber(port['containerPort'])) return;
          ctx.report({
            path: [...container.path, 'ports', i, 'containerPort'],
            message: `${containerLabel(container)} declares port 22/TCP, the SSH port; a container should not run an SSH server.`,
          });
        });
      }
      return;
    }
    if (resource.kind !== 'Service' || resource.group !== '') return;
    const spec = resource.object['spec'];
    const ports: unknown = isJsonObject(spec) ? spec['ports'] : undefined;
    if (!Array.isArray(ports)) return;
    ports.forEach((port: unknown, i) => {
      if (!isJsonObject(port) || !isTcp(port)) return;
      const field = isSshNumber(port['port']) ? 'port' : isSshNumber(port['targetPort']) ? 'targetPort' : undefined;
      if (!field) return;
      const name = stringField(port['name']);
      ctx.report({
        path: ['spec', 'ports', i, field],
        message: `Service "${resource.name}" ${field === 'port' ? 'serves' : 'forwards to'} port 22/TCP${name ? ` ("${name}")` : ''}, the SSH port.`,
      });
    });
  },
});
