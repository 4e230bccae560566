import { dayOf } from '../../schema/common.ts';
import { addMonthsToDay } from '../calendar.ts';

/** MISSION §3.4: the day the client passes its retention gate, `retentionMonths` after its first deal. */
export function gateDay(firstDealAt: string, retentionMonths: number): string {
  // Asked once per deal, for a few hundred distinct first days: remember the answers.
  const key = `${retentionMonths}|${firstDealAt}`;
  let gate = gates.get(key);
  if (gate === undefined) {
    gate = addMonthsToDay(firstDealAt, retentionMonths);
    if (gates.size >= 100_000) gates.clear();
    gates.set(key, gate);
  }
  return gate;
}

const gates = new Map<string, string>();

/** Held back until the gate: a deal made before the gate day. On or after it, the raised part is payable at once. */
export function isBeforeGate(dealDate: string, gate: string): boolean {
  return dayOf(dealDate) < gate;
}

/** Still with the company on the gate day: not lost on or before it. */
export function retainedAt(lostAt: string | undefined, day: string): boolean {
  return lostAt === undefined || dayOf(lostAt) > day;
}
