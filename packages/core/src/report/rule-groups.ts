import type { ActiveRule } from '../engine/result.js';
import { severityRank, type ControlRef, type Finding, type Severity } from '../base/types.js';

/** The findings of one rule, with what reports say about the rule. */
export interface RuleGroup {
  ruleId: string;
  /** The highest severity among the findings. */
  severity: Severity;
  description: string;
  remediation: string;
  controls: readonly ControlRef[];
  findings: readonly Finding[];
}

/**
 * Findings grouped by rule, the most severe rules first, then the ones with
 * the most findings, then by id: the order a reader should fix them in.
 */
export function groupByRule(findings: readonly Finding[], rules: readonly ActiveRule[]): RuleGroup[] {
  const meta = new Map(rules.map((r) => [r.id, r]));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = groups.get(f.ruleId);
    if (!list) groups.set(f.ruleId, (list = []));
    list.push(f);
  }
  const out = [...groups].map(([ruleId, list]): RuleGroup => {
    const first = list[0] as Finding;
    const severity = list.reduce<Severity>((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), first.severity);
    const rule = meta.get(ruleId);
    return {
      ruleId,
      severity,
      description: rule?.description ?? '',
      remediation: rule?.remediation ?? first.remediation,
      controls: rule?.controls ?? first.controls,
      findings: list,
    };
  });
  return out.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || b.findings.length - a.findings.length || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/**
 * A link to a line of a file: `<base><file>#L<line>`, the file's path
 * segments URL-encoded, parentheses too, so a file name cannot end a
 * Markdown link early.
 */
export function sourceLink(file: string, line: number, base = ''): string {
  const encoded = file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
  return `${base}${encoded}#L${line}`;
}
