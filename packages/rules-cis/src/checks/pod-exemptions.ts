import { atLeast, type Resource, type RuleContext, isJsonObject } from '@kubecomply/core';

/** A pod declared to run on Windows nodes (`spec.os.name: windows`). */
export function isWindowsPod(resource: Resource, ctx: RuleContext): boolean {
  const os: unknown = ctx.podSpec(resource)?.value.os;
  return isJsonObject(os) && os['name'] === 'windows';
}

/**
 * From policy 1.25 pod-security-admission skips its restricted
 * allowPrivilegeEscalation, seccomp and capabilities checks for Windows
 * pods: those Linux settings do not exist there, and API validation refuses
 * a Windows pod that sets them.
 */
export function windowsExempt(resource: Resource, ctx: RuleContext): boolean {
  return atLeast(ctx.settings.kubeVersion, 1, 25) && isWindowsPod(resource, ctx);
}

/**
 * From policy 1.35 the restricted runAsNonRoot and runAsUser checks skip a
 * pod with its own user namespace (`spec.hostUsers: false`): root in the
 * container maps to an unprivileged user of the node.
 */
export function userNamespaceRelaxed(resource: Resource, ctx: RuleContext): boolean {
  return atLeast(ctx.settings.kubeVersion, 1, 35) && ctx.podSpec(resource)?.value.hostUsers === false;
}
