import { TZDate } from '@date-fns/tz';

// Lives below core so that schemas can judge dates by the company's calendar; core/calendar.ts
// re-exports it with the rest of the day arithmetic.

const bareDay = /^\d{4}-\d{2}-\d{2}$/;

/** A bare day `YYYY-MM-DD` (already a company day), as opposed to an instant. */
export function isBareDay(at: string): boolean {
  return bareDay.test(at);
}

/**
 * The company's calendar day of `at`: a bare day `YYYY-MM-DD` is already a company day and stays
 * as given; an instant (ISO timestamp) is the day it falls on in `timeZone`. Every day-level rule
 * (rotation day, report due, month boundaries, closing) goes through this, never through UTC.
 */
export function companyDay(at: string, timeZone: string): string {
  if (isBareDay(at)) return at;
  const local = new TZDate(Date.parse(at), timeZone);
  return (
    `${String(local.getFullYear()).padStart(4, '0')}-${String(local.getMonth() + 1).padStart(2, '0')}-` +
    `${String(local.getDate()).padStart(2, '0')}`
  );
}

/** Today where the company works. */
export function companyToday(timeZone: string, now: Date = new Date()): string {
  return companyDay(now.toISOString(), timeZone);
}
