import type { ReachReport } from '../base/types.js';
import { reachLegendHtml, reachSvg } from './reach-svg.js';
import { escapeXml as esc } from './svg-charts.js';

/** The HTML report's reachability section: the picture, its legend and the model's notes; empty without a report. */
export function reachSection(report: ReachReport | undefined): string {
  if (!report || report.nodes.length === 0) return '';
  const notes = report.notes.length > 0 ? `<ul class="note">${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return [
    `<section id="reachability"><h2>Reachability of ${esc(report.selection)}</h2>`,
    '<p class="note">Every connection the network policies allow into and out of the selected workloads (Kubernetes NetworkPolicy, Calico and AdminNetworkPolicy evaluated together). Tinted boxes are in the CDE. Red arrows cross its boundary (from a workload outside it, or to or from any address); dashed ones are open because no policy decides for the pod. The table gives the rule, file and line that allows each end.</p>',
    `<div class="reach-picture" style="overflow-x:auto">${reachSvg(report)}</div>`,
    reachLegendHtml(report),
    notes,
    '</section>',
  ].join('\n');
}
