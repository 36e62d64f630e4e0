/**
 * The reachability picture of examples/payments, rendered by headless
 * Chromium: the HTML report of `--framework pci-dss` carries it (with its
 * legend), and the picture alone, as `kubecomply reach --cde --format svg`
 * writes it, is screenshotted to docs/images/reachability.png for the README
 * (written when missing or with UPDATE_DOCS=1). Needs the built CLI and
 * Debian's chromium package; without the browser the test is skipped.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, chromium as runChromium, warnWithoutChromium } from './support/chromium.js';
import { type JsonReach, REPO_ROOT as root, runCli } from './support/cli.js';
import { readPng } from './support/png.js';

warnWithoutChromium('test/reach-picture.test.ts');

const SCREENSHOT = path.join(root, 'docs/images/reachability.png');

/** Runs the built command from the repository root; it must write nothing on standard error. */
function kubecomply(args: readonly string[]) {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  return r;
}

describe.skipIf(!HAS_CHROMIUM)('the reachability picture in headless Chromium', () => {
  let tmp: string;
  let reach: JsonReach;

  const chromium = (args: readonly string[], url: string) => runChromium(tmp, args, url);

  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'kubecomply-reach-'));
    reach = JSON.parse(kubecomply(['reach', '--cde', '--format', 'json', 'examples/payments']).stdout) as JsonReach;
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
