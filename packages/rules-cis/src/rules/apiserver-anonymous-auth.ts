import { isJsonObject } from '@kubecomply/core';
import { setting } from '../checks/component-flags.js';
import { booleanFlagProblems, componentRule } from '../checks/flag-rules.js';

/** Paths that health checks (kubeadm's probes, load balancers) reach without credentials. */
const HEALTH_PATHS: ReadonlySet<string> = new Set(['/livez', '/readyz', '/healthz']);

const CONSEQUENCE = 'requests without credentials are served as the user system:anonymous.';

/**
 * Since Kubernetes 1.32 the anonymous authenticator can instead be set in an
 * AuthenticationConfiguration file (--authentication-config), limited to
 * some paths. The file and --anonymous-auth exclude each other, so with
 * --authentication-config the Pod alone cannot tell; the file is checked
 * when it is among the inputs.
 */
export default componentRule({
  id: 'apiserver-anonymous-auth',
  description: 'The API server rejects requests that carry no credentials.',
  severity: 'warning',
  remediation:
    'Set --anonymous-auth=false on kube-apiserver, or, with --authentication-config, limit anonymous.conditions to the health endpoints (/livez, /readyz, /healthz).',
  component: 'kube-apiserver',
  kinds: ['AuthenticationConfiguration'],
  evaluate(invocation) {
    if (setting(invocation, 'authentication-config').state !== 'unset' && setting(invocation, 'anonymous-auth').state === 'unset') return [];
    return booleanFlagProblems(invocation, { flag: 'anonymous-auth', required: false, defaultValue: true, consequence: CONSEQUENCE });
  },
  checkConfig(resource, ctx) {
    if (resource.group !== 'apiserver.config.k8s.io') return;
    const anonymous: unknown = resource.object['anonymous'];
    if (!isJsonObject(anonymous) || anonymous['enabled'] !== true) return;
    const conditions: unknown = anonymous['conditions'];
    if (!Array.isArray(conditions) || conditions.length === 0) {
      ctx.report({ path: ['anonymous', 'enabled'], message: `AuthenticationConfiguration sets anonymous.enabled: true for every path; ${CONSEQUENCE}` });
      return;
    }
    conditions.forEach((condition: unknown, i) => {
      const path = isJsonObject(condition) && typeof condition['path'] === 'string' ? condition['path'] : '';
      if (HEALTH_PATHS.has(path)) return;
      ctx.report({
        path: ['anonymous', 'conditions', i],
        message: `AuthenticationConfiguration lets anonymous requests reach ${path || 'a condition without a path'}, which is not a health endpoint; ${CONSEQUENCE}`,
      });
    });
  },
});
