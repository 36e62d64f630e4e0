import { colors } from './colors.js';
import type { ReachEdge, ReachEnd, ReachNode, ReachReport } from '../base/types.js';
import { escapeMarkdown } from './markdown.js';

/**
 * The reachability report as a terminal table and as Markdown: one row per
 * allowed path (from, to, ports) with how each end allowed it, the rule and
 * its file and line, or that no policy selects the pod.
 */

const REASON_TEXT: Readonly<Record<ReachEnd['reason'], string>> = {
  rule: '',
  'no-policy': 'open: no policy selects the pod',
  passed: 'open: passed on, no policy decides',
  'end-of-tier': 'denied at the end of a tier',
  'not-a-pod': '-',
  self: 'a pod reaches itself',
  'local-node': 'own node, always allowed',
};

/** How one end allowed a path, in words, with the rule's location. */
export function reachEndText(end: ReachEnd, withLocation = true): string {
  if (!end.rule) return REASON_TEXT[end.reason];
  const at = withLocation ? ` (${end.rule.file}:${end.rule.line})` : '';
  const passed = end.passedBy && end.passedBy.length > 0 ? ` after Pass by ${end.passedBy.map((p) => p.label).join(', ')}` : '';
  const tie = end.ambiguousWith ? ` [ambiguous with ${end.ambiguousWith.label}]` : '';
  return `${end.rule.label}${at}${passed}${tie}`;
}

function labelOf(nodes: ReadonlyMap<string, ReachNode>, id: string): string {
  return nodes.get(id)?.label ?? id;
}

function summary(report: ReachReport): string {
  const selected = report.nodes.filter((n) => n.selected).length;
  return `Reachability of ${report.selection}: ${selected} workload${selected === 1 ? '' : 's'} selected, ${report.edges.length} allowed path${report.edges.length === 1 ? '' : 's'} in or out.`;
}

function rows(report: ReachReport): string[][] {
  const nodes = new Map(report.nodes.map((n) => [n.id, n]));
  return report.edges.map((e: ReachEdge) => [labelOf(nodes, e.from), labelOf(nodes, e.to), e.ports, reachEndText(e.egress), reachEndText(e.ingress)]);
}

const HEADERS = ['From', 'To', 'Ports', 'Source egress', 'Destination ingress'];

/** The reachability report as a terminal table. */
export function reachText(report: ReachReport, options: { color: boolean }): string {
  const c = colors(options.color);
  const table = rows(report);
  const lines = [c.bold(summary(report)), ''];
  if (table.length === 0) {
    lines.push('No allowed path into or out of the selected workloads.');
  } else {
    const widths = HEADERS.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] as string).length)));
    const format = (cells: string[]) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
        .join('  ')
        .trimEnd();
    lines.push(c.bold(format(HEADERS)));
    for (const row of table) {
      const open = row[3]?.startsWith('open') || row[4]?.startsWith('open');
      lines.push(open ? c.yellow(format(row)) : format(row));
    }
  }
  for (const note of report.notes) lines.push(c.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}

/** The reachability report as a Markdown table. */
export function reachMarkdown(report: ReachReport): string {
  const lines = [`### ${escapeMarkdown(summary(report))}`, ''];
  const table = rows(report);
  if (table.length === 0) {
    lines.push('No allowed path into or out of the selected workloads.');
  } else {
    lines.push(`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`);
    for (const row of table) lines.push(`| ${row.map((cell) => escapeMarkdown(cell).replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${escapeMarkdown(n)}`));
  return `${lines.join('\n')}\n`;
}
