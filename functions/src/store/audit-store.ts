import { FieldPath, FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { AuditEntry } from '../schema/audit.ts';
import { collections, timeOrderedId } from './collections.ts';
import { decodePageCursor, encodePageCursor } from './page-cursor.ts';

export type { AuditEntry };

export async function writeAudit(db: Firestore, entry: AuditEntry): Promise<string> {
  const id = timeOrderedId(entry.at);
  await db.collection(collections.audit).doc(id).create(entry);
  return id;
}

/** The same, inside a transaction, so the action and its audit entry land together. */
export function writeAuditInTransaction(tx: Transaction, db: Firestore, entry: AuditEntry): string {
  const id = timeOrderedId(entry.at);
  tx.create(db.collection(collections.audit).doc(id), entry);
  return id;
}

/**
 * Requests refused for want of a valid identity are counted, not logged one by one: one entry per
 * source address and minute holding a counter, so junk traffic cannot flood the audit log. The
 * entry sorts with the others by the minute it covers.
 */
export async function countUnauthenticatedRefusal(
  db: Firestore,
  input: { at: string; source: string | undefined; request: string; reason: string },
): Promise<string> {
  const minute = `${input.at.slice(0, 16)}:00.000Z`;
  const source = (input.source ?? 'unknown').replace(/[^A-Za-z0-9.:-]/g, '_').slice(0, 64) || 'unknown';
  const id = timeOrderedId(minute, `unauthenticated-${source}`);
  await db
    .collection(collections.audit)
    .doc(id)
    .set(
      {
        at: minute,
        actor: 'anonymous',
        action: 'unauthenticated requests',
        outcome: 'refused',
        details: {
          source,
          count: FieldValue.increment(1),
          lastAt: input.at,
          lastRequest: input.request.slice(0, 200),
          lastReason: input.reason.slice(0, 200),
        },
      },
      { merge: true },
    );
  return id;
}

export type AuditPage = { entries: Array<AuditEntry & { id: string }>; nextCursor: string | null };

/** The audit log newest first, a page at a time. */
export async function listAudit(db: Firestore, query: { limit: number; cursor?: string | undefined }): Promise<AuditPage> {
  // Firestore scans document names only ascending; the timestamp gives newest-first order.
  let q = db.collection(collections.audit).orderBy('at', 'desc').orderBy(FieldPath.documentId(), 'desc');
  if (query.cursor !== undefined) {
    const after = decodePageCursor(query.cursor, { settings: [], nullValue: false });
    q = q.startAfter(after.value, after.id);
  }
  const snap = await q.limit(query.limit + 1).get();
  const docs = snap.docs.slice(0, query.limit);
  const last = docs[docs.length - 1];
  return {
    entries: docs.map((d) => ({ id: d.id, ...(d.data() as AuditEntry) })),
    nextCursor: snap.size > query.limit && last ? encodePageCursor([], { value: last.get('at') as string, id: last.id }) : null,
  };
}
