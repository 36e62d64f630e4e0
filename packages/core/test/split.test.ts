import { describe, expect, it } from 'vitest';
import { afterEndMarker, splitDocuments, yamlDirective } from '../src/parse/split.js';

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

  it('gives %YAML and %TAG lines, and the comments among them, to the document they open', () => {
    expect(texts('%YAML 1.1\n---\na: 1\n')).toEqual(['%YAML 1.1\n---\na: 1\n']);
    expect(texts('a: 1\n...\n# c\n%YAML 1.1\n# d\n%TAG !e! tag:e.com,2000:\n--- !e!x\nb: 2\n')).toEqual([
      'a: 1\n...\n',
      '# c\n',
      '%YAML 1.1\n# d\n%TAG !e! tag:e.com,2000:\n--- !e!x\nb: 2\n',
    ]);
    expect(texts('a: 1\n---\n%TAG !e! tag:e.com,2000:\r\n---\r\nb: 2\n')).toEqual(['a: 1\n', '---\n', '%TAG !e! tag:e.com,2000:\r\n---\r\nb: 2\n']);
  });

  it('leaves a % line that content separates from the next --- where it is', () => {
    expect(texts('%YAML 1.1\na: 1\n---\nb: 2\n')).toEqual(['%YAML 1.1\na: 1\n', '---\nb: 2\n']);
  });

  it('keeps long runs of comment lines with the right document around a directive', () => {
    const comments = '# c\n'.repeat(200_000);
    const text = `a: 1\n${comments}%YAML 1.1\n---\n${comments}---\nb: 2\n`;
    expect(splitDocuments(text).map((c) => c.start)).toEqual([0, 5 + comments.length, 5 + 2 * comments.length + 14]);
  });
});

describe('yamlDirective', () => {
  it('finds the %YAML directive among the directives a document opens with', () => {
    expect(yamlDirective('# c\n%TAG !e! tag:e.com,2000:\n%YAML 1.2\n---\na: 1\n')).toEqual({ version: '1.2', offset: 29 });
    expect(yamlDirective('---\n%YAML 1.2\n')).toBeUndefined();
    expect(yamlDirective('a: 1\n')).toBeUndefined();
  });
});

describe('afterEndMarker', () => {
  it('finds text after "..." on its line, but not a comment or nothing', () => {
    expect(afterEndMarker('a: 1\n...  x\n')).toBe(10);
    expect(afterEndMarker('a: 1\n... # c\n')).toBeUndefined();
    expect(afterEndMarker('a: 1\n...\n')).toBeUndefined();
    expect(afterEndMarker('a: "...  x"\n')).toBeUndefined();
  });
});
