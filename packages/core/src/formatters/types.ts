import type { LintResult } from '../engine/lint.js';

export interface FormatOptions {
  /** Use ANSI colours (stylish only). */
  color: boolean;
  /** The tool's name and version, recorded in machine-readable formats. */
  tool: { name: string; version: string };
}

/** A formatter is a pure function of the result: same result, same bytes. */
export type Formatter = (result: LintResult, options: FormatOptions) => string;
