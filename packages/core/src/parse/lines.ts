/** Offsets to 1-based line and column (UTF-16 code units, as SARIF counts by default). */
export class LineIndex {
  private starts: Int32Array | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): Int32Array {
    if (this.starts) return this.starts;
    const found: number[] = [0];
    let at = this.text.indexOf('\n');
    while (at !== -1) {
      found.push(at + 1);
      at = this.text.indexOf('\n', at + 1);
    }
    this.starts = Int32Array.from(found);
    return this.starts;
  }

  /** 0-based index of the line holding an offset: a binary search, so its cost does not grow with the line's length. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - (this.lineStarts()[line] as number) + 1 };
  }

  /**
   * End of the line holding an offset: the offset of its line break (of the
   * `\r` of a `\r\n`), or the text's length on the last line. On a
   * single-line JSON file of megabytes, scanning for the break from every
   * finding made the run quadratic.
   */
  lineEnd(offset: number): number {
    const starts = this.lineStarts();
    const line = this.lineOf(offset);
    let end = line + 1 < starts.length ? (starts[line + 1] as number) - 1 : this.text.length;
    if (end > offset && this.text.charCodeAt(end - 1) === 0x0d) end--;
    return end;
  }

  /** Offset of the first character of a 1-based line. */
  offsetOfLine(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.min(Math.max(line - 1, 0), starts.length - 1)] as number;
  }
}
