import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { YamlDocument } from '../parse/document.js';
import { readTemplate, type Define, type TemplateFile } from './template.js';

/** A chart's source on disk: its name, folder, and the chart it is a subchart of. */
export interface Chart {
  name: string;
  /** Absolute folder holding Chart.yaml. */
  dir: string;
  parent?: Chart;
  /** Name under which the parent passes values to it (its folder name under `charts/`). */
  alias?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'templates']);
/** Folders visited at most when looking for charts, so a huge tree cannot stall a run. */
const MAX_DIRS = 20000;

function chartName(dir: string): string | undefined {
  try {
    const doc = YamlDocument.parse(readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
    const name = (doc.value as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds every chart (a folder with Chart.yaml) under the given roots,
 * subcharts under `charts/` included, each with its parent.
 */
export function findCharts(roots: readonly string[]): Chart[] {
  const charts: Chart[] = [];
  const seen = new Set<string>();
  let visited = 0;
  const visit = (dir: string, parent: Chart | undefined, depth: number) => {
    if (visited++ > MAX_DIRS || depth > 12 || seen.has(dir)) return;
    seen.add(dir);
    let here = parent;
    if (existsSync(path.join(dir, 'Chart.yaml'))) {
      const name = chartName(dir);
      if (name) {
        const chart: Chart = { name, dir };
        if (parent && path.basename(path.dirname(dir)) === 'charts' && path.dirname(path.dirname(dir)) === parent.dir) {
          chart.parent = parent;
          chart.alias = path.basename(dir);
        }
        charts.push(chart);
        here = chart;
      }
    }
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (SKIP_DIRS.has(entry) || entry.startsWith('.')) continue;
      const child = path.join(dir, entry);
      let isDir = false;
      try {
        isDir = statSync(child).isDirectory();
      } catch {
        continue;
      }
      if (isDir) visit(child, here, depth + 1);
    }
  };
  for (const root of roots) {
    let dir = path.resolve(root);
    try {
      if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
    } catch {
      continue;
    }
    visit(dir, undefined, 0);
  }
  return charts;
}

/** Whether a file is a chart's template (under `<chart>/templates/`), which is not a manifest to lint. */
export function isChartTemplate(absolute: string): boolean {
  const parts = absolute.split(path.sep);
  const i = parts.lastIndexOf('templates');
  if (i <= 0) return false;
  return existsSync(path.join(parts.slice(0, i).join(path.sep) || path.sep, 'Chart.yaml'));
}

/** Templates of a chart and of its parents and subcharts, read once, with the defines they hold. */
export class ChartFiles {
  private readonly templates = new Map<string, TemplateFile | null>();
  private defineIndex: Map<string, { file: string; define: Define }> | undefined;

  constructor(private readonly charts: readonly Chart[]) {}

  template(file: string): TemplateFile | undefined {
    let t = this.templates.get(file);
    if (t === undefined) {
      try {
        t = readTemplate(readFileSync(file, 'utf8'));
      } catch {
        t = null;
      }
      this.templates.set(file, t);
    }
    return t ?? undefined;
  }

  /** The named template `name`, looked up in the chart's family (Helm shares defines across a chart and its subcharts). */
  define(name: string): { file: string; define: Define } | undefined {
    if (!this.defineIndex) {
      this.defineIndex = new Map();
      for (const chart of this.charts) {
        for (const file of templateFiles(path.join(chart.dir, 'templates'))) {
          const t = this.template(file);
          if (!t) continue;
          for (const [n, define] of t.defines) if (!this.defineIndex.has(n)) this.defineIndex.set(n, { file, define });
        }
      }
    }
    return this.defineIndex.get(name);
  }
}

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  // Helm reads helpers first; order decides which of two same-named defines wins, so keep it stable.
  for (const e of entries) {
    const p = path.join(dir, e);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) out.push(...templateFiles(p));
    else if (/\.(tpl|yaml|yml)$/.test(e)) out.push(p);
  }
  return out;
}

/** The family of a chart: itself, its parents and every subchart, for define lookup. */
export function chartFamily(chart: Chart, all: readonly Chart[]): Chart[] {
  let top = chart;
  while (top.parent) top = top.parent;
  const inside = (c: Chart) => c.dir === top.dir || c.dir.startsWith(top.dir + path.sep);
  const family = all.filter(inside);
  // The chart's own templates first: its defines win over same-named ones elsewhere.
  return [chart, ...family.filter((c) => c !== chart)];
}
