/**
 * Levenshtein distance with adjacent transpositions (optimal string
 * alignment): "severites" is 1 from "severities". With `limit`, stops as
 * soon as every alignment is past it and returns limit + 1.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  let before = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] as number) + 1);
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return limit + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[cols - 1] as number;
}

/** Longest word (and candidate) a suggestion is looked for. */
export const MAX_SUGGESTED_LENGTH = 128;
/** Most candidates compared with one word. */
export const MAX_CANDIDATES = 10_000;

/**
 * The candidate closest to `word`, when it is close enough to be a likely
 * typo: at most a third of the word's length away (at least 1, at most 3),
 * the same ignoring case, or a candidate the word abbreviates ("warn").
 * Bounded: a word longer than MAX_SUGGESTED_LENGTH gets no suggestion, and a
 * candidate whose length is too far off is never compared letter by letter.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // A suggestion is for a typo of a name, not for a pasted paragraph: past
  // this length, or for a candidate whose length alone puts it out of reach,
  // no distance is computed, so the cost stays linear in the candidates.
  if (word.length === 0 || word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const lowerWord = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    if (candidate.length > MAX_SUGGESTED_LENGTH) continue;
    const lower = candidate.toLowerCase();
    if (Math.abs(candidate.length - word.length) > limit && !(word.length >= 3 && lower.startsWith(lowerWord))) continue;
    const distance =
      lower === lowerWord ? 0.5 : word.length >= 3 && lower.startsWith(lowerWord) ? 1 : editDistance(word, candidate, Math.min(limit, bestDistance));
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
