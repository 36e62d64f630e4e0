import { minimumFlagRule } from '../checks/flag-rules.js';

/** 0, the default, lets the log library rotate at 100 MB. */
export default minimumFlagRule({
  id: 'apiserver-audit-log-maxsize-low',
  description: 'The API server rotates its audit log file only once it holds 100 MB.',
  severity: 'warning',
  remediation: 'Set --audit-log-maxsize to 100 or more (megabytes) on kube-apiserver, or leave it unset (100 MB).',
  component: 'kube-apiserver',
  flag: 'audit-log-maxsize',
  min: 100,
  defaultValue: 0,
  zeroMeans: 100,
  consequence: 'audit log files are rotated before they hold 100 MB, so each kept file covers less history.',
});
