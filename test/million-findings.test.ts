// One million findings come out as valid SARIF and JSON from a process whose
// heap is capped at 512 MB. The JSON report is about 290 MB, more than the
// heap, so its findings cannot have been serialised at once. SARIF holds the
// 25,000 most severe (GitHub's limit), chosen and fingerprinted without a
// per-finding table of the million. The reports are read back line by line
// here, as they arrive, and never held whole either.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SARIF_SCHEMA_PATH, sarifErrors } from '../packages/core/test/support/formats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'test/support/million-findings.mjs');
const coreDist = path.join(root, 'packages/core/dist/index.js');
const COUNT = 1_000_000;
// Results a SARIF run holds (formatters/sarif-limits.ts).
const KEPT = 25_000;
const HEAP_MB = 512;
// Results checked against the schema one by one: every this many-th, and the last.
const SAMPLE_EVERY = 20_000;

// A test that times out leaves its generator behind: stop it.
const running = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of running) child.kill();
  running.clear();
});

/** Runs the generator with a capped heap and hands each line of its output to `line` as it comes. */
async function eachLine(format: 'json' | 'sarif', line: (text: string) => void): Promise<void> {
  if (!existsSync(coreDist)) throw new Error(`${coreDist} is missing: run \`npx -y pnpm@12.21.0 build\` first.`);
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, script, format, String(COUNT)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for await (const text of createInterface({ input: child.stdout, crlfDelay: Infinity })) line(text);
  const status = await exited;
  running.delete(child);
  expect(stderr.slice(-2000)).toBe('');
  expect(status).toBe(0);
}

describe('a million findings', () => {
  // SARIF keeps the 25,000 most severe results (GitHub's limit, formatters/sarif-limits.ts): every error (one in 50 of
  // the generator's findings) and the earliest warnings, with fingerprints counted over all million findings but
  // made only for the kept ones, so choosing them fits the heap.
  it(`come out as schema-valid SARIF with a ${HEAP_MB} MB heap, the 25,000 most severe of them`, async () => {
    const skeleton: string[] = [];
    const samples: unknown[] = [];
    let inResults = false;
    let current: string[] = [];
    let results = 0;
    let last: unknown;
    let errors = 0;
    let warnings = 0;
    let previous = -1;
    await eachLine('sarif', (text) => {
      if (!inResults) {
        if (text === '      "results": [') {
          inResults = true;
          skeleton.push('      "results": [],');
        } else skeleton.push(text);
        return;
      }
      if (text === '      ],') {
        inResults = false;
        return;
      }
      current.push(text);
      if (text === '        },' || text === '        }') {
        const result = JSON.parse(current.join('\n').replace(/,$/, '')) as { ruleId: string; level: string; message: { text: string }; locations: unknown[] };
        current = [];
        expect(typeof result.ruleId).toBe('string');
        expect(result.locations).toHaveLength(1);
        // In the order of the findings: the generator's number, in parentheses, rises.
        const n = Number(/\((\d+)\)\.$/.exec(result.message.text)?.[1]);
        expect(n).toBeGreaterThan(previous);
        previous = n;
        if (result.level === 'error') {
          expect(n % 50).toBe(0);
          errors++;
        } else {
          // The earliest warnings fill the rest: the 5,000th warning of the generator is finding 5,102.
          expect(n).toBeLessThanOrEqual(5_102);
          warnings++;
        }
        if (results % SAMPLE_EVERY === 0) samples.push(result);
        last = result;
        results++;
      }
    });
    expect(results).toBe(KEPT);
    expect(errors).toBe(COUNT / 50);
    expect(warnings).toBe(KEPT - COUNT / 50);
    expect(current).toEqual([]);
    samples.push(last);
    const log = JSON.parse(skeleton.join('\n')) as {
      runs: { results: unknown[]; invocations?: { toolExecutionNotifications: { message: { text: string } }[] }[] }[];
    };
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications[0]?.message.text).toMatch(/kept the 25,000 most severe of 1,000,000 findings/);
    (log.runs[0] as { results: unknown[] }).results = samples;
    // The schema lives beside the repository; a clone without ../shared checks the shape only.
    if (existsSync(SARIF_SCHEMA_PATH)) expect(sarifErrors(log)).toBe('');
  }, 1_800_000);

  it(`come out as JSON with a ${HEAP_MB} MB heap`, async () => {
    const skeleton: string[] = [];
    let inFindings = false;
    let findings = 0;
    const rules = new Set<string>();
    await eachLine('json', (text) => {
      if (!inFindings) {
        if (text === '  "findings": [') {
          inFindings = true;
          skeleton.push('  "findings": [],');
        } else skeleton.push(text);
        return;
      }
      if (text === '  ],') {
        inFindings = false;
        return;
      }
      const finding = JSON.parse(text.replace(/,$/, '')) as { ruleId: string; range: { start: { line: number } } };
      expect(finding.range.start.line).toBeGreaterThan(0);
      rules.add(finding.ruleId);
      findings++;
    });
    expect(findings).toBe(COUNT);
    const report = JSON.parse(skeleton.join('\n')) as { summary: { findings: number }; rules: Record<string, unknown> };
    expect(report.summary.findings).toBe(COUNT);
    expect(Object.keys(report.rules).sort()).toEqual([...rules].sort());
  }, 1_800_000);
});
