import { printableKeepingLines } from './inert.js';
import { formatKubeVersion } from '../base/kube-version.js';
import { resourceLabel } from '../model/resource.js';
import { complianceReport, formatScore, type ControlStatus, type FrameworkResult } from '../report/compliance.js';
import { groupByRule, sourceLink } from '../report/rule-groups.js';
import type { Finding, Severity } from '../base/types.js';
import { countBySeverity, plural } from './counts.js';
import type { Formatter } from './types.js';

/** Rules shown in "Top findings"; the rest are counted. */
export const MARKDOWN_TOP_RULES = 15;
/** Findings listed per rule. */
export const MARKDOWN_FINDINGS_PER_RULE = 10;
/** Suppressed findings listed; the rest are counted. */
export const MARKDOWN_SUPPRESSIONS = 50;
/**
 * Characters the rule blocks may take: GitHub cuts a comment at 65,536, and
 * the tables around them need room too.
 */
export const MARKDOWN_FINDINGS_BUDGET = 40_000;

const SEVERITY_MARK: Readonly<Record<Severity, string>> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

const STATUS_COLUMNS: readonly [ControlStatus, string][] = [
  ['failed', 'Failed'],
  ['not-applicable', 'Not applicable'],
  ['not-evaluated', 'Not evaluated'],
  ['manual', 'Manual'],
  ['not-static', 'Not static'],
];

/**
 * Text from the input as inert Markdown: no HTML, no emphasis, links or
 * table breaks that a manifest could smuggle into a PR comment, on one line.
 */
