/**
 * Renders the HTML compliance report of examples/shop/ in headless Chromium, as a
 * reader would open it, and checks that the charts, the findings table and
 * its filter script work. The screenshot is docs/images/html-report.png, for
 * the README: written when missing or with UPDATE_DOCS=1, so a run on another
 * machine's fonts does not rewrite it. Needs the built CLI and Debian's chromium package
 * (`apt-get install -y chromium`); without the browser the test is skipped.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPng } from './support/png.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'packages/cli/dist/cli.js');
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(
    `test/html-report.test.ts: skipped, no browser at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM).`,
  );
}

const SCREENSHOT = path.join(root, 'docs/images/html-report.png');
const WIDTH = 1280;
const HEIGHT = 2000;

describe.skipIf(!available)('the HTML report in headless Chromium', () => {
  let tmp: string;
  let page: string;
  let findings: { suppression?: unknown; severity: string }[];
  let frameworks: number;

  /** Runs Chromium headless on the report with the flags CI can afford (no network, no profile of its own). */
  function chromium(args: readonly string[], url: string) {
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${path.join(tmp, 'profile')}`,
        ...args,
        url,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.error) throw r.error;
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  }

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-html-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    for (const k of ['SOURCE_DATE_EPOCH', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_WORKSPACE']) delete env[k];
    const html = spawnSync(process.execPath, [cli, 'report', '--format', 'html', 'examples/shop/'], { cwd: root, env, encoding: 'utf8' });
    expect(html.status, html.stderr).toBe(0);
    page = path.join(tmp, 'report.html');
    writeFileSync(page, html.stdout);
    const json = spawnSync(process.execPath, [cli, '--format', 'json', 'examples/shop/'], { cwd: root, env, encoding: 'utf8' });
    const lint = JSON.parse(json.stdout) as { findings: typeof findings; frameworks: unknown[]; rules: Record<string, { controls: unknown[] }> };
    // Controls are listed once per rule in the JSON report; put them back on each finding here.
    findings = lint.findings.map((f) => ({ ...f, controls: lint.rules[(f as unknown as { ruleId: string }).ruleId]?.controls ?? [] }));
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
