import { minimumFlagRule } from '../checks/flag-rules.js';

/** 0, the default, keeps every rotated audit log file. */
export default minimumFlagRule({
  id: 'apiserver-audit-log-maxbackup-low',
  description: 'The API server keeps at least 10 rotated audit log files.',
  severity: 'warning',
  remediation: 'Set --audit-log-maxbackup to 10 or more on kube-apiserver, or leave it unset to keep every rotated file.',
  component: 'kube-apiserver',
  flag: 'audit-log-maxbackup',
  min: 10,
  defaultValue: 0,
  zeroMeans: Number.POSITIVE_INFINITY,
  consequence: 'fewer than 10 rotated audit log files are kept.',
});
