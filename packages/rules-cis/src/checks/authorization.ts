import { type JsonPath, type ResourceRule, type Severity, isJsonObject } from '@kubecomply/core';
import { listSetting, setting, subjectOf } from './component-flags.js';
import { componentRule, missing, type FlagProblem } from './flag-rules.js';

/**
 * The API server's authorizers come from `--authorization-mode` (a comma
 * list, AlwaysAllow when not given) or, since Kubernetes 1.29, from an
 * AuthorizationConfiguration file named by `--authorization-config`; the two
 * flags exclude each other. With `--authorization-config` the Pod cannot
 * tell, so the file itself is checked when it is among the inputs.
 */

interface Authorizer {
  type: string;
  path: JsonPath;
}

export interface AuthorizationRuleOptions {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  /** What is wrong with a list of authorizer types, as a sentence fragment; undefined when nothing is. */
  problem(types: readonly string[]): string | undefined;
  /** The authorizer type whose entry a finding should point at, when it is present (AlwaysAllow). */
  offending?: string;
}

export function authorizationRule(options: AuthorizationRuleOptions): ResourceRule {
  const { problem, offending } = options;
  const at = (authorizers: readonly Authorizer[], fallback: JsonPath): JsonPath =>
    (offending ? authorizers.find((a) => a.type === offending)?.path : undefined) ?? fallback;
  return componentRule({
    ...options,
    component: 'kube-apiserver',
    kinds: ['AuthorizationConfiguration'],
    evaluate(invocation): FlagProblem[] {
      if (setting(invocation, 'authorization-config').state !== 'unset') return [];
      const modes = listSetting(invocation, 'authorization-mode');
      if (!modes) {
        const why = problem(['AlwaysAllow']);
        return why ? [missing(invocation, `does not set --authorization-mode, which defaults to AlwaysAllow; ${why}`)] : [];
      }
      const why = problem(modes.map((m) => m.item));
      if (!why) return [];
      const authorizers = modes.map((m) => ({ type: m.item, path: m.flag.path }));
      const flag = modes[modes.length - 1]?.flag;
      const written = flag ? flag.text : '--authorization-mode=';
      return [{ path: at(authorizers, flag ? flag.path : invocation.missingPath), message: `${subjectOf(invocation)} sets ${written}; ${why}` }];
    },
    checkConfig(resource, ctx) {
      if (resource.group !== 'apiserver.config.k8s.io') return;
      const list: unknown = resource.object['authorizers'];
      const authorizers: Authorizer[] = [];
      if (Array.isArray(list)) {
        list.forEach((entry: unknown, i) => {
          if (isJsonObject(entry) && typeof entry['type'] === 'string') authorizers.push({ type: entry['type'], path: ['authorizers', i, 'type'] });
        });
      }
      const why = problem(authorizers.map((a) => a.type));
      if (!why) return;
      const names = authorizers.map((a) => a.type).join(', ') || 'none';
      ctx.report({ path: at(authorizers, ['authorizers']), message: `AuthorizationConfiguration lists the authorizers ${names}; ${why}` });
    },
  });
}
