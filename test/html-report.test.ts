/**
 * Renders the HTML compliance report of examples/shop/ in headless Chromium, as a
 * reader would open it, and checks that the charts, the findings table and
 * its filter script work. The screenshot is docs/images/html-report.png, for
 * the README: written when missing or with UPDATE_DOCS=1, so a run on another
 * machine's fonts does not rewrite it. Needs the built CLI and Debian's chromium package
 * (`apt-get install -y chromium`); without the browser the test is skipped.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, chromium as runChromium, warnWithoutChromium } from './support/chromium.js';
import { type JsonFinding, REPO_ROOT as root, jsonReport, runCli } from './support/cli.js';
import { readPng } from './support/png.js';

warnWithoutChromium('test/html-report.test.ts');

const SCREENSHOT = path.join(root, 'docs/images/html-report.png');
const WIDTH = 1280;
const HEIGHT = 2000;

describe.skipIf(!HAS_CHROMIUM)('the HTML report in headless Chromium', () => {
  let tmp: string;
  let page: string;
  let findings: (JsonFinding & { controls: unknown[] })[];
  let frameworks: number;

  const chromium = (args: readonly string[], url: string) => runChromium(tmp, args, url);

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-html-'));
    const html = runCli(['report', '--format', 'html', 'examples/shop/']);
    expect(html.code, html.stderr).toBe(0);
    page = path.join(tmp, 'report.html');
    writeFileSync(page, html.stdout);
    const lint = jsonReport(runCli(['--format', 'json', 'examples/shop/']));
    // Controls are listed once per rule in the JSON report; put them back on each finding here.
    findings = lint.findings.map((f) => ({ ...f, controls: lint.rules[f.ruleId]?.controls ?? [] }));
    frameworks = lint.frameworks.length;
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('runs its script: the filter form shows and counts the open findings', () => {
    const dom = chromium(['--virtual-time-budget=5000', '--dump-dom'], pathToFileURL(page).href);
    expect(dom).toMatch(/<html lang="en" data-ready="true">/);
    expect(dom).toMatch(/<form id="filters" class="filters">/);
    const open = findings.filter((f) => !f.suppression).length;
    expect(dom).toContain(`<p id="shown" class="muted">Showing ${open} of ${findings.length} findings</p>`);
    expect(findings.length).toBeGreaterThan(10);
  });

  it('draws the SVG charts with their bars, and the findings table row by row', () => {
    const dom = chromium(['--virtual-time-budget=5000', '--dump-dom'], pathToFileURL(page).href);
    const charts = dom.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(4);
    for (const chart of charts) {
      const widths = [...chart.matchAll(/<rect class="bar [^"]+" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(widths.filter((w) => w > 0).length, chart.slice(0, 200)).toBeGreaterThan(2);
    }
    // One score bar per framework, on the 0-100 axis.
    expect(frameworks).toBeGreaterThanOrEqual(6);
    expect(charts[0]!.match(/<rect class="track"/g)).toHaveLength(frameworks);
    const table = dom.slice(dom.indexOf('<table id="findings">'), dom.indexOf('</table>', dom.indexOf('<table id="findings">')));
    expect(table.match(/<tr data-severity="(error|warning|info)"/g)).toHaveLength(findings.length);
    expect(dom).toContain('<h2>Controls the files cannot decide</h2>');
    expect(dom).toContain('<h2>Suppressions</h2>');
  });

  it('filters from a linked fragment', () => {
    const dom = chromium(['--virtual-time-budget=5000', '--dump-dom'], `${pathToFileURL(page).href}#filter:severity=error&framework=pss-baseline`);
    const errors = findings.filter((f) => !f.suppression && f.severity === 'error' && JSON.stringify(f).includes('"framework":"pss-baseline"')).length;
    expect(errors).toBeGreaterThan(0);
    expect(dom).toContain(`Showing ${errors} of ${findings.length} findings`);
    const hidden = dom.match(/<tr data-severity="[^"]+"[^>]*hidden=""/g) ?? [];
    expect(hidden).toHaveLength(findings.length - errors);
  });

  it('looks like a report: a full-size, non-blank screenshot with coloured bars (docs/images/html-report.png)', () => {
    const shot = path.join(tmp, 'report.png');
    chromium([`--screenshot=${shot}`, `--window-size=${WIDTH},${HEIGHT}`, '--virtual-time-budget=5000'], pathToFileURL(page).href);
    const bytes = readFileSync(shot);
    expect(bytes.length).toBeGreaterThan(50_000);
    const png = readPng(bytes);
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    const colours = new Set<string>();
    let ink = 0;
    let red = 0;
    let green = 0;
    let samples = 0;
    for (let y = 0; y < png.height; y += 4) {
      for (let x = 0; x < png.width; x += 4) {
        const [r, g, b] = png.pixel(x, y);
        samples++;
        colours.add(`${r >> 4},${g >> 4},${b >> 4}`);
        if (r + g + b < 600) ink++;
        if (r > 170 && g < 80 && b < 80) red++;
        if (g > 100 && r < 60 && b < 90) green++;
      }
    }
    expect(colours.size, 'distinct colours').toBeGreaterThan(40);
    expect(ink / samples, 'share of non-white pixels').toBeGreaterThan(0.03);
    expect(red, 'red bars and badges').toBeGreaterThan(200);
    expect(green, 'green bars and badges').toBeGreaterThan(50);
    if (process.env['UPDATE_DOCS'] === '1' || !existsSync(SCREENSHOT)) {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      copyFileSync(shot, SCREENSHOT);
    }
  });
});
