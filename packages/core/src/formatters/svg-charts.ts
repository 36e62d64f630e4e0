import { printableKeepingLines } from './inert.js';
/**
 * Small SVG charts for the HTML report, drawn as markup so they show without
 * script, print, and come out byte-identical for the same data. Coordinates
 * are rounded to one decimal for that reason.
 */

export function escapeXml(text: string): string {
  return (
    printableKeepingLines(text)
      .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string)
      // Line ends as references: a raw newline from a name would start a line of its own in a log that prints the file.
      .replace(/\r/g, '&#13;')
      .replace(/\n/g, '&#10;')
  );
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

/** Label text cut to fit the label column; the full text is in a <title>. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export interface Bar {
  label: string;
  /** 0..max. */
  value: number;
  /** CSS class of the bar (its colour): the stylesheet defines them. */
  tone: string;
  /** Printed after the bar. */
  text: string;
}

export interface BarChartOptions {
  title: string;
  max: number;
  width?: number;
  labelWidth?: number;
  /** Draws ticks at 0, 25, 50, 75 and 100 % of max. */
  axis?: boolean;
}

const ROW = 26;
const BAR = 16;

/** Horizontal bars, one row per item, the label on the left. */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 760;
  const labelWidth = options.labelWidth ?? 280;
  const textWidth = 90;
  const plot = width - labelWidth - textWidth;
  const top = options.axis ? 18 : 4;
  const height = top + bars.length * ROW + 4;
  const maxChars = Math.floor(labelWidth / 7.4);
  const out: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeXml(options.title)}</title>`,
  ];
  if (options.axis) {
    for (const pct of [0, 25, 50, 75, 100]) {
      const x = labelWidth + (plot * pct) / 100;
      out.push(`<line class="grid" x1="${round(x)}" y1="${top - 4}" x2="${round(x)}" y2="${height - 2}"/>`);
      out.push(`<text class="tick" x="${round(x)}" y="${top - 7}" text-anchor="middle">${round((options.max * pct) / 100)}</text>`);
    }
  }
  bars.forEach((bar, i) => {
    const y = top + i * ROW;
    const w = options.max > 0 ? (plot * Math.min(Math.max(bar.value, 0), options.max)) / options.max : 0;
    out.push(`<g class="row"><title>${escapeXml(`${bar.label}: ${bar.text}`)}</title>`);
    out.push(`<text class="label" x="${labelWidth - 8}" y="${y + BAR - 3}" text-anchor="end">${escapeXml(clip(bar.label, maxChars))}</text>`);
    out.push(`<rect class="track" x="${labelWidth}" y="${y}" width="${round(plot)}" height="${BAR}" rx="3"/>`);
    out.push(`<rect class="bar ${escapeXml(bar.tone)}" x="${labelWidth}" y="${y}" width="${round(w)}" height="${BAR}" rx="3"/>`);
    out.push(`<text class="value" x="${round(labelWidth + plot + 6)}" y="${y + BAR - 3}">${escapeXml(bar.text)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('');
}

export interface Segment {
  value: number;
  tone: string;
  label: string;
}

export interface StackedRow {
  label: string;
  segments: readonly Segment[];
}

/** Horizontal bars split into segments (controls per status), each row scaled to 100 %, with a legend. */
export function stackedChart(
  rows: readonly StackedRow[],
  legend: readonly { tone: string; label: string }[],
  title: string,
  width = 760,
  labelWidth = 280,
): string {
  const plot = width - labelWidth - 10;
  // The legend flows over as many lines as it needs.
  const keys: string[] = [];
  let x = 8;
  let y = 4;
  for (const item of legend) {
    const w = 24 + item.label.length * 6.2;
    if (x + w > width && x > 8) {
      x = 8;
      y += 18;
    }
    keys.push(`<rect class="bar ${escapeXml(item.tone)}" x="${round(x)}" y="${y}" width="12" height="12" rx="2"/>`);
    keys.push(`<text class="legend" x="${round(x + 16)}" y="${y + 10}">${escapeXml(item.label)}</text>`);
    x += w;
  }
  const legendHeight = y + 22;
  const height = legendHeight + rows.length * ROW + 4;
  const maxChars = Math.floor(labelWidth / 7.4);
  const out: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeXml(title)}</title>`,
    ...keys,
  ];
  rows.forEach((row, i) => {
    const y = legendHeight + i * ROW;
    const total = row.segments.reduce((sum, s) => sum + s.value, 0);
    out.push(
      `<g class="row"><text class="label" x="${labelWidth - 8}" y="${y + BAR - 3}" text-anchor="end">${escapeXml(clip(row.label, maxChars))}<title>${escapeXml(row.label)}</title></text>`,
    );
    let at = labelWidth;
    for (const s of row.segments) {
      if (s.value <= 0 || total === 0) continue;
      const w = (plot * s.value) / total;
      out.push(
        `<rect class="bar ${escapeXml(s.tone)}" x="${round(at)}" y="${y}" width="${round(w)}" height="${BAR}"><title>${escapeXml(`${row.label}: ${s.value} ${s.label}`)}</title></rect>`,
      );
      if (w >= 22) out.push(`<text class="inbar" x="${round(at + w / 2)}" y="${y + BAR - 4}" text-anchor="middle">${s.value}</text>`);
      at += w;
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
