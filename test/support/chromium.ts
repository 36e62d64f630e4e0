// Headless Chromium for the tests that look at a rendered report
// (test/html-report.test.ts, test/reach-picture.test.ts): Debian's chromium
// package, or the browser CHROMIUM names; without it those tests are skipped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Says once, for the file that needs it, that it is skipped and how to install the browser. */
export function warnWithoutChromium(file: string): void {
  if (HAS_CHROMIUM) return;
  console.warn(`${file}: skipped, no browser at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM).`);
}

/**
 * Runs Chromium headless on `url` with the flags CI can afford (no network,
 * a profile of its own under `tmp`) and returns its standard output; fails
 * the test when it exits other than 0.
 */
export function chromium(tmp: string, args: readonly string[], url: string): string {
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
