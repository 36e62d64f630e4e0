import { formatCount } from './count.js';
/** The most characters of one value a message repeats. */
export const EXCERPT_MAX = 80;

/**
 * A value as a message shows it: whole when short, else its start and how
 * long it is, so a megabyte key or id costs a line, not a megabyte.
 */
export function excerpt(value: string, max = EXCERPT_MAX): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}… (${formatCount(value.length)} characters)`;
}
