import { lazyBuiltin } from '../base/builtins.js';
import path from 'node:path';
import { ConfigurationError } from '../base/errors.js';
import type { LintResult } from '../engine/result.js';
import { UNSILENCEABLE_RULE_IDS } from '../engine/builtin.js';
import { describeReadError, readRegularTextFile } from '../input/read.js';
import { apiGroup, resourceLabel } from '../model/resource.js';
import type { JsonPath } from '../base/types.js';
import type { Finding } from '../base/types.js';

const crypto = lazyBuiltin('node:crypto');

/** Version of the baseline file's shape. */
export const BASELINE_VERSION = 1;

/** One recorded finding of a baseline: its fingerprint and, for people reading the file, where it was. */
export interface BaselineEntry {
  fingerprint: string;
  /** For people reading the file; matching uses only the fingerprint. */
  ruleId: string;
  resource?: string;
}

/** Findings accepted as they were on one day, so that only new ones fail a run. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  tool: 'kubecomply';
  findings: BaselineEntry[];
}

/** A List's items carry their place in the list in the path; moving an item must not change what it is. */
function pathInResource(finding: Finding): JsonPath {
  const p = finding.path;
  if (finding.resource && !finding.resource.kind.endsWith('List') && p[0] === 'items' && typeof p[1] === 'number') return p.slice(2);
  return p;
}

function identityKey(finding: Finding): string {
  const r = finding.resource;
  // What a finding is about: the rule, the resource (API group, not version,
  // so a move from v1beta1 to v1 keeps it) and the field; never the file or
  // line, so a moved or reformatted resource keeps its findings' fingerprints.
  // A finding about no resource (a file that does not parse) has only its file.
  const who = r ? ['resource', apiGroup(r.apiVersion), r.kind, r.namespace ?? '', r.name] : ['file', finding.file];
  return JSON.stringify([finding.ruleId, ...who, pathInResource(finding)]);
}

/**
 * A stable id of a finding: sha256 (hex) of its rule id, its resource's
 * identity (API group, kind, namespace, name), its JSON path inside the
 * resource, and `occurrence`, which tells apart findings that share all
 * of those (0 for the first, 1 for the next, in the run's order).
 */
export function fingerprint(finding: Finding, occurrence = 0): string {
  return crypto()
    .createHash('sha256')
    .update(`${identityKey(finding)}#${occurrence}`)
    .digest('hex');
}

/** The fingerprint of each finding of a run, with occurrences counted in the given (sorted) order. */
export function fingerprints(findings: readonly Finding[]): string[] {
  return findings.map(fingerprinter());
}

/**
 * The fingerprints of some of a run's findings (`indexes`, ascending), with
 * occurrences counted over all of them, as `fingerprints` counts: equal to
 * `fingerprints(findings)[i]` for each `i`. Only the chosen findings' keys
 * are held and hashed, so choosing 25,000 of a million findings for SARIF
 * does not hold a million fingerprints.
 */
export function fingerprintsAt(findings: readonly Finding[], indexes: readonly number[]): string[] {
  const counts = new Map<string, number>();
  for (const i of indexes) counts.set(identityKey(findings[i] as Finding), 0);
  const out: string[] = [];
  let next = 0;
  for (let i = 0; i < findings.length && next < indexes.length; i++) {
    const key = identityKey(findings[i] as Finding);
    const n = counts.get(key);
    if (n === undefined) continue;
    counts.set(key, n + 1);
    if (i === indexes[next]) {
      out.push(crypto().createHash('sha256').update(`${key}#${n}`).digest('hex'));
      next++;
    }
  }
  return out;
}

/**
 * Fingerprints findings one at a time, in a run's (sorted) order, counting
 * occurrences as `fingerprints` does: for reports written as they are made.
 */
export function fingerprinter(): (finding: Finding) => string {
  // Keyed by the first occurrence's fingerprint, which is made anyway, not by
  // the longer identity key: a million findings keep a million short strings.
  const seen = new Map<string, number>();
  return (f) => {
    const key = identityKey(f);
    const first = crypto().createHash('sha256').update(`${key}#0`).digest('hex');
    const n = seen.get(first) ?? 0;
    seen.set(first, n + 1);
    return n === 0 ? first : crypto().createHash('sha256').update(`${key}#${n}`).digest('hex');
  };
}

/**
 * The baseline of a run: every finding that is not already suppressed by an
 * annotation or the config (those carry their own reason and expiry).
 */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const prints = fingerprints(findings);
  const entries: BaselineEntry[] = [];
  findings.forEach((f, i) => {
    if (f.suppression && f.suppression.source !== 'baseline') return;
    const entry: BaselineEntry = { fingerprint: prints[i] as string, ruleId: f.ruleId };
    if (f.resource) entry.resource = resourceLabel(f.resource);
    entries.push(entry);
  });
  const order = (e: BaselineEntry) => `${e.ruleId}\0${e.resource ?? ''}\0${e.fingerprint}`;
  entries.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { version: BASELINE_VERSION, tool: 'kubecomply', findings: entries };
}

/** The baseline file's text: sorted, so that it changes only where findings do. */
export function formatBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

/** Reads and checks a baseline file (a regular file within the size cap); throws ConfigurationError naming it. */
export function loadBaselineFile(file: string, cwd = process.cwd()): Baseline {
  let text: string;
  try {
    text = readRegularTextFile(path.resolve(cwd, file));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file; write one with --write-baseline' : describeReadError(err);
    throw new ConfigurationError(`Cannot read baseline ${file}: ${reason}.`);
  }
  return parseBaseline(text, file);
}

/** Reads a baseline file's text; throws ConfigurationError when it is not one. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigurationError(`${file} is not a kubecomply baseline: ${(err as Error).message}.`);
  }
  const v = value as Partial<Baseline> | null;
  if (v === null || typeof v !== 'object' || v.version !== BASELINE_VERSION || !Array.isArray(v.findings)) {
    throw new ConfigurationError(`${file} is not a kubecomply baseline (version ${BASELINE_VERSION} with a "findings" list); write one with --write-baseline.`);
  }
  for (const entry of v.findings) {
    if (entry === null || typeof entry !== 'object' || typeof entry.fingerprint !== 'string') {
      throw new ConfigurationError(`${file} has a baseline entry without a "fingerprint".`);
    }
  }
  return v as Baseline;
}

/**
 * Marks the findings present in a baseline as suppressed (source
 * 'baseline'), unless an annotation or the config already suppresses them.
 */
export function applyBaseline(
  result: LintResult,
  baseline: Baseline,
  reason: string,
  allows: (finding: Finding) => boolean = (f) => !UNSILENCEABLE_RULE_IDS.has(f.ruleId),
): LintResult {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const prints = fingerprints(result.findings);
  let changed = false;
  const findings = result.findings.map((f, i) => {
    if (f.suppression || !known.has(prints[i] as string) || !allows(f)) return f;
    changed = true;
    return { ...f, suppression: { reason, source: 'baseline' as const } };
  });
  return changed ? { ...result, findings } : result;
}
