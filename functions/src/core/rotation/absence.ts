import { dayOf } from '../../schema/common.ts';
import type { Absence } from '../../schema/manager.ts';
import { addDaysToDay, daysBetween } from '../calendar.ts';
import type { HoldingFacts } from './staleness.ts';

type Leaves = ReadonlyArray<Absence> | undefined;

/** The absence `day` falls in, if any (company days, both ends included). */
export function absenceOn(absences: Leaves, day: string): Absence | undefined {
  if (absences === undefined) return undefined;
  const d = dayOf(day);
  let found: Absence | undefined;
  // Overlapping leaves: the one that lasts longest says until when.
  for (const a of absences) if (a.from <= d && d <= a.to && (found === undefined || a.to > found.to)) found = a;
  return found;
}

export function isAway(absences: Leaves, day: string): boolean {
  return absenceOn(absences, day) !== undefined;
}

/** The leaves after `after` (up to `until`, if given), sorted, overlaps merged: disjoint spans of days away. */
function spansAfter(absences: ReadonlyArray<Absence>, after: string, until?: string): Absence[] {
  const start = addDaysToDay(after, 1);
  const spans = absences
    .map((a) => ({ from: a.from < start ? start : a.from, to: until !== undefined && a.to > until ? until : a.to }))
    .filter((a) => a.from <= a.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Absence[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.from <= addDaysToDay(last.to, 1)) {
      if (s.to > last.to) last.to = s.to;
    } else merged.push({ ...s });
  }
  return merged;
}

/** Days away after `after` up to and including `until`; overlapping leaves count each day once. */
export function daysAway(absences: Leaves, after: string, until: string): number {
  if (absences === undefined || absences.length === 0) return 0;
  let total = 0;
  for (const s of spansAfter(absences, dayOf(after), dayOf(until))) total += daysBetween(s.from, s.to) + 1;
  return total;
}

/**
 * The day `days` days after `start` on which the holder was present: days away do not count, so a
 * deadline that would fall in (or after) a leave moves past it by the days of the leave.
 */
export function dayAfterPresentDays(absences: Leaves, start: string, days: number): string {
  let due = addDaysToDay(start, days);
  if (absences === undefined || absences.length === 0) return due;
  for (const s of spansAfter(absences, dayOf(start))) {
    if (s.from > due) break;
    due = addDaysToDay(due, daysBetween(s.from, s.to) + 1);
  }
  return due;
}

/**
 * The holding facts as the clock sees them once it pauses on the holder's days away up to `at`: the
 * assignment and the last deal seem that many days later, so a leave never makes a client stale.
 */
export function pausedHolding<T extends HoldingFacts>(client: T, absences: Leaves, at: string): T {
  if (absences === undefined || absences.length === 0) return client;
  const shift = (day: string) => addDaysToDay(day, daysAway(absences, dayOf(day), at));
  const paused = { ...client };
  if (client.assignedAt !== undefined) paused.assignedAt = shift(client.assignedAt);
  if (client.lastDealAt !== null) paused.lastDealAt = shift(client.lastDealAt);
  return paused;
}
