// Findings, lint results and rules built by hand for core's formatter and
// compliance tests: one shape of each, so that a new required field of
// Finding or LintResult is added here once.
import { defineRule, LATEST_KUBE_VERSION, type Finding, type LintResult, type Rule } from '../../src/index.js';

/**
 * A finding with every field set: the privileged container of Pod ns/p,
 * pod.yaml line 10; `partial` overrides any field.
 */
export function testFinding(partial: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'test-privileged',
    severity: 'error',
    message: 'Container "app" runs privileged.',
    resource: { apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'ns' },
    file: 'pod.yaml',
    range: { start: { line: 10, column: 5 }, end: { line: 10, column: 20 } },
    path: ['spec', 'containers', 0, 'securityContext', 'privileged'],
    pathFound: true,
    controls: [],
    remediation: 'Fix it.',
    ...partial,
  };
}

/** A range on one line, from column `from` to column `to`. */
export const onLine = (line: number, from: number, to: number): Finding['range'] => ({ start: { line, column: from }, end: { line, column: to } });

/**
 * The result of a run that found `findings`: the files they name, no
 * resources or skipped documents; the rules, frameworks, Kubernetes version
 * (and anything else) from `run`, none and the latest by default.
 */
export function resultOf(findings: Finding[], run: Partial<LintResult> = {}): LintResult {
  return {
    rules: [],
    frameworks: [],
    kubeVersion: LATEST_KUBE_VERSION,
    ...run,
    findings,
    files: [...new Set(findings.map((f) => f.file))],
    resources: [],
    skipped: [],
  };
}

/** A workload rule that reports `securityContext.privileged: true` on each container ("Container "<name>" runs privileged."). */
export function privilegedRule(id: string): Rule {
  return defineRule({
    id,
    description: 'Containers do not run privileged.',
    severity: 'error',
    appliesTo: 'workloads',
    remediation: 'Set securityContext.privileged to false.',
    check(resource, ctx) {
      for (const c of ctx.containers(resource)) {
        if (c.value.securityContext?.privileged === true) {
          ctx.report({ path: [...c.path, 'securityContext', 'privileged'], message: `Container "${c.value.name}" runs privileged.` });
        }
      }
    },
  });
}

/** A workload rule, a warning, that reports each container image tagged `:latest`, at its `image`. */
export function latestTagRule(id: string, extra: { helpUri?: string } = {}): Rule {
  return defineRule({
    id,
    description: 'Images name a fixed tag or digest.',
    severity: 'warning',
    appliesTo: 'workloads',
    remediation: 'Pin the image to a version or a digest.',
    ...extra,
    check(resource, ctx) {
      for (const c of ctx.containers(resource)) {
        if (String(c.value.image).endsWith(':latest')) ctx.report({ path: [...c.path, 'image'], message: `Image "${c.value.image}" uses the latest tag.` });
      }
    },
  });
}
