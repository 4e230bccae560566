import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { importCorrection } from '../core/bonus/corrections.ts';
import { dealCounts, dealStatusOf, retentionFrom } from '../core/bonus/deal-of-record.ts';
import { compareDeals, dealFieldsOf } from '../core/client-derivation.ts';
import { AppError } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { DealDoc, DealStatus } from '../schema/deal.ts';
import type { RotationRules } from '../schema/rules-config.ts';
import { announceAudit, prepareAudit, type AuditWriter } from './audit-store.ts';
import { markCorrection } from './bonus-correction-store.ts';
import { collections } from './collections.ts';
import { decodePageCursor, encodePageCursor } from './page-cursor.ts';
import { needsIndex } from './query-indexes.ts';

// Deals of record: the head of sales' list of deals by review status, and the review itself.

export type DealListQuery = { status: DealStatus; managerId?: string | undefined; limit: number; cursor?: string | undefined };
export type DealPage = { deals: DealDoc[]; nextCursor: string | null };

const cursorSettings = (q: DealListQuery) => ['deals', q.status, q.managerId ?? ''];

needsIndex(collections.deals, 'status', 'recordedAt');
needsIndex(collections.deals, 'status', 'managerId', 'recordedAt');
/** Deals in one review status, oldest recorded first (deals stored before deals of record have no status and are not listed). */
export async function listDealsByStatus(db: Firestore, query: DealListQuery): Promise<DealPage> {
  let base: Query = db.collection(collections.deals).where('status', '==', query.status);
  if (query.managerId !== undefined) base = base.where('managerId', '==', query.managerId);
  base = base.orderBy('recordedAt').orderBy(FieldPath.documentId());
  const after =
    query.cursor === undefined ? undefined : decodePageCursor(query.cursor, { settings: cursorSettings(query), nullValue: false });
  const snap = await (after ? base.startAfter(after.value, after.id) : base).limit(query.limit + 1).get();
  const docs = snap.docs.slice(0, query.limit).map((d) => d.data() as DealDoc);
  const last = docs[docs.length - 1];
  return {
    deals: docs,
    nextCursor: snap.size > query.limit && last ? encodePageCursor(cursorSettings(query), { value: last.recordedAt!, id: last.id }) : null,
  };
}

/** A client's deals, newest first (a client has few: read by client and ordered here). */
export async function readClientDeals(db: Firestore, clientId: string): Promise<DealDoc[]> {
  const snap = await db.collection(collections.deals).where('clientId', '==', clientId).get();
  return snap.docs.map((d) => d.data() as DealDoc).sort((a, b) => compareDeals(b, a));
}

/** Some deals by id, those that exist. */
export async function readDeals(db: Firestore, ids: ReadonlyArray<string>): Promise<Map<string, DealDoc>> {
  if (ids.length === 0) return new Map();
  const snaps = await db.getAll(...ids.map((id) => db.collection(collections.deals).doc(id)));
  return new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as DealDoc]));
}

export type DealReview = { dealId: string; version: number; decision: 'confirm' | 'reject'; reason?: string | undefined };
export type ReviewOutcome = { status: 'applied'; deal: DealDoc } | { status: 'conflict'; current: DealDoc } | { status: 'not-found' };

/**
 * Confirms or rejects one deal in its own transaction, if it is still at the version the reviewer
 * saw: the deal's review fields and version, its client's derived fields recomputed from all its
 * deals (activity, first deal, deals awaiting), a correction when a computed month read it, and the
 * audit entry, all land together. A deal confirmed takes the next number among the counted ones.
 */
export async function reviewDeal(
  db: Firestore,
  review: DealReview,
  actor: { by: string; at: string },
  rules: Pick<RotationRules, 'minDealAmount'>,
): Promise<ReviewOutcome> {
  const dealRef = db.collection(collections.deals).doc(review.dealId);
  let audit: AuditWriter | undefined;
  const outcome = await db.runTransaction(async (tx): Promise<ReviewOutcome> => {
    audit = undefined;
    const dealSnap = await tx.get(dealRef);
    if (!dealSnap.exists) return { status: 'not-found' };
    const deal = dealSnap.data() as DealDoc;
    if ((deal.version ?? 1) !== review.version) return { status: 'conflict', current: deal };
    const target: DealStatus = review.decision === 'confirm' ? 'confirmed' : 'rejected';
    if (dealStatusOf(deal) === target && target === 'confirmed') return { status: 'applied', deal };
    const clientRef = db.collection(collections.clients).doc(deal.clientId);
    const [clientSnap, dealsSnap] = await Promise.all([
      tx.get(clientRef),
      tx.get(db.collection(collections.deals).where('clientId', '==', deal.clientId)),
    ]);
    if (!clientSnap.exists) throw new AppError('not-found', `client ${deal.clientId} of deal ${deal.id} not found`);
    const client = clientSnap.data() as ClientDoc;
    audit = await prepareAudit(tx, db, { actor: actor.by, target: `deals/${deal.id}` });
    const others = dealsSnap.docs.map((d) => d.data() as DealDoc).filter((d) => d.id !== deal.id);
    const counted = others.filter(dealCounts);
    const { reason: _old, ...rest } = deal;
    const next: DealDoc = {
      ...rest,
      status: target,
      version: (deal.version ?? 1) + 1,
      reviewedBy: actor.by,
      reviewedAt: actor.at,
      ...(target === 'rejected' ? { reason: review.reason ?? '' } : {}),
      seq: target === 'confirmed' ? Math.max(0, ...counted.map((d) => d.seq)) + 1 : deal.seq,
    };
    const fields = dealFieldsOf(client, [...others, next], rules);
    // The month of the deal changes; when the first counted deal moves, every deal of the client does.
    const firstMoved = fields.firstDealAt !== client.firstDealAt;
    const gates = [retentionFrom(client), retentionFrom({ firstDealAt: fields.firstDealAt, createdAt: client.createdAt })];
    const facts = importCorrection(
      [deal.date, ...(firstMoved ? others.map((d) => d.date) : [])],
      [client.firstDealAt, fields.firstDealAt, ...gates],
    );
    if (facts !== undefined) await markCorrection(tx, db, deal.clientId, facts, actor.at);
    tx.set(dealRef, next);
    tx.update(clientRef, { ...fields, version: client.version + 1, updatedAt: actor.at });
    audit.write({
      at: actor.at,
      actor: actor.by,
      action: `${review.decision} deal`,
      outcome: 'ok',
      target: `deals/${deal.id}`,
      details: {
        clientId: deal.clientId,
        from: dealStatusOf(deal),
        to: target,
        version: next.version,
        ...(next.reason ? { reason: next.reason } : {}),
      },
    });
    return { status: 'applied', deal: next };
  });
  announceAudit(audit);
  return outcome;
}

/** The day and amount of the deals named (a statement's lines); deals deleted since are left out. */
export async function readDealFacts(db: Firestore, ids: ReadonlyArray<string>): Promise<Array<Pick<DealDoc, 'id' | 'date' | 'amount'>>> {
  if (ids.length === 0) return [];
  const refs = [...new Set(ids)].map((id) => db.collection(collections.deals).doc(id));
  const snaps = await db.getAll(...refs, { fieldMask: ['date', 'amount'] });
  return snaps.filter((s) => s.exists).map((s) => ({ id: s.id, date: s.get('date') as string, amount: s.get('amount') as number }));
}
