import { containerLabel, type JsonPath, type Resource, type RuleContext, isJsonObject, type JsonObject } from '@kubecomply/core';

/** A securityContext of a pod or of one of its containers, and who owns it. */
export interface SecurityContextRef {
  value: JsonObject;
  /** Path of the securityContext inside the resource's object. */
  path: JsonPath;
  /** Opens a message: 'The pod', 'Container "app"', 'Init container "setup"'. */
  subject: string;
}

/** The securityContext of every init, regular and ephemeral container that has one. */
export function containerSecurityContexts(resource: Resource, ctx: RuleContext): SecurityContextRef[] {
  const out: SecurityContextRef[] = [];
  for (const container of ctx.containers(resource)) {
    const value: unknown = container.value.securityContext;
    if (isJsonObject(value)) out.push({ value, path: [...container.path, 'securityContext'], subject: containerLabel(container) });
  }
  return out;
}

/**
 * The pod-level securityContext first, then every container's. Several
 * pod-security-admission checks (seccomp, AppArmor, SELinux, HostProcess)
 * look at the same field at both levels; a container's value overrides the
 * pod's at run time, but each one that is set is checked on its own.
 */
export function podAndContainerSecurityContexts(resource: Resource, ctx: RuleContext): SecurityContextRef[] {
  const pod = ctx.podSpec(resource);
  if (!pod) return [];
  const out: SecurityContextRef[] = [];
  const value: unknown = pod.value.securityContext;
  if (isJsonObject(value)) out.push({ value, path: [...pod.path, 'securityContext'], subject: 'The pod' });
  return [...out, ...containerSecurityContexts(resource, ctx)];
}
