import { atLeast, defineRule, type KubeVersion, isJsonObject, stringField } from '@kubecomply/core';
import { podAndContainerSecurityContexts } from '../checks/security-context.js';

/** SELinux types of container processes that stay inside the container policy; "" keeps the runtime's choice. */
const TYPES_1_0: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/** Policy 1.31 also accepts the type used to run a container engine inside a container. */
const TYPES_1_31: readonly string[] = [...TYPES_1_0, 'container_engine_t'];

function allowedTypes(version: KubeVersion): ReadonlySet<string> {
  return new Set(atLeast(version, 1, 31) ? TYPES_1_31 : TYPES_1_0);
}

export default defineRule({
  id: 'selinux-options-custom',
  description: 'Pods and containers set no custom SELinux user or role, and only container SELinux types.',
  severity: 'error',
  appliesTo: 'workloads',
  remediation:
    'Remove seLinuxOptions.user and seLinuxOptions.role, and leave seLinuxOptions.type out or set it to container_t, container_init_t or container_kvm_t (container_engine_t from policy 1.31); seLinuxOptions.level may stay.',
  check(resource, ctx) {
    const types = allowedTypes(ctx.settings.kubeVersion);
    for (const sc of podAndContainerSecurityContexts(resource, ctx)) {
      const options = sc.value['seLinuxOptions'];
      if (!isJsonObject(options)) continue;
      const path = [...sc.path, 'seLinuxOptions'];
      const type = stringField(options['type']);
      if (!types.has(type)) {
        ctx.report({
          path: [...path, 'type'],
          message: `${sc.subject} sets SELinux type "${type}", which is not one of the container types ${[...types].filter(Boolean).join(', ')}.`,
        });
      }
      for (const field of ['user', 'role'] as const) {
        const value = stringField(options[field]);
        if (value !== '') {
          ctx.report({
            path: [...path, field],
            message: `${sc.subject} sets a custom SELinux ${field} "${value}"; it must be left empty.`,
          });
        }
      }
    }
  },
});
