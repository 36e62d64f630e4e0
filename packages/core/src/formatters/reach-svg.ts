import type { ReachEdge, ReachNode, ReachReport } from '../base/types.js';
import { reachEndText } from './reach.js';
import { escapeXml as esc } from './svg-charts.js';

/**
 * The reachability picture: workloads as boxes (the selected ones in the
 * middle column, grouped by namespace, marked ones such as the CDE tinted),
 * what reaches them on the left, what they reach on the right, and every
 * allowed path as a numbered arrow labelled with its ports. The legend
 * below the picture gives each number's rules with file and line. Plain
 * SVG and HTML, no script, no external resource.
 */

const BOX = { width: 290, height: 30 };
const GAP = 12;
const GROUP_PAD = 10;
const GROUP_HEAD = 20;
const COLUMNS = [20, 450, 1030];
const WIDTH = 1340;
const TOP = 36;

interface Placed {
  node: ReachNode;
  x: number;
  y: number;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Lays out one column, grouping nodes by namespace; returns the bottom. */
function column(nodes: ReachNode[], x: number, placed: Map<string, Placed>, groups: string[]): number {
  let y = TOP;
  const byNamespace = new Map<string, ReachNode[]>();
  for (const n of nodes) {
    const key = n.kind === 'addresses' ? '' : (n.namespace ?? '');
    let list = byNamespace.get(key);
    if (!list) byNamespace.set(key, (list = []));
    list.push(n);
  }
  for (const [namespace, list] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const grouped = namespace !== '';
    const top = y;
    if (grouped) y += GROUP_HEAD;
    for (const node of list) {
      placed.set(node.id, { node, x: x + (grouped ? GROUP_PAD : 0), y });
      y += BOX.height + GAP;
    }
    if (grouped) {
      const marked = list.some((n) => n.marked);
      groups.push(
        `<g class="ns${marked ? ' marked' : ''}"><rect x="${x - 2}" y="${top}" width="${BOX.width + 2 * GROUP_PAD + 4}" height="${y - top}" rx="8"/>` +
          `<text x="${x + 6}" y="${top + 14}">namespace ${esc(namespace)}</text></g>`,
      );
      y += GAP;
    }
  }
  return y;
}

function edgeLabel(edge: ReachEdge): string {
  return clip(edge.ports, 26);
}

/** The reachability picture, as a self-contained SVG. */
export function reachSvg(report: ReachReport): string {
  const froms = new Set(report.edges.map((e) => e.from));
  const selected = report.nodes.filter((n) => n.selected);
  const left = report.nodes.filter((n) => !n.selected && froms.has(n.id));
  const right = report.nodes.filter((n) => !n.selected && !froms.has(n.id));
  const placed = new Map<string, Placed>();
  const groups: string[] = [];
  const height =
    Math.max(
      column(left, COLUMNS[0] as number, placed, groups),
      column(selected, COLUMNS[1] as number, placed, groups),
      column(right, COLUMNS[2] as number, placed, groups),
    ) + 10;

  const boxes = [...placed.values()].map(({ node, x, y }) => {
    const cls = [node.kind, node.selected ? 'selected' : '', node.marked ? 'marked' : ''].filter(Boolean).join(' ');
    return (
      `<g class="node ${cls}"><title>${esc(node.label)}</title><rect x="${x}" y="${y}" width="${BOX.width}" height="${BOX.height}" rx="5"/>` +
      `<text x="${x + 8}" y="${y + 19}">${esc(clip(node.label, 42))}</text></g>`
    );
  });

  const arrows: string[] = [];
  const pairCount = new Map<string, number>();
  let internal = 0;
  report.edges.forEach((edge, i) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) return;
    const pair = `${edge.from}>${edge.to}`;
    const nth = pairCount.get(pair) ?? 0;
    pairCount.set(pair, nth + 1);
    const open = [edge.egress.reason, edge.ingress.reason].some((r) => r === 'no-policy' || r === 'passed');
    // A path across the selection's boundary (into the CDE from outside it, or out to any address) is drawn in red.
    const crossing = from.node.kind !== 'addresses' && to.node.kind !== 'addresses' && from.node.marked !== to.node.marked;
    const wide = to.node.label === 'any address' || from.node.label === 'any address';
    const cls = open ? ' open' : crossing || wide ? ' crossing' : '';
    const title = `[${i + 1}] ${from.node.label} → ${to.node.label}, ${edge.ports}; egress: ${reachEndText(edge.egress)}; ingress: ${reachEndText(edge.ingress)}`;
    const y1 = from.y + BOX.height / 2 + nth * 5;
    const y2 = to.y + BOX.height / 2 + nth * 5;
    let d: string;
    let lx: number;
    let ly: number;
    if (from.x < to.x) {
      const x1 = from.x + BOX.width;
      const x2 = to.x - 2;
      d = `M${x1},${y1} C${x1 + 90},${y1} ${x2 - 90},${y2} ${x2},${y2}`;
      // Outbound labels sit near their destination, clear of the arcs between selected boxes.
      const t = to.node.selected ? 0.5 : 0.75;
      lx = x1 + (x2 - x1) * t;
      ly = y1 + (y2 - y1) * t - 4;
    } else {
      // Between two boxes of the same column: an arc on the right side, each one wider than the last.
      const x = from.x + BOX.width;
      const bulge = 50 + 0.3 * Math.abs(y2 - y1) + 34 * internal++;
      d = `M${x},${y1} C${x + bulge},${y1} ${x + bulge},${y2} ${x + 2},${y2}`;
      lx = x + bulge * 0.75;
      ly = (y1 + y2) / 2 + 4;
    }
    arrows.push(
      `<g class="edge${cls}"><title>${esc(title)}</title><path d="${d}" marker-end="url(#arrow${cls ? '-red' : ''})"/>` +
        `<text x="${lx}" y="${ly}" text-anchor="middle">[${i + 1}] ${esc(edgeLabel(edge))}</text></g>`,
    );
  });

  const style = [
    'svg.reach{font:12px system-ui,sans-serif;background:#fff}',
    '.reach .node rect{fill:#f4f6f8;stroke:#8a96a3}',
    '.reach .node.selected rect{fill:#e8f0fe;stroke:#3367d6}',
    '.reach .node.marked rect{fill:#fdecea;stroke:#c5221f;stroke-width:1.5}',
    '.reach .node.addresses rect{fill:#fff8e1;stroke:#b06000}',
    '.reach .ns rect{fill:none;stroke:#9aa0a6;stroke-dasharray:4 3}',
    '.reach .ns.marked rect{stroke:#c5221f}',
    '.reach .ns text{fill:#5f6368;font-size:11px}',
    '.reach .edge path{fill:none;stroke:#3367d6;stroke-width:1.4}',
    '.reach .edge.crossing path{stroke:#c5221f}',
    '.reach .edge.open path{stroke:#c5221f;stroke-dasharray:5 3}',
    '.reach .edge text{fill:#202124;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}',
    '.reach .head{font-weight:600;fill:#202124}',
  ].join('');
  return [
    `<svg class="reach" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(`Reachability of ${report.selection}`)}">`,
    `<style>${style}</style>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3367d6"/></marker>',
    '<marker id="arrow-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c5221f"/></marker>',
    '</defs>',
    `<text class="head" x="${COLUMNS[0]}" y="20">Who connects</text><text class="head" x="${COLUMNS[1]}" y="20">${esc(clip(report.selection, 40))}</text><text class="head" x="${COLUMNS[2]}" y="20">What they connect to</text>`,
    ...groups,
    ...arrows,
    ...boxes,
    '</svg>',
  ].join('\n');
}

/** The legend under the picture: each numbered path with its ports and the rule (file:line) at each end. */
export function reachLegendHtml(report: ReachReport): string {
  const nodes = new Map(report.nodes.map((n) => [n.id, n.label]));
  const rows = report.edges.map(
    (e, i) =>
      `<tr><td>${i + 1}</td><td>${esc(nodes.get(e.from) ?? e.from)}</td><td>${esc(nodes.get(e.to) ?? e.to)}</td><td>${esc(e.ports)}</td>` +
      `<td>${esc(reachEndText(e.egress))}</td><td>${esc(reachEndText(e.ingress))}</td></tr>`,
  );
  return (
    '<table class="reach-legend"><thead><tr><th>#</th><th>From</th><th>To</th><th>Ports</th><th>Source egress</th><th>Destination ingress</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
