import { TZDate } from '@date-fns/tz';
import { dayOf } from '../schema/common.ts';
import { companyDay, companyToday, isBareDay } from '../schema/company-day.ts';

export { companyDay, companyToday };

// Calendar arithmetic on day strings (YYYY-MM-DD) and months (YYYY-MM), shared by rotation and
// bonuses; strings in, strings out, so no time zone can shift a day.

/** Months are `YYYY-MM`; a date belongs to the month of its day (UTC day for timestamps). */
export function monthOf(date: string): string {
  return dayOf(date).slice(0, 7);
}

export function addMonthsToMonth(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day `months` calendar months after `date`, clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonthsToDay(date: string, months: number): string {
  const day = dayOf(date);
  const [, , d] = day.split('-').map(Number) as [number, number, number];
  const target = addMonthsToMonth(day.slice(0, 7), months);
  const [ty, tm] = target.split('-').map(Number) as [number, number];
  return `${target}-${String(Math.min(d, daysInMonth(ty, tm))).padStart(2, '0')}`;
}

/** First day of the month and first day of the next one: the half-open range of a month's dates. */
export function monthRange(month: string): { from: string; until: string } {
  return { from: `${month}-01`, until: `${addMonthsToMonth(month, 1)}-01` };
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** The day `days` after `date` (negative: before). */
export function addDaysToDay(date: string, days: number): string {
  const [y, m, d] = dayOf(date).split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return (
    `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-` +
    `${String(t.getUTCDate()).padStart(2, '0')}`
  );
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = dayOf(day).split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The day after `day`: range queries use `< next day` so timestamps on the day itself are included. */
export function nextDay(day: string): string {
  return addDaysToDay(day, 1);
}

/** The month (`YYYY-MM`) of `at` where the company works. */
export function companyMonth(at: string, timeZone: string): string {
  return companyDay(at, timeZone).slice(0, 7);
}

/** The instant (UTC ISO) a company day begins; on a day whose midnight a clock change skips, the first hour that exists. */
export function startOfCompanyDay(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(+new TZDate(y, m - 1, d, timeZone)).toISOString();
}

/**
 * When something given as `at` happened, as a full instant: an instant stays as it is, a bare
 * company day stands for the moment that day begins. Records that must sort in time order
 * (history entries) carry this, never a bare day.
 */
export function companyInstant(at: string, timeZone: string): string {
  return isBareDay(at) ? startOfCompanyDay(at, timeZone) : new Date(Date.parse(at)).toISOString();
}

/** An instant as the company's clock shows it: `YYYY-MM-DD HH:mm`. */
export function companyTime(at: string, timeZone: string): string {
  const local = new TZDate(Date.parse(at), timeZone);
  return `${companyDay(at, timeZone)} ${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
}

/** A day given for today stands for now, so what happens now sorts after what happened earlier today. */
export function nowIfToday(day: string, timeZone: string, now: Date): string {
  return day === companyToday(timeZone, now) ? now.toISOString() : day;
}

/**
 * Range-query bounds `[from, until)` on a date field that holds bare days and UTC instants alike,
 * wide enough to catch every date inside the company month whichever form it has. The range can
 * also catch a few hours of the neighbouring months: filter the results with `companyMonth`.
 */
export function companyMonthBounds(month: string, timeZone: string): { from: string; until: string } {
  const days = monthRange(month);
  const instants = { from: startOfCompanyDay(days.from, timeZone), until: startOfCompanyDay(days.until, timeZone) };
  return { from: days.from < instants.from ? days.from : instants.from, until: days.until > instants.until ? days.until : instants.until };
}
