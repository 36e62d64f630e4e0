/**
 * Splits a YAML stream into its documents by the `---` and `...` markers.
 * A marker at the start of a line is never content (YAML forbids it inside a
 * document, even in quoted or block scalars), so this split is exact, and it
 * lets a syntax error in one document leave the others readable.
 */
export interface Chunk {
  /** Offset of the chunk (its directives and `---` line included) in the file text. */
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
      // `%YAML` and `%TAG` lines before a `---` are that document's directives.
      const opens = directivesBefore(text, start, m.index);
      if (opens > start) chunks.push({ start, end: opens });
      start = opens;
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

/**
 * Where the directives of the document opened by the `---` at `marker` begin:
 * the first of the `%` lines (with comment and blank lines among them) that
 * lead up to it, or the marker itself when there are none. The walk back
 * stops at the first other line and never passes `floor`, the start of the
 * current chunk, so every line is looked at once.
 */
function directivesBefore(text: string, floor: number, marker: number): number {
  let opens = marker;
  let lineEnd = marker;
  while (lineEnd > floor) {
    const nl = lineEnd - 1;
    const lineStart = Math.max(floor, nl === 0 ? 0 : text.lastIndexOf('\n', nl - 1) + 1);
    if (text.charCodeAt(lineStart) === 0x25) opens = lineStart;
    else if (!isBlankOrComment(text, lineStart, nl)) break;
    lineEnd = lineStart;
  }
  return opens;
}

/** Whether the line from `from` to `to` holds only blanks and a comment. */
function isBlankOrComment(text: string, from: number, to: number): boolean {
  let p = from;
  while (p < to && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09)) p++;
  const ch = text.charCodeAt(p);
  return p >= to || ch === 0x23 || ch === 0x0d;
}

/** The `%YAML` directive among the directives a document opens with: its version and offset. */
export function yamlDirective(text: string): { version: string; offset: number } | undefined {
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    if (text.startsWith('%YAML', at)) {
      const m = /^%YAML[ \t]+([^ \t\r\n]*)/.exec(text.slice(at, end));
      if (m) return { version: m[1] as string, offset: at };
    } else if (text.charCodeAt(at) !== 0x25 && !isBlankOrComment(text, at, end)) return undefined;
    at = end + 1;
  }
  return undefined;
}

/**
 * Where text follows a document end marker on its own line (`... x`), which
 * YAML allows only as a comment. js-yaml reads it as a second document and
 * fails without a position.
 */
export function afterEndMarker(text: string): number | undefined {
  END_MARKER.lastIndex = 0;
  for (let m = END_MARKER.exec(text); m !== null; m = END_MARKER.exec(text)) {
    let p = m.index + 3;
    while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
    const ch = text.charCodeAt(p);
    if (!(Number.isNaN(ch) || ch === 0x23 || ch === 0x0a || ch === 0x0d)) return p;
  }
  return undefined;
}

const END_MARKER = /^\.\.\.(?=[ \t])/gm;
