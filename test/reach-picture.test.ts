/**
 * The reachability picture of examples/payments, rendered by headless
 * Chromium: the HTML report of `--framework pci-dss` carries it (with its
 * legend), and the picture alone, as `kubecomply reach --cde --format svg`
 * writes it, is screenshotted to docs/images/reachability.png for the README
 * (written when missing or with UPDATE_DOCS=1). Needs the built CLI and
 * Debian's chromium package; without the browser the test is skipped.
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
    `test/reach-picture.test.ts: skipped, no browser at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM).`,
  );
}
const SCREENSHOT = path.join(root, 'docs/images/reachability.png');

interface ReachJson {
  nodes: { id: string; label: string; selected: boolean; marked: boolean }[];
  edges: { from: string; to: string; ports: string }[];
}

function kubecomply(args: readonly string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of ['SOURCE_DATE_EPOCH', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_WORKSPACE']) delete env[k];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.stderr).toBe('');
  return r;
}

describe.skipIf(!available)('the reachability picture in headless Chromium', () => {
  let tmp: string;
  let reach: ReachJson;

  function chromium(args: readonly string[], url: string): string {
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
    tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-reach-'));
    reach = JSON.parse(kubecomply(['reach', '--cde', '--format', 'json', 'examples/payments']).stdout) as ReachJson;
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the HTML report draws every allowed path of the CDE, with the legend naming each rule', () => {
    const report = kubecomply(['report', '--framework', 'pci-dss', '--format', 'html', 'examples/payments']);
    const page = path.join(tmp, 'report.html');
    writeFileSync(page, report.stdout);
    const dom = chromium(['--virtual-time-budget=5000', '--dump-dom'], pathToFileURL(page).href);
    const section = dom.slice(dom.indexOf('<section id="reachability">'), dom.indexOf('</section>', dom.indexOf('<section id="reachability">')));
    expect(section).toContain('<h2>Reachability of the CDE</h2>');
    const svg = section.match(/<svg class="reach"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(svg.match(/<g class="node /g)).toHaveLength(reach.nodes.length);
    expect(svg.match(/<g class="edge/g)).toHaveLength(reach.edges.length);
    // The path across the CDE boundary (the deliberate gap) is drawn in red.
    expect(svg).toMatch(/<g class="edge crossing"><title>\[\d+\] CronJob\/analytics\/nightly-report → StatefulSet\/payments\/payments-db/);
    const legend = section.slice(section.indexOf('<table class="reach-legend">'));
    expect(legend.match(/<tr><td>\d+<\/td>/g)).toHaveLength(reach.edges.length);
    expect(legend).toContain('NetworkPolicy/payments/payments-db spec.ingress[1] (examples/payments/policies.yaml:51)');
    expect(legend).toContain('NetworkPolicy/payments/tokenizer-vendor-debug spec.egress[0] (examples/payments/calico.yaml:45)');
  });

  it('the picture renders: boxes, blue and red arrows (docs/images/reachability.png)', () => {
    const svg = kubecomply(['reach', '--cde', '--format', 'svg', 'examples/payments']).stdout;
    const file = path.join(tmp, 'reach.svg');
    writeFileSync(file, svg);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(800);
    const shot = path.join(tmp, 'reach.png');
    chromium([`--screenshot=${shot}`, `--window-size=${width},${height}`, '--virtual-time-budget=2000'], pathToFileURL(file).href);
    const png = readPng(readFileSync(shot));
    expect([png.width, png.height]).toEqual([width, height]);
    let blue = 0;
    let red = 0;
    let tinted = 0;
    let ink = 0;
    for (let y = 0; y < png.height; y += 2) {
      for (let x = 0; x < png.width; x += 2) {
        const [r, g, b] = png.pixel(x, y);
        if (r + g + b < 450) ink++;
        if (b > 150 && r < 120 && g < 140) blue++;
        if (r > 160 && g < 80 && b < 80) red++;
        if (r > 240 && g > 220 && g < 245 && b > 220 && b < 245) tinted++;
      }
    }
    expect(ink, 'text and lines').toBeGreaterThan(500);
    expect(blue, 'blue arrows').toBeGreaterThan(100);
    expect(red, 'red arrows and CDE outlines').toBeGreaterThan(100);
    expect(tinted, 'tinted CDE boxes').toBeGreaterThan(1000);
    if (process.env['UPDATE_DOCS'] === '1' || !existsSync(SCREENSHOT)) {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      copyFileSync(shot, SCREENSHOT);
    }
  });
});
