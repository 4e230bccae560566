import type { RotationRules } from '../../schema/rules-config.ts';
import { dayOf } from '../../schema/common.ts';
import { addMonthsToDay } from '../calendar.ts';

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
