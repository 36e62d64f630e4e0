import { booleanFlagProblems, componentRule } from '../checks/flag-rules.js';

const CONSEQUENCE = 'it serves Go profiling data under /debug/pprof, which reveals internals and costs CPU when fetched.';

/**
 * kube-scheduler ignores --profiling when it reads a KubeSchedulerConfiguration
 * (--config); the file's enableProfiling decides, and it defaults to true.
 */
export default componentRule({
  id: 'scheduler-profiling-enabled',
  description: 'The scheduler does not serve profiling data.',
  severity: 'warning',
  remediation: 'Set --profiling=false on kube-scheduler, or enableProfiling: false in its KubeSchedulerConfiguration when it uses --config.',
  component: 'kube-scheduler',
  kinds: ['KubeSchedulerConfiguration'],
  evaluate: (invocation) => booleanFlagProblems(invocation, { flag: 'profiling', required: false, defaultValue: true, consequence: CONSEQUENCE }),
  checkConfig(resource, ctx) {
    if (resource.group !== 'kubescheduler.config.k8s.io') return;
    const value: unknown = resource.object['enableProfiling'];
    if (value === false) return;
    if (value === undefined || value === null) {
      ctx.report({ path: ['enableProfiling'], message: `KubeSchedulerConfiguration does not set enableProfiling, which defaults to true; ${CONSEQUENCE}` });
    } else {
      ctx.report({ path: ['enableProfiling'], message: `KubeSchedulerConfiguration sets enableProfiling: ${String(value)}; ${CONSEQUENCE}` });
    }
  },
});
