import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../src/parse/split.js';

const texts = (text: string) => splitDocuments(text).map((c) => text.slice(c.start, c.end));

describe('splitDocuments', () => {
  it('splits on --- lines and keeps the marker with the document it opens', () => {
    expect(texts('a: 1\n---\nb: 2\n--- # c\nc: 3\n')).toEqual(['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n']);
  });

  it('does not split on --- inside a line or on ----', () => {
    expect(texts('a: "x --- y"\nb: ----\n')).toEqual(['a: "x --- y"\nb: ----\n']);
  });

  it('ends a document at ... and ignores the rest of that line', () => {
    expect(texts('a: 1\n...\nb: 2\n')).toEqual(['a: 1\n...\n', 'b: 2\n']);
  });

  it('handles CRLF line ends', () => {
    expect(texts('a: 1\r\n---\r\nb: 2\r\n')).toEqual(['a: 1\r\n', '---\r\nb: 2\r\n']);
  });
});
