import { atLeast, defineRule, type JsonPath, isJsonObject, stringField, containerLabel } from '@kubecomply/core';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export default defineRule({
  id: 'probe-or-lifecycle-host-set',
  description: "Probes and lifecycle hooks connect to the pod's own address, never to another host.",
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    "Remove host from the probe's or hook's httpGet or tcpSocket so the kubelet connects to the pod IP; to reach another service, check it from inside the container with an exec probe.",
  check(resource, ctx) {
    // pod-security-admission checks this from policy 1.34 on.
    if (!atLeast(ctx.settings.kubeVersion, 1, 34)) return;
    for (const container of ctx.containers(resource)) {
      const handlers: { value: unknown; path: JsonPath; name: string }[] = [];
      const value: unknown = container.value;
      if (!isJsonObject(value)) continue;
      for (const probe of PROBES) handlers.push({ value: value[probe], path: [...container.path, probe], name: probe });
      const lifecycle = value['lifecycle'];
      if (isJsonObject(lifecycle)) {
        for (const hook of HOOKS) {
          handlers.push({ value: lifecycle[hook], path: [...container.path, 'lifecycle', hook], name: `lifecycle.${hook}` });
        }
      }
      for (const handler of handlers) {
        if (!isJsonObject(handler.value)) continue;
        for (const action of ACTIONS) {
          const target = handler.value[action];
          if (!isJsonObject(target)) continue;
          const host = stringField(target['host']);
          if (host === '') continue;
          ctx.report({
            path: [...handler.path, action, 'host'],
            message: `${containerLabel(container)} ${handler.name}.${action} connects to host "${host}"; the kubelet would make that connection from the node, to any address it names.`,
          });
        }
      }
    }
  },
});
