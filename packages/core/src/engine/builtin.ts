import type { RuleMeta } from './rule.js';

/** Findings the engine itself raises about the input or about a rule. */
export const BUILTIN_RULES: readonly RuleMeta[] = [
  {
    id: 'parse-error',
    description: 'Every input file is readable YAML or JSON text.',
    severity: 'error',
    remediation: 'Fix the syntax at the reported line, or exclude the file if it is not a manifest.',
  },
  {
    id: 'duplicate-key',
    description: 'A mapping does not repeat a key.',
    severity: 'warning',
    remediation: 'Remove all but one of the repeated keys; Kubernetes silently keeps only the last one.',
  },
  {
    id: 'empty-file',
    description: 'Every input file holds at least one YAML document.',
    severity: 'warning',
    remediation: 'Remove the file, or check what should have produced its content (a Helm template that renders nothing, a failed generator).',
  },
  {
    id: 'rule-error',
    description: 'A rule failed while checking a resource.',
    severity: 'error',
    remediation: 'Report the failure to the rule package maintainers with the manifest that caused it.',
  },
  {
    id: 'suppression-invalid',
    description: 'Every ignore.kubecomply.io/<rule-id> annotation names a known rule and gives a reason, with an optional expiry date written YYYY-MM-DD.',
    severity: 'warning',
    remediation:
      'Write why the finding is accepted, e.g. ignore.kubecomply.io/host-pid: "node-exporter reads host process metrics; expires=2026-12-31", or remove the annotation.',
  },
  {
    id: 'unused-suppression',
    description: 'Every suppression, by annotation or in the config, still suppresses a finding.',
    severity: 'warning',
    remediation: 'Remove the suppression: what it accepted is fixed, and left in place it would silently hide the problem if it came back.',
  },
];

export const BUILTIN_RULE_IDS: ReadonlySet<string> = new Set(BUILTIN_RULES.map((r) => r.id));

/**
 * Built-in rules nothing can silence: a rule that failed left its resource
 * unchecked, so any finding it would have made is unknown. No severity
 * setting, `--disable`, annotation, config suppression or baseline turns
 * them off or suppresses them, and they fail the run at every `failOn`.
 */
export const UNSILENCEABLE_RULE_IDS: ReadonlySet<string> = new Set(['rule-error']);
