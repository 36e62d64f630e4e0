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

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  offsetOfLine(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.min(Math.max(line - 1, 0), starts.length - 1)] as number;
  }
}
