import { dayOf } from '../../schema/common.ts';
import { addMonthsToDay } from '../calendar.ts';

/** MISSION §3.4: the day the client passes its retention gate, `retentionMonths` after its first deal. */
export function gateDay(firstDealAt: string, retentionMonths: number): string {
  // Asked once per deal, for a few hundred distinct first days: remember the answers.
  let known = gates.get(retentionMonths);
  if (known === undefined) gates.set(retentionMonths, (known = new Map()));
  let gate = known.get(firstDealAt);
  if (gate === undefined) {
    gate = addMonthsToDay(firstDealAt, retentionMonths);
    if (known.size >= 100_000) known.clear();
    known.set(firstDealAt, gate);
  }
  return gate;
}

const gates = new Map<number, Map<string, string>>();

/** Held back until the gate: a deal made before the gate day. On or after it, the raised part is payable at once. */
export function isBeforeGate(dealDate: string, gate: string): boolean {
  return dayOf(dealDate) < gate;
}

/** Still with the company on the gate day: not lost on or before it. */
export function retainedAt(lostAt: string | undefined, day: string): boolean {
  return lostAt === undefined || dayOf(lostAt) > day;
}
