import { formatCount } from '../base/count.js';
import type { Finding, Severity } from '../base/types.js';

/**
 * What GitHub code scanning accepts in one SARIF upload (its "SARIF support"
 * and "results exceed limit" pages): above a maximum the whole file is
 * rejected; between the display limit and the maximum, GitHub keeps the
 * most severe results and warns. Each result has one location, the only one
 * GitHub reads (it rejects more than 1,000).
 */
export const SARIF_LIMITS = {
  /** Results in one run; above it the upload is rejected (GitHub shows the 5,000 most severe of them). */
  resultsPerRun: 25_000,
  /** Rule `name`. */
  ruleNameLength: 255,
  /** Rule `shortDescription.text`. */
  shortDescriptionLength: 1_024,
  /** Tags GitHub keeps per rule (it rejects more than 20). */
  tagsPerRule: 10,
  /** Related locations kept per result (the engine keeps fewer, see MAX_RELATED). */
  relatedLocationsPerResult: 100,
} as const;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Indexes of the findings that one run can hold: all of them when they fit;
 * else the most severe, open before suppressed, errors before warnings before
 * notes, earlier (file, line) first within each, returned in their original
 * order so the output stays sorted. Why not several runs: code scanning
 * rejects a file with two runs of the same tool and category, and a category
 * per part would move alerts between categories whenever the counts shift.
 *
 * Two passes over the findings and nothing per finding kept but the
 * `max` indexes: a count per class (six of them) says which classes are
 * kept whole and how many of the first one cut, then the kept are picked
 * in order. A million findings do not become a million-entry sort.
 */
export function sarifKept(findings: readonly Finding[], max: number = SARIF_LIMITS.resultsPerRun): number[] | undefined {
  if (findings.length <= max) return undefined;
  const classOf = (f: Finding) => (f.suppression ? 3 : 0) + RANK[f.severity];
  const counts = [0, 0, 0, 0, 0, 0];
  for (const f of findings) {
    const c = classOf(f);
    counts[c] = (counts[c] as number) + 1;
  }
  // Classes below `cut` are kept whole; of class `cut`, the first `room`.
  let cut = 0;
  let room = max;
  while (cut < counts.length && (counts[cut] as number) <= room) room -= counts[cut++] as number;
  const kept: number[] = [];
  for (let i = 0; i < findings.length && kept.length < max; i++) {
    const c = classOf(findings[i] as Finding);
    if (c < cut) kept.push(i);
    else if (c === cut && room > 0) {
      kept.push(i);
      room--;
    }
  }
  return kept;
}

/** The warning a command prints on standard error when a SARIF report leaves findings out. */
export function sarifOmittedMessage(total: number, max: number = SARIF_LIMITS.resultsPerRun): string | undefined {
  if (total <= max) return undefined;
  return (
    `SARIF holds at most ${formatCount(max)} results per run for GitHub code scanning; ` +
    `kept the ${formatCount(max)} most severe of ${formatCount(total)} findings (the run's notification says so). ` +
    'Use --format json for all of them.'
  );
}

/** Text cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not split a surrogate pair.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
