/**
 * Splits a YAML stream into its documents by the `---` and `...` markers.
 * A marker at the start of a line is never content (YAML forbids it inside a
 * document, even in quoted or block scalars), so this split is exact, and it
 * lets a syntax error in one document leave the others readable.
 */
export interface Chunk {
  /** Offset of the chunk (its `---` line included) in the file text. */
  start: number;
  end: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    if (m[0] === '---') {
      if (m.index > start) chunks.push({ start, end: m.index });
      start = m.index;
    } else {
      // An end marker closes the current document; the rest of its line is a comment at most.
      const nl = text.indexOf('\n', m.index);
      const end = nl === -1 ? text.length : nl + 1;
      chunks.push({ start, end });
      start = end;
    }
  }
  if (start < text.length) chunks.push({ start, end: text.length });
  return chunks;
}
