import type { LintResult } from '../engine/result.js';

/** What every formatter reads besides the result: colour, the tool name and version, and optional report details. */
export interface FormatOptions {
  /** Use ANSI colours (stylish only). */
  color: boolean;
  /** The tool's name and version, recorded in machine-readable formats. */
  tool: { name: string; version: string };
  /** List suppressed findings one by one (stylish); by default only their count is shown. */
  showSuppressed?: boolean;
  /**
   * When the report was made (ISO 8601), for reports handed on (markdown,
   * html). Absent, they carry no time, so the same input gives the same bytes.
   */
  generatedAt?: string;
  /**
   * Prefix that turns a finding's file into a link (markdown, html), e.g.
   * `https://github.com/o/r/blob/<sha>/`; `#L<line>` is appended. Absent,
   * links are relative to where the report is opened.
   */
  sourceLinkBase?: string;
  /**
   * Called once for each finding a formatter writes. A caller that watches
   * its memory (the CLI, with a HeapGuard) throws from it to stop a report
   * that would not fit, rather than let V8 abort the process.
   */
  checkpoint?: () => void;
}

/** A formatter is a pure function of the result: same result, same bytes. */
export type Formatter = (result: LintResult, options: FormatOptions) => string;

/** A formatter that yields its output in pieces, for reports too large to build whole. */
export type ChunkedFormatter = (result: LintResult, options: FormatOptions) => Iterable<string>;
