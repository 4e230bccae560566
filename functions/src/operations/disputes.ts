import type { Firestore } from 'firebase-admin/firestore';
import { disputeRefusal, isDisputeOverdue } from '../core/bonus/disputes.ts';
import { AppError } from '../errors.ts';
import type { Dispute, DisputeReason, DisputeStatus } from '../schema/dispute.ts';
import { writeAudit } from '../store/audit-store.ts';
import { readMonthState } from '../store/bonus-month-store.ts';
import { readStatement } from '../store/bonus-statement-store.ts';
import { acknowledgeStatement, fileDispute, listDisputes, refusalError, resolveDispute } from '../store/dispute-store.ts';
import { readRules } from '../store/rules-store.ts';

type Actor = { managerId: string; at: string; today: string };

/** A manager questions a line of their own statement of `month` (or a deal missing from it); audited. */
export async function openDispute(
  db: Firestore,
  input: { month: string; lineId?: string | undefined; reason: DisputeReason; text: string },
  actor: Actor,
): Promise<Dispute> {
  const statement = await readStatement(db, { month: input.month, managerId: actor.managerId });
  const refusal = disputeRefusal(input, statement?.lines);
  const audit = (outcome: 'ok' | 'refused', details: Record<string, unknown>) =>
    writeAudit(db, { at: actor.at, actor: actor.managerId, action: 'open dispute', outcome, target: `statements/${input.month}`, details });
  if (refusal !== undefined) {
    await audit('refused', { lineId: input.lineId ?? null, reason: refusal.message });
    throw refusalError(refusal);
  }
  const line = statement?.lines.find((l) => l.id === input.lineId);
  const dispute = await fileDispute(db, {
    month: input.month,
    managerId: actor.managerId,
    lineId: input.lineId ?? null,
    clientId: line?.clientId ?? null,
    reason: input.reason,
    text: input.text,
    status: 'open',
    openedAt: actor.at,
    openedOn: actor.today,
    resolvedAt: null,
    resolvedBy: null,
    amount: null,
    rejection: null,
    paidIn: null,
  });
  await audit('ok', { disputeId: dispute.id, lineId: dispute.lineId, reason: dispute.reason });
  return dispute;
}

export type ListedDispute = Dispute & { overdue: boolean };

/** Disputes with whether each is open longer than `bonus.disputeDays` on `today`. */
export async function disputesOn(
  db: Firestore,
  filter: { status?: DisputeStatus | undefined; managerId?: string; today: string },
): Promise<{ disputeDays: number; disputes: ListedDispute[] }> {
  const [{ rules }, list] = await Promise.all([
    readRules(db),
    listDisputes(db, {
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...(filter.managerId !== undefined ? { managerId: filter.managerId } : {}),
    }),
  ]);
  const days = rules.bonus.disputeDays;
  return { disputeDays: days, disputes: list.map((d) => ({ ...d, overdue: isDisputeOverdue(d, filter.today, days) })) };
}

export async function decideDispute(
  db: Firestore,
  input: { id: string; decision: 'accepted' | 'rejected'; amount?: number | undefined; reason?: string | undefined },
  actor: { by: string; at: string },
): Promise<Dispute> {
  const common = { id: input.id, ...actor };
  return input.decision === 'accepted'
    ? resolveDispute(db, { ...common, decision: 'accepted', amount: input.amount! })
    : resolveDispute(db, { ...common, decision: 'rejected', reason: input.reason! });
}

/** A manager signs off their statement of a closed month; audited. */
export async function acknowledgeMonth(
  db: Firestore,
  input: { month: string },
  actor: Omit<Actor, 'today'>,
): Promise<{ month: string; acknowledgedAt: string }> {
  const [state, statement] = await Promise.all([
    readMonthState(db, input.month),
    readStatement(db, { month: input.month, managerId: actor.managerId }),
  ]);
  if (statement === undefined) throw new AppError('not-found', `statement for ${input.month} not found`);
  if (!state.closed)
    throw new AppError('conflict', `${input.month} is not closed yet: a statement is acknowledged once its month is closed`, {
      issues: [{ path: 'month', message: 'is not closed yet' }],
    });
  const ack = await acknowledgeStatement(db, { month: input.month, managerId: actor.managerId, at: actor.at });
  await writeAudit(db, {
    at: actor.at,
    actor: actor.managerId,
    action: 'acknowledge statement',
    outcome: 'ok',
    target: `statements/${input.month}_${actor.managerId}`,
    details: { already: ack.already },
  });
  return { month: input.month, acknowledgedAt: ack.at };
}
