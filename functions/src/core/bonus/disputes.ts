import type { Dispute, DisputeReason } from '../../schema/dispute.ts';
import { addDaysToDay } from '../calendar.ts';
import { formatMoney } from './money.ts';
import type { StatementLine } from './types.ts';

/** A field-level refusal of a dispute or its resolution: which field, and why. */
export type DisputeRefusal = { code: 'invalid-input' | 'forbidden' | 'conflict' | 'not-found'; path: string; message: string };

/**
 * A manager questions a line of their own statement (a missing deal names none). The line is looked
 * up in the caller's statement only, so another manager's line is simply not there.
 */
export function disputeRefusal(
  input: { reason: DisputeReason; lineId?: string | undefined; month: string },
  own: ReadonlyArray<Pick<StatementLine, 'id'>> | undefined,
): DisputeRefusal | undefined {
  if (input.reason === 'missing-deal')
    return input.lineId === undefined
      ? undefined
      : { code: 'invalid-input', path: 'lineId', message: 'a missing deal names no line: leave lineId out' };
  if (input.lineId === undefined) return { code: 'invalid-input', path: 'lineId', message: `is required for the reason ${input.reason}` };
  if (own === undefined) return { code: 'not-found', path: 'month', message: `you have no statement for ${input.month}` };
  if (!own.some((l) => l.id === input.lineId))
    return { code: 'invalid-input', path: 'lineId', message: `is not a line of your statement for ${input.month}` };
  return undefined;
}

/** Only an open dispute is resolved, and never by the person who opened it. */
export function resolutionRefusal(dispute: Pick<Dispute, 'status' | 'managerId'>, resolverId: string): DisputeRefusal | undefined {
  if (dispute.managerId === resolverId)
    return { code: 'forbidden', path: 'id', message: 'is your own dispute: another head of sales resolves it' };
  if (dispute.status !== 'open') return { code: 'conflict', path: 'id', message: `was already ${dispute.status}` };
  return undefined;
}

/** The accepted disputes a run of `month` pays: of earlier months, not yet paid by another month. */
export function disputesPaidIn<T extends Pick<Dispute, 'status' | 'month' | 'paidIn'>>(month: string, accepted: ReadonlyArray<T>): T[] {
  return accepted.filter((d) => d.status === 'accepted' && d.month < month && (d.paidIn === null || d.paidIn === month));
}

/**
 * An accepted dispute as an adjustment line of the month that pays it. It names no corrected month
 * (`ofMonth`), so the review of closed months (adjustments.ts) never takes it back as a correction.
 */
export function disputeAdjustmentLine(d: Pick<Dispute, 'id' | 'month' | 'lineId' | 'clientId' | 'amount'>): StatementLine {
  const amount = d.amount ?? 0;
  return {
    id: `dispute:${d.id}`,
    kind: 'adjustment',
    clientId: d.clientId,
    dealId: null,
    rate: null,
    amount,
    status: 'payable',
    dueDate: null,
    note: `accepted dispute ${d.id} about ${d.month}${d.lineId === null ? '' : ` line ${d.lineId}`}: +${formatMoney(amount)}`,
  };
}

/** The adjustment lines of the accepted disputes, by manager, in id order. */
export function disputeAdjustments(disputes: ReadonlyArray<Dispute>): Map<string, StatementLine[]> {
  const out = new Map<string, StatementLine[]>();
  for (const d of [...disputes].sort((a, b) => (a.id < b.id ? -1 : 1)))
    out.set(d.managerId, [...(out.get(d.managerId) ?? []), disputeAdjustmentLine(d)]);
  return out;
}

/** Open longer than `days` company days on `today`: flagged to the head of sales like an overdue report. */
export function isDisputeOverdue(d: Pick<Dispute, 'status' | 'openedOn'>, today: string, days: number): boolean {
  return d.status === 'open' && addDaysToDay(d.openedOn, days) < today;
}
