import { ConfigurationError } from '../engine/lint.js';

/** Environment variable that fixes "today" for expiry checks: tests and reproducible runs. */
export const NOW_ENV = 'KUBECOMPLY_NOW';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD string naming a day that exists (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The UTC calendar day of a moment, as YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` plus `days` days, as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return utcDay(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * Today's date (UTC, YYYY-MM-DD) for expiry checks: `now` when given, else
 * the KUBECOMPLY_NOW environment variable (a date or an ISO date-time), else
 * the clock. A suppression that expires on a day still applies on that day.
 */
export function resolveToday(now?: Date | string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (now instanceof Date) {
    if (Number.isNaN(now.getTime())) throw new ConfigurationError('The date given for "now" is invalid.');
    return utcDay(now);
  }
  const text = now ?? env[NOW_ENV];
  if (text === undefined || text === '') return utcDay(new Date());
  const trimmed = text.trim();
  if (isCalendarDate(trimmed)) return trimmed;
  const parsed = /^\d{4}-\d{2}-\d{2}T/.test(trimmed) ? new Date(trimmed) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new ConfigurationError(`${now === undefined ? NOW_ENV : '"now"'} must be a date such as 2026-12-31 or an ISO date-time, not "${text}".`);
  }
  return utcDay(parsed);
}
