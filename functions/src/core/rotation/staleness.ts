import type { RotationRules } from '../../schema/rules-config.ts';
import { dayOf } from '../../schema/common.ts';
import type { Absence } from '../../schema/manager.ts';
import { addDaysToDay, addMonthsToDay, daysBetween } from '../calendar.ts';
import { dayAfterPresentDays, pausedHolding } from './absence.ts';

export type StaleReason = 'no-deal-since-assignment' | 'no-deal-for-months';

/** The facts about a held client that decide whether it is stale (MISSION §2.1). */
export type HoldingFacts = {
  assignedAt?: string | undefined;
  dealsSinceAssignment: number;
  lastDealAt: string | null;
};

export type StaleCutoffs = {
  /** Assigned on or before this day: held at least `holdMonths`. */
  holdDay: string;
  /** Last deal on or before this day: at least `noDealMonths` old. */
  noDealDay: string;
};

/** Month arithmetic on calendar days: 31 Aug minus 6 months is 28/29 Feb (month ends clamp). */
export function staleCutoffs(at: string, rules: Pick<RotationRules, 'holdMonths' | 'noDealMonths'>): StaleCutoffs {
  return { holdDay: addMonthsToDay(at, -rules.holdMonths), noDealDay: addMonthsToDay(at, -rules.noDealMonths) };
}

/** Why the client is stale, or undefined when it is not (held too briefly or dealt recently). */
export function staleReason(client: HoldingFacts, cutoffs: StaleCutoffs): StaleReason | undefined {
  if (client.assignedAt === undefined || dayOf(client.assignedAt) > cutoffs.holdDay) return undefined;
  if (client.dealsSinceAssignment === 0) return 'no-deal-since-assignment';
  if (client.lastDealAt !== null && dayOf(client.lastDealAt) <= cutoffs.noDealDay) return 'no-deal-for-months';
  return undefined;
}

/**
 * The first day on which the client is stale under `rules`, if nothing changes meanwhile (no deal,
 * no transfer): what the manager's sheet shows as "rotation due on". It asks `staleReason` itself,
 * day by day from just before the month arithmetic's estimate, so it can never disagree with the
 * rule the rotation applies. Null for a client rotation never takes (lost, pinned, unassigned) or
 * one that can never become stale with the facts it has. The holder's leaves (`absences`) pause the
 * clock, as on the rotation day.
 */
export function rotationDueOn(
  client: HoldingFacts & { rotatable?: boolean },
  rules: Pick<RotationRules, 'holdMonths' | 'noDealMonths'>,
  absences?: ReadonlyArray<Absence>,
): string | null {
  if (client.rotatable === false || client.assignedAt === undefined) return null;
  // Each estimate, pushed later by the days away between its start and it.
  const after = (from: string, months: number) => dayAfterPresentDays(absences, from, daysBetween(from, addMonthsToDay(from, months)));
  const held = after(dayOf(client.assignedAt), rules.holdMonths);
  const quiet = client.dealsSinceAssignment > 0 && client.lastDealAt !== null ? after(dayOf(client.lastDealAt), rules.noDealMonths) : held;
  // Month ends clamp (31 Aug + 6 months = 28 Feb, which is not yet 6 months): the answer is the
  // estimate or a few days after it; start a little before in case days are read in another zone.
  let day = addDaysToDay(held > quiet ? held : quiet, -3);
  for (let step = 0; step < 40; step++, day = addDaysToDay(day, 1)) {
    if (staleReason(pausedHolding(client, absences, day), staleCutoffs(day, rules)) !== undefined) return day;
  }
  return null;
}
