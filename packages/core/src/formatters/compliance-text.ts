import { printable as inertText } from './inert.js';
import { colors } from './colors.js';
import { plural } from './counts.js';
import type { Formatter } from './types.js';
import { resourceLabel } from '../model/resource.js';
import { complianceReport, formatScore, type ControlStatus } from '../report/compliance.js';

/** Findings listed under each failed control; the rest are counted. */
const FINDINGS_PER_CONTROL = 3;

const LISTED: readonly [ControlStatus, string][] = [
  ['passed', 'passed'],
  ['not-applicable', 'not applicable'],
  ['not-evaluated', 'not evaluated (rules off)'],
  ['manual', 'manual'],
  ['not-static', 'not static'],
];

function printable(text: string): string {
  return inertText(text);
}

/** Ids as one wrapped paragraph, indented. */
function wrapIds(ids: readonly string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const id of ids) {
    const next = line === '' ? id : `${line}, ${id}`;
    if (indent.length + next.length > width && line !== '') {
      lines.push(`${indent}${line},`);
      line = id;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}

/**
 * The compliance report for a terminal (`kubecomply report`): per framework
 * its score, each failed control with a few of its findings, then the ids of
 * the controls in every other status.
 */
export const complianceText: Formatter = (result, options) => {
  const c = colors(options.color);
  const report = complianceReport(result);
  const out: string[] = [];
  if (report.inputProblems.length > 0) {
    out.push(c.yellow(`⚠ ${plural(report.inputProblems.length, 'part')} of the input could not be read or checked; controls were decided on the rest.`), '');
  }
  for (const fw of report.frameworks) {
    const score =
      fw.score === null
        ? c.dim('score n/a (no automated control decided)')
        : `score ${c.bold(`${formatScore(fw.score)}%`)} (${fw.passed} of ${fw.passed + fw.failed} decided controls passed)`;
    out.push(`${c.bold(printable(fw.title))} ${printable(fw.version)} ${c.dim(`[${printable(fw.id)}]`)}  ${score}`);
    const failed = fw.controls.filter((x) => x.status === 'failed');
    for (const control of failed) {
      const kind = control.assessment === 'automated' ? '' : c.dim(` (${control.assessment})`);
      const resources = control.rules.length > 0 ? `, ${control.resources.failed} of ${plural(control.resources.evaluated, 'resource')}` : '';
      out.push(
        `  ${c.red('✖')} ${printable(control.id)}  ${printable(control.title)}${kind}  ${c.dim(`${plural(control.findings.length, 'finding')}${resources}`)}`,
      );
      for (const f of control.findings.slice(0, FINDINGS_PER_CONTROL)) {
        const subject = f.resource ? `${resourceLabel(f.resource)} ` : '';
        out.push(c.dim(`      ${printable(`${f.file}:${f.range.start.line}:${f.range.start.column}`)}  ${printable(subject)}${f.ruleId}`));
      }
      if (control.findings.length > FINDINGS_PER_CONTROL) out.push(c.dim(`      … and ${control.findings.length - FINDINGS_PER_CONTROL} more`));
    }
    for (const [status, label] of LISTED) {
      const ids = fw.controls.filter((x) => x.status === status).map((x) => printable(x.id));
      if (ids.length === 0) continue;
      const mark = status === 'passed' ? c.green('✔') : c.dim('·');
      out.push(`  ${mark} ${ids.length} ${label}:`);
      out.push(...wrapIds(ids, '      ').map((l) => c.dim(l)));
    }
    const suppressed = new Set(fw.controls.flatMap((x) => x.suppressed)).size;
    if (suppressed > 0) out.push(c.dim(`  ${plural(suppressed, 'suppressed finding')} of its rules, not counted as failures.`));
    out.push('');
  }
  out.push(
    c.dim(
      'Score = passed ÷ (passed + failed) automated controls × 100, rounded down; manual, not-static, not-applicable and not-evaluated controls are not scored.',
    ),
  );
  return out.join('\n') + '\n';
};