export function escapeMarkdown(text: string): string {
  return (
    printableKeepingLines(text)
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
      .replace(/@/g, '@\u200b')
      // GitHub links bare URLs (https://x, www.x) even in escaped text: a zero-width space keeps them text.
      .replace(/:\/\//g, ':/\u200b/')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200b.`)
  );
}

/** Text inside an HTML element (`<summary>`), where Markdown escapes would show as written. */
function escapeHtml(text: string): string {
  return printableKeepingLines(text)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
}

/** Inline code that cannot be closed early by the text it holds, nor split a table row. */
function code(text: string): string {
  const clean = printableKeepingLines(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|');
  // A loop, not Math.max(...): a name from the input may hold more runs of backticks than a call takes arguments.
  const longest = (clean.match(/`+/g) ?? []).reduce((n, m) => Math.max(n, m.length), 0);
  const fence = '`'.repeat(longest + 1);
  return clean.startsWith('`') || clean.endsWith('`') ? `${fence} ${clean} ${fence}` : `${fence}${clean}${fence}`;
}

function where(f: Finding, base: string | undefined): string {
  const label = `${f.file}:${f.range.start.line}`;
  if (f.file.startsWith('<')) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${sourceLink(f.file, f.range.start.line, base)})`;
}

function scoreCell(fw: FrameworkResult): string {
  return fw.score === null ? 'n/a' : `**${formatScore(fw.score)}%**`;
}

/**
 * A compliance summary for a CI job summary or a pull request comment: the
 * score table per framework, then the top findings grouped by rule, each in
 * a collapsed block with file:line links, then the failed controls and the
 * suppressions. Long inputs are cut to the top rules and findings (counted)
 * so the text stays within what a comment may hold.
 */
export const markdown: Formatter = (result, options) => {
  const report = complianceReport(result);
  const open = result.findings.filter((f) => !f.suppression);
  const suppressed = result.findings.filter((f) => f.suppression);
  const counts = countBySeverity(open);
  const base = options.sourceLinkBase;
  const out: string[] = [];

  out.push('## Kubernetes compliance report', '');
  const meta = [
    `${escapeMarkdown(options.tool.name)} ${escapeMarkdown(options.tool.version)}`,
    `Kubernetes ${formatKubeVersion(result.kubeVersion)}`,
    `${plural(result.files.length, 'file')}, ${plural(result.resources.length, 'resource')}`,
    `${plural(open.length, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info), ${suppressed.length} suppressed`,
  ];
  if (options.generatedAt) meta.push(`generated ${escapeMarkdown(options.generatedAt)}`);
  out.push(meta.join(' · '), '');

  if (report.inputProblems.length > 0) {
    out.push(
      `> [!WARNING]`,
      `> ${plural(report.inputProblems.length, 'part')} of the input could not be read or checked (parse or rule errors); controls were decided on the rest.`,
      '',
    );
  }

  if (report.frameworks.length > 0) {
    out.push(`| Framework | Score | Passed / decided | ${STATUS_COLUMNS.map(([, h]) => h).join(' | ')} |`);
    out.push(`|:--|--:|--:|${STATUS_COLUMNS.map(() => '--:').join('|')}|`);
    for (const fw of report.frameworks) {
      const name = `${escapeMarkdown(fw.title)} ${escapeMarkdown(fw.version)} (${code(fw.id)})`;
      out.push(`| ${name} | ${scoreCell(fw)} | ${fw.passed} / ${fw.passed + fw.failed} | ${STATUS_COLUMNS.map(([s]) => fw.counts[s]).join(' | ')} |`);
    }
    out.push(
      '',
      '<sub>Score = passed ÷ decided (passed + failed) automated controls × 100, rounded down. Manual, not-static, not-applicable and not-evaluated controls are not scored; a manual or not-static control with a finding counts as failed here, but not in the score. Suppressed findings do not fail a control.</sub>',
      '',
    );
  }

  const groups = groupByRule(open, result.rules);
  if (groups.length === 0) {
    out.push(`✅ No open findings in ${plural(result.files.length, 'file')}.`, '');
  } else {
    out.push('### Top findings by rule', '');
    let used = 0;
    let shown = 0;
    for (const g of groups.slice(0, MARKDOWN_TOP_RULES)) {
      const start = out.length;
      const controls = g.controls.map((c) => `${c.framework} ${c.id}`);
      const shownControls = controls.slice(0, 6).map(escapeHtml).join(', ') + (controls.length > 6 ? `, +${controls.length - 6} more` : '');
      out.push('<details>');
      out.push(
        `<summary>${SEVERITY_MARK[g.severity]} · <code>${escapeHtml(g.ruleId)}</code> · ${plural(g.findings.length, 'finding')}${shownControls ? ` · ${shownControls}` : ''}</summary>`,
        '',
      );
      if (g.description) out.push(escapeMarkdown(g.description), '');
      if (g.remediation) out.push(`**Fix:** ${escapeMarkdown(g.remediation)}`, '');
      for (const f of g.findings.slice(0, MARKDOWN_FINDINGS_PER_RULE)) {
        const subject = f.resource ? `${code(resourceLabel(f.resource))}: ` : '';
        out.push(`- ${where(f, base)} ${subject}${escapeMarkdown(f.message)}`);
      }
      if (g.findings.length > MARKDOWN_FINDINGS_PER_RULE) out.push(`- … and ${g.findings.length - MARKDOWN_FINDINGS_PER_RULE} more`);
      out.push('', '</details>', '');
      used += out.slice(start).reduce((n, line) => n + line.length + 1, 0);
      if (used > MARKDOWN_FINDINGS_BUDGET && shown > 0) {
        out.length = start;
        break;
      }
      shown++;
    }
    if (groups.length > shown) {
      const rest = groups.slice(shown);
      const n = rest.reduce((sum, g) => sum + g.findings.length, 0);
      out.push(`… and ${plural(n, 'finding')} of ${plural(rest.length, 'more rule')}.`, '');
    }
  }

  const failing = report.frameworks.filter((fw) => fw.counts.failed > 0);
  if (failing.length > 0) {
    out.push('### Failed controls', '');
    for (const fw of failing) {
      const failed = fw.controls.filter((c) => c.status === 'failed');
      out.push('<details>', `<summary>${escapeHtml(fw.title)}: ${plural(failed.length, 'failed control')}</summary>`, '');
      out.push('| Control | Title | Resources failed | Findings |', '|:--|:--|--:|--:|');
      for (const c of failed) {
        const mark = c.assessment === 'automated' ? '' : ` (${c.assessment})`;
        out.push(`| ${code(c.id)} | ${escapeMarkdown(c.title)}${mark} | ${c.resources.failed} of ${c.resources.evaluated} | ${c.findings.length} |`);
      }
      out.push('', '</details>', '');
    }
  }

  if (suppressed.length > 0) {
    out.push('### Suppressed findings', '', '<details>', `<summary>${plural(suppressed.length, 'suppressed finding')}, accepted with a reason</summary>`, '');
    out.push('| Rule | Where | Source | Reason | Expires |', '|:--|:--|:--|:--|:--|');
    for (const f of suppressed.slice(0, MARKDOWN_SUPPRESSIONS)) {
      const s = f.suppression as NonNullable<Finding['suppression']>;
      const subject = f.resource ? ` ${code(resourceLabel(f.resource))}` : '';
      out.push(`| ${code(f.ruleId)} | ${where(f, base)}${subject} | ${s.source} | ${escapeMarkdown(s.reason)} | ${s.expires ?? '–'} |`);
    }
    if (suppressed.length > MARKDOWN_SUPPRESSIONS) out.push('', `… and ${suppressed.length - MARKDOWN_SUPPRESSIONS} more.`);
    out.push('', '</details>', '');
  }

  return out.join('\n');
};
