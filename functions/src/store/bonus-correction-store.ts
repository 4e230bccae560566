import { FieldValue, type BulkWriter, type Firestore, type Timestamp, type Transaction } from 'firebase-admin/firestore';
import { companyMonth } from '../core/calendar.ts';
import { earliestMonthOf, mayHaveEnded, type Correction, type CorrectionFacts } from '../core/bonus/corrections.ts';
import { collections } from './collections.ts';

const correctionRef = (db: Firestore, clientId: string) => db.collection(collections.bonusCorrections).doc(clientId);

/** What a mark writes: the dates added to those already marked, and a new version. */
function markFields(clientId: string, facts: CorrectionFacts, at: string) {
  return {
    clientId,
    ...(facts.dealDates.length > 0 ? { dealDates: FieldValue.arrayUnion(...facts.dealDates) } : {}),
    ...(facts.firstDealDates.length > 0 ? { firstDealDates: FieldValue.arrayUnion(...facts.firstDealDates) } : {}),
    version: FieldValue.increment(1),
    markedAt: at,
  };
}

/** The latest month whose statements were ever computed, if any. */
async function latestComputed(
  read: (q: FirebaseFirestore.Query) => Promise<FirebaseFirestore.QuerySnapshot>,
  db: Firestore,
  since?: string,
) {
  let q: FirebaseFirestore.Query = db.collection(collections.bonusMonths);
  if (since !== undefined) q = q.where('month', '>=', since);
  const snap = await read(q.orderBy('month', 'desc').limit(1));
  return snap.empty ? undefined : (snap.docs[0]!.get('month') as string);
}

/**
 * Marks the client's bonus facts corrected, in the transaction that makes the correction (`at`),
 * when a month it may touch was already computed. A change dated this month touches nothing that
 * could be closed: no read, no mark. Reads first: call it before the transaction's writes.
 */
export async function markCorrection(tx: Transaction, db: Firestore, clientId: string, facts: CorrectionFacts, at: string): Promise<void> {
  if (!mayHaveEnded(facts.since, at)) return;
  if ((await latestComputed((q) => tx.get(q), db, earliestMonthOf(facts.since))) === undefined) return;
  tx.set(correctionRef(db, clientId), markFields(clientId, facts, at), { merge: true });
}

/**
 * An import's marks, through its bulk writer: only those that may touch a month already computed
 * (`latest`, from `latestComputedMonth`). The import writes them before its data, so a crash in
 * between loses none, and again after, so a bonus run that read the base in between sees a newer
 * version than the one it reviewed.
 */
export function markCorrections(
  writer: BulkWriter,
  db: Firestore,
  marks: ReadonlyArray<{ clientId: string; facts: CorrectionFacts }>,
  latest: string | undefined,
  at: string,
): number {
  let count = 0;
  for (const { clientId, facts } of marks) {
    if (latest === undefined || earliestMonthOf(facts.since) > latest) continue;
    void writer.set(correctionRef(db, clientId), markFields(clientId, facts, at), { merge: true });
    count++;
  }
  return count;
}

export async function latestComputedMonth(db: Firestore): Promise<string | undefined> {
  return latestComputed((q) => q.get(), db);
}

/** A correction as read, with the document's update time (deleting it must not drop a newer mark). */
export type ReadCorrection = Correction & { updateTime: Timestamp };

/** Every open correction (normally none), its dates as company months in `timeZone`. */
export async function readCorrections(db: Firestore, timeZone: string): Promise<ReadCorrection[]> {
  const snap = await db.collection(collections.bonusCorrections).get();
  const months = (dates: unknown) => [...new Set((Array.isArray(dates) ? (dates as string[]) : []).map((d) => companyMonth(d, timeZone)))];
  return snap.docs.map((d) => ({
    clientId: d.id,
    dealMonths: months(d.get('dealDates')),
    firstDealMonths: months(d.get('firstDealDates')),
    version: (d.get('version') as number | undefined) ?? 0,
    ...(typeof d.get('handledBy') === 'string' ? { handledBy: d.get('handledBy') as string } : {}),
    ...(typeof d.get('handledVersion') === 'number' ? { handledVersion: d.get('handledVersion') as number } : {}),
    updateTime: d.updateTime,
  }));
}

/**
 * After `month` was computed and recorded: the corrections it answered for now name it (settled once
 * it is closed), and those a closed month already carries are removed, unless marked again since.
 */
export async function settleCorrections(
  db: Firestore,
  month: string,
  plan: { handled: ReadonlyArray<ReadCorrection>; settled: ReadonlyArray<ReadCorrection> },
): Promise<void> {
  const writer = db.bulkWriter();
  writer.onWriteError(() => false);
  for (const c of plan.handled)
    if (c.handledBy !== month || c.handledVersion !== c.version)
      void writer.update(correctionRef(db, c.clientId), { handledBy: month, handledVersion: c.version }).catch(() => undefined);
  for (const c of plan.settled) void writer.delete(correctionRef(db, c.clientId), { lastUpdateTime: c.updateTime }).catch(() => undefined);
  await writer.close();
}
