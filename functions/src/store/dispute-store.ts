import type { Firestore } from 'firebase-admin/firestore';
import { disputesPaidIn, isDisputeOverdue, resolutionRefusal, type DisputeRefusal } from '../core/bonus/disputes.ts';
import { AppError } from '../errors.ts';
import type { Dispute, DisputeStatus } from '../schema/dispute.ts';
import { collections, timeOrderedId } from './collections.ts';

// `disputes/{id}`: a manager's question about their statement; `acknowledgements/{month}_{managerId}`: their sign-off of a closed month.

const disputeRef = (db: Firestore, id: string) => db.collection(collections.disputes).doc(id);
const acknowledgementRef = (db: Firestore, month: string, managerId: string) =>
  db.collection(collections.acknowledgements).doc(`${month}_${managerId}`);

export function refusalError(r: DisputeRefusal): AppError {
  return new AppError(r.code, `${r.path} ${r.message}`, { issues: [{ path: r.path, message: r.message }] });
}

export async function fileDispute(db: Firestore, d: Omit<Dispute, 'id'>): Promise<Dispute> {
  const dispute: Dispute = { id: timeOrderedId(d.openedAt), ...d };
  // One open dispute per line: a second would be paid twice if both were accepted.
  await db.runTransaction(async (tx) => {
    if (d.lineId !== null) {
      const open = await tx.get(
        db
          .collection(collections.disputes)
          .where('managerId', '==', d.managerId)
          .where('status', '==', 'open')
          .where('lineId', '==', d.lineId),
      );
      if (open.docs.some((o) => o.get('month') === d.month))
        throw new AppError('duplicate', `line ${d.lineId} already has an open dispute (${open.docs[0]!.id})`, {
          issues: [{ path: 'lineId', message: 'already has an open dispute' }],
        });
    }
    tx.create(disputeRef(db, dispute.id), dispute);
  });
  return dispute;
}

export async function readDispute(db: Firestore, id: string): Promise<Dispute | undefined> {
  const snap = await disputeRef(db, id).get();
  return snap.exists ? (snap.data() as Dispute) : undefined;
}

/** Disputes by status (all when none), oldest first. */
export async function listDisputes(
  db: Firestore,
  filter: { status?: DisputeStatus; managerId?: string; month?: string },
): Promise<Dispute[]> {
  let q: FirebaseFirestore.Query = db.collection(collections.disputes);
  if (filter.status !== undefined) q = q.where('status', '==', filter.status);
  if (filter.managerId !== undefined) q = q.where('managerId', '==', filter.managerId);
  if (filter.month !== undefined) q = q.where('month', '==', filter.month);
  const snap = await q.get();
  return snap.docs.map((d) => d.data() as Dispute).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Resolves an open dispute in a transaction: a second resolution, or one by its author, is refused. */
export async function resolveDispute(
  db: Firestore,
  input: { id: string; by: string; at: string } & ({ decision: 'accepted'; amount: number } | { decision: 'rejected'; reason: string }),
): Promise<Dispute> {
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(disputeRef(db, input.id));
    if (!snap.exists) throw new AppError('not-found', `dispute ${input.id} not found`);
    const dispute = snap.data() as Dispute;
    const refusal = resolutionRefusal(dispute, input.by);
    if (refusal !== undefined) throw refusalError(refusal);
    const resolved: Dispute = {
      ...dispute,
      status: input.decision,
      resolvedAt: input.at,
      resolvedBy: input.by,
      amount: input.decision === 'accepted' ? input.amount : null,
      rejection: input.decision === 'rejected' ? input.reason : null,
    };
    tx.set(snap.ref, resolved);
    return resolved;
  });
}

/**
 * The accepted disputes the bonus run of `month` pays, claimed for it in one transaction before its
 * statements are written: a dispute is paid by one month only, and a rerun of that month pays it again.
 */
export async function claimDisputesFor(db: Firestore, month: string): Promise<Dispute[]> {
  return db.runTransaction(async (tx) => {
    const accepted = db.collection(collections.disputes).where('status', '==', 'accepted');
    const [unpaid, mine] = await Promise.all([tx.get(accepted.where('paidIn', '==', null)), tx.get(accepted.where('paidIn', '==', month))]);
    const due = disputesPaidIn(
      month,
      [...unpaid.docs, ...mine.docs].map((d) => d.data() as Dispute),
    );
    for (const d of due) if (d.paidIn === null) tx.update(disputeRef(db, d.id), { paidIn: month });
    return due.map((d) => ({ ...d, paidIn: month }));
  });
}

/** A manager's sign-off of a closed month's statement; a second one keeps the first's time. */
export async function acknowledgeStatement(
  db: Firestore,
  key: { month: string; managerId: string; at: string },
): Promise<{ at: string; already: boolean }> {
  return db.runTransaction(async (tx) => {
    const ref = acknowledgementRef(db, key.month, key.managerId);
    const snap = await tx.get(ref);
    if (snap.exists) return { at: snap.get('at') as string, already: true };
    tx.create(ref, { month: key.month, managerId: key.managerId, at: key.at });
    return { at: key.at, already: false };
  });
}

/** Who acknowledged `month`, and when, by manager id. */
export async function readAcknowledgements(db: Firestore, month: string): Promise<Map<string, string>> {
  const snap = await db.collection(collections.acknowledgements).where('month', '==', month).get();
  return new Map(snap.docs.map((d) => [d.get('managerId') as string, d.get('at') as string]));
}

/**
 * Daily, with the overdue reports: open disputes older than `days` are raised to the admin as
 * `adminAlerts/overdue-dispute_{id}`, once (the alert id is the dispute's).
 */
export async function flagOverdueDisputes(db: Firestore, input: { day: string; at: string; days: number }): Promise<string[]> {
  const open = await listDisputes(db, { status: 'open' });
  const overdue = open.filter((d) => isDisputeOverdue(d, input.day, input.days));
  const writer = db.bulkWriter();
  writer.onWriteError(() => false);
  for (const d of overdue)
    void writer
      .create(db.collection(collections.adminAlerts).doc(`overdue-dispute_${d.id}`), {
        type: 'overdue-dispute',
        disputeId: d.id,
        managerId: d.managerId,
        month: d.month,
        openedOn: d.openedOn,
        at: input.at,
      })
      .catch(() => undefined);
  await writer.close();
  return overdue.map((d) => d.id);
}
