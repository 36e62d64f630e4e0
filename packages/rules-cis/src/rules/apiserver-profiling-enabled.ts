import { booleanFlagRule } from '../checks/flag-rules.js';

export default booleanFlagRule({
  id: 'apiserver-profiling-enabled',
  description: 'The API server does not serve profiling data.',
  severity: 'warning',
  remediation: 'Set --profiling=false on kube-apiserver.',
  component: 'kube-apiserver',
  flag: 'profiling',
  required: false,
  defaultValue: true,
  consequence: 'it serves Go profiling data under /debug/pprof, which reveals internals and costs CPU when fetched.',
});
