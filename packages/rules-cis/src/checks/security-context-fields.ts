import { type JsonPath, type Resource, type RuleContext, isJsonObject, containerLabel } from '@kubecomply/core';

/** What a container's securityContext holds under one field (undefined when the field or the context is missing). */
export interface ContainerField {
  value: unknown;
  /** Path of the field, whether or not it exists: the engine reports a missing one at its nearest ancestor. */
  path: JsonPath;
  /** 'Container "app"', 'Init container "setup"'... */
  subject: string;
}

/** The value of `securityContext.<field>` of every init, regular and ephemeral container, set or not. */
export function containerFields(resource: Resource, ctx: RuleContext, field: string): ContainerField[] {
  return ctx.containers(resource).map((container) => {
    const sc: unknown = container.value.securityContext;
    return {
      value: isJsonObject(sc) ? sc[field] : undefined,
      path: [...container.path, 'securityContext', field],
      subject: containerLabel(container),
    };
  });
}

/** The pod-level `securityContext.<field>` and its path. */
export function podField(resource: Resource, ctx: RuleContext, field: string): { value: unknown; path: JsonPath } | undefined {
  const pod = ctx.podSpec(resource);
  if (!pod) return undefined;
  const sc: unknown = pod.value.securityContext;
  return { value: isJsonObject(sc) ? sc[field] : undefined, path: [...pod.path, 'securityContext', field] };
}

/** A field the API server decodes as a pointer: absent and null both leave it unset. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}
