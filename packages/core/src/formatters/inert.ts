/**
 * Characters from the input that must never reach a report as themselves:
 * C0 and C1 controls (escape sequences drive terminals; a newline starts a
 * line a CI log reads as a command, `::error ...`), and the bidirectional
 * controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) and line
 * separators that make text display in another order than it is written.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const UNSAFE_EXCEPT_LINE_ENDS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with every unsafe character written as a visible `\uXXXX` escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, escapeOne);
}

/** As printable, but keeping tabs and line ends, for formats that escape those their own way. */
export function printableKeepingLines(text: string): string {
  return text.replace(UNSAFE_EXCEPT_LINE_ENDS, escapeOne);
}
