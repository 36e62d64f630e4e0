import { defineRule, isJsonObject, containerLabel } from '@kubecomply/core';

/** The handler of a probe (what it calls), without its timings, as canonical JSON. */
function handlerOf(probe: Record<string, unknown>): string | undefined {
  for (const key of ['httpGet', 'tcpSocket', 'grpc', 'exec'] as const) {
    if (isJsonObject(probe[key])) return `${key}:${canonical(probe[key])}`;
  }
  return undefined;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export default defineRule({
  id: 'liveness-readiness-probe-identical',
  description: "A container's liveness probe checks something else than its readiness probe.",
  severity: 'info',
  appliesTo: 'workloads',
  remediation:
    'Let the readiness probe check whether the container can serve (dependencies included) and the liveness probe only whether the process itself is stuck, on a cheaper endpoint or with a higher failureThreshold.',
  check(resource, ctx) {
    for (const container of ctx.containers(resource)) {
      const c = container.value as unknown as Record<string, unknown>;
      const liveness = c['livenessProbe'];
      const readiness = c['readinessProbe'];
      if (!isJsonObject(liveness) || !isJsonObject(readiness)) continue;
      const handler = handlerOf(liveness);
      if (handler === undefined || handler !== handlerOf(readiness)) continue;
      ctx.report({
        path: [...container.path, 'livenessProbe'],
        message: `${containerLabel(container)}: the livenessProbe calls the same handler as the readinessProbe, so a dependency outage that should only take the pod out of rotation also restarts it.`,
      });
    }
  },
});
