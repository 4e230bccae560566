import { FieldPath, FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { auditShard, nextLink, type ChainedEntry, type ChainHead } from '../core/audit-chain.ts';
import { log } from '../logger.ts';
import type { AuditEntry, ChainedAuditEntry } from '../schema/audit.ts';
import { collections, timeOrderedId } from './collections.ts';
import { decodePageCursor, encodePageCursor } from './page-cursor.ts';

export type { AuditEntry };

/**
 * Writes an entry at the end of its chain (core/audit-chain.ts): the entry and its chain's head move
 * in one transaction, then the entry goes to Cloud Logging too, where no runtime identity can change it.
 */
export async function writeAudit(db: Firestore, entry: AuditEntry): Promise<string> {
  let writer: AuditWriter | undefined;
  const id = await db.runTransaction(async (tx) => {
    writer = await prepareAudit(tx, db, entry);
    return writer.write(entry);
  });
  announceAudit(writer);
  return id;
}

/** The audit chain of one transaction: its head read with the transaction's other reads, entries written with its writes. */
export type AuditWriter = { write: (entry: AuditEntry) => string; readonly entries: ReadonlyArray<ChainedAuditEntry & { id: string }> };

const prepared = new WeakMap<Transaction, AuditWriter>();

/**
 * Reads the head of the chain an entry by `key.actor` about `key.target` goes to. Call it among the
 * transaction's reads (Firestore allows no read after a write); the writer then chains each entry
 * written in this transaction, by `write` or `writeAuditInTransaction`. After the commit, hand it to `announceAudit`.
 */
export async function prepareAudit(
  tx: Transaction,
  db: Firestore,
  key: { actor: string; target?: string | undefined },
): Promise<AuditWriter> {
  const shard = auditShard(key.actor, key.target);
  const headRef = db.collection(collections.auditChains).doc(shard);
  const snap = await tx.get(headRef);
  let head = snap.exists ? (snap.data() as ChainHead) : undefined;
  const entries: Array<ChainedAuditEntry & { id: string }> = [];
  const writer: AuditWriter = {
    entries,
    write(entry) {
      const id = timeOrderedId(entry.at);
      const link = nextLink(entry, shard, head);
      const stored: ChainedAuditEntry = { ...entry, ...link };
      tx.create(db.collection(collections.audit).doc(id), stored);
      head = { shard, seq: link.seq, hash: link.hash };
      tx.set(headRef, { ...head, at: entry.at, lastId: id });
      entries.push({ id, ...stored });
      return id;
    },
  };
  prepared.set(tx, writer);
  return writer;
}

/**
 * The same, inside a transaction, so the action and its audit entry land together: chained when
 * the transaction called `prepareAudit` among its reads. Without it the entry is stored unchained
 * (reported by `audit verify`) and logged at once, so nothing is lost; new code prepares first.
 */
export function writeAuditInTransaction(tx: Transaction, db: Firestore, entry: AuditEntry): string {
  const writer = prepared.get(tx);
  if (writer !== undefined) return writer.write(entry);
  const id = timeOrderedId(entry.at);
  tx.create(db.collection(collections.audit).doc(id), entry);
  logAuditEntry({ id, ...entry });
  return id;
}

/** After the commit: each entry the writer chained, as one structured line for Cloud Logging. */
export function announceAudit(writer: AuditWriter | undefined): void {
  for (const entry of writer?.entries ?? []) logAuditEntry(entry);
}

function logAuditEntry(entry: ChainedAuditEntry & { id: string }): void {
  const line = `audit: ${entry.actor} ${entry.action} ${entry.outcome}${entry.target !== undefined ? ` ${entry.target}` : ''}`;
  if (entry.alert === true || entry.outcome === 'refused') log().warn({ audit: entry }, line);
  else log().info({ audit: entry }, line);
}

/** Counters of unauthenticated refusals are merged into, never chained; they are told apart by their id. */
export function isRefusalCounter(id: string): boolean {
  return /^\d{17}-unauthenticated-/.test(id);
}

/** Every chained entry, the ids of unchained ones (counters left out) and every chain's head, for `audit verify`. */
export async function readAuditChains(db: Firestore): Promise<{ entries: ChainedEntry[]; unchainedIds: string[]; heads: ChainHead[] }> {
  const [audit, heads] = await Promise.all([db.collection(collections.audit).get(), db.collection(collections.auditChains).get()]);
  const entries: ChainedEntry[] = [];
  const unchainedIds: string[] = [];
  for (const d of audit.docs) {
    const data = d.data() as ChainedAuditEntry;
    if (typeof data.seq === 'number' && typeof data.shard === 'string') entries.push({ ...data, id: d.id } as ChainedEntry);
    else if (!isRefusalCounter(d.id)) unchainedIds.push(d.id);
  }
  return { entries, unchainedIds, heads: heads.docs.map((d) => ({ ...(d.data() as ChainHead), shard: d.id })) };
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
