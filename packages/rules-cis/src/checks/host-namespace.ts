import { defineRule, type ResourceRule } from '@kubecomply/core';

type HostField = 'hostNetwork' | 'hostPID' | 'hostIPC';

/** One rule per host namespace a pod can share; pod-security-admission checks all three as `hostNamespaces`. */
export function hostNamespaceRule(options: { id: string; field: HostField; description: string; consequence: string }): ResourceRule {
  return defineRule({
    id: options.id,
    description: options.description,
    severity: 'error',
    appliesTo: 'workloads',
    remediation: `Remove spec.${options.field} from the pod spec or set it to false.`,
    check(resource, ctx) {
      const pod = ctx.podSpec(resource);
      if (pod?.value[options.field] === true) {
        ctx.report({ path: [...pod.path, options.field], message: `The pod sets ${options.field}: true; ${options.consequence}` });
      }
    },
  });
}
