import { type Resource, type RuleContext, isJsonObject, stringField } from '@kubecomply/core';
import { podAndContainerSecurityContexts } from './security-context.js';

/** The only profile types pod-security-admission's baseline accepts once a profile is set. */
const CONFINED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/**
 * Reports every pod or container securityContext whose seccompProfile or
 * appArmorProfile is set with a type other than RuntimeDefault or Localhost.
 * A profile left out is fine (the runtime default applies); a profile set
 * without a type is not, as in pod-security-admission.
 */
export function reportUnconfinedProfiles(
  resource: Resource,
  ctx: RuleContext,
  field: 'seccompProfile' | 'appArmorProfile',
  /** What an Unconfined profile means, as a lower-case clause. */
  unconfined: string,
): void {
  for (const sc of podAndContainerSecurityContexts(resource, ctx)) {
    const profile = sc.value[field];
    if (!isJsonObject(profile)) continue;
    const type = stringField(profile['type']);
    if (CONFINED_TYPES.has(type)) continue;
    const what = type === '' ? `sets ${field} without a type` : `sets ${field}.type to "${type}"`;
    const why = type === 'Unconfined' ? `: ${unconfined}. Only` : '; only';
    ctx.report({
      path: [...sc.path, field, 'type'],
      message: `${sc.subject} ${what}${why} RuntimeDefault and Localhost are allowed.`,
    });
  }
}
