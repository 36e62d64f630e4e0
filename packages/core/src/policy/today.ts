import { ConfigurationError } from '../base/errors.js';

import { isCalendarDate, utcDay } from '../base/dates.js';

/** Environment variable that fixes "today" for expiry checks: tests and reproducible runs. */
export const NOW_ENV = 'KUBECOMPLY_NOW';

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
