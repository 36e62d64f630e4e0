import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'controller-manager-profiling-enabled',
  description: 'The controller manager does not serve profiling data.',
  severity: 'warning',
  remediation: 'Set --profiling=false on kube-controller-manager.',
  component: 'kube-controller-manager',
  flag: 'profiling',
  required: false,
  defaultValue: true,
  consequence: 'it serves Go profiling data under /debug/pprof, which reveals internals and costs CPU when fetched.',
});
