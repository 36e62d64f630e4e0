/** Levenshtein distance with adjacent transpositions (optimal string alignment): "severites" is 1 from "severities". */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}

/** Longest word (and candidate) a suggestion is looked for. */
export const MAX_SUGGESTED_LENGTH = 128;
/** Most candidates compared with one word. */
export const MAX_CANDIDATES = 10_000;

/**
 * The candidate closest to `word`, when it is close enough to be a likely
 * typo: at most a third of the word's length away (at least 1, at most 3),
 * the same ignoring case, or a candidate the word abbreviates ("warn").
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // A suggestion is for a typo of a name, not for a pasted paragraph: past
  // this length, or for a candidate whose length alone puts it out of reach,
  // no distance is computed, so the cost stays linear in the candidates.
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const lower = candidate.toLowerCase();
    if (Math.abs(candidate.length - word.length) > limit && !(word.length >= 3 && lower.startsWith(word.toLowerCase()))) continue;
    const distance = lower === word.toLowerCase() ? 0.5 : word.length >= 3 && lower.startsWith(word.toLowerCase()) ? 1 : editDistance(word, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
