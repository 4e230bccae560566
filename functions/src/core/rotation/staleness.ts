import { addDays, format, subMonths } from 'date-fns';
import type { RotationRules } from '../../schema/rules-config.ts';
import { dayOf } from '../../schema/common.ts';

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

function parseDay(day: string): Date {
  const [y, m, d] = dayOf(day).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** Month arithmetic on calendar days: 31 Aug minus 6 months is 28/29 Feb (date-fns clamps). */
export function staleCutoffs(at: string, rules: Pick<RotationRules, 'holdMonths' | 'noDealMonths'>): StaleCutoffs {
  const day = parseDay(at);
  return { holdDay: format(subMonths(day, rules.holdMonths), 'yyyy-MM-dd'), noDealDay: format(subMonths(day, rules.noDealMonths), 'yyyy-MM-dd') };
}

/** The day after `day`: queries use `< next day` so timestamps on the cutoff day are included. */
export function nextDay(day: string): string {
  return format(addDays(parseDay(day), 1), 'yyyy-MM-dd');
}

export function addDaysToDay(day: string, days: number): string {
  return format(addDays(parseDay(day), days), 'yyyy-MM-dd');
}

/** Why the client is stale, or undefined when it is not (held too briefly or dealt recently). */
export function staleReason(client: HoldingFacts, cutoffs: StaleCutoffs): StaleReason | undefined {
  if (client.assignedAt === undefined || dayOf(client.assignedAt) > cutoffs.holdDay) return undefined;
  if (client.dealsSinceAssignment === 0) return 'no-deal-since-assignment';
  if (client.lastDealAt !== null && dayOf(client.lastDealAt) <= cutoffs.noDealDay) return 'no-deal-for-months';
  return undefined;
}
