import { minimumFlagRule } from '../checks/flag-rules.js';

/** 0, the default, removes no audit log file because of its age, which keeps them longer than 30 days. */
export default minimumFlagRule({
  id: 'apiserver-audit-log-maxage-low',
  description: 'The API server keeps rotated audit log files for at least 30 days.',
  severity: 'warning',
  remediation:
    'Set --audit-log-maxage to 30 or more on kube-apiserver, or leave it unset (no age limit) and bound the disk use with --audit-log-maxbackup and --audit-log-maxsize.',
  component: 'kube-apiserver',
  flag: 'audit-log-maxage',
  min: 30,
  defaultValue: 0,
  zeroMeans: Number.POSITIVE_INFINITY,
  consequence: 'rotated audit log files are deleted before they are 30 days old.',
});
