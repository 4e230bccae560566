import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { clientMatcher, hasFilter } from '../core/client-search.ts';
import { AppError } from '../errors.ts';
import type { ClientDoc, ClientSortKey } from '../schema/client.ts';
import { isDocumentId } from '../schema/common.ts';
import { clientView, type ClientView } from './client-edit-store.ts';
import { collections } from './collections.ts';

export type ClientListQuery = {
  /** Absent only for an admin listing the whole base. */
  managerId?: string;
  limit: number;
  cursor?: string;
  sort: ClientSortKey;
  order: 'asc' | 'desc';
  q?: string;
  kind?: 'person' | 'company';
  size?: 'regular' | 'large';
  lost?: boolean;
};

export type ClientPage = { clients: ClientView[]; nextCursor: string | null };

/**
 * Filters are applied while scanning in sort order rather than in the query: Firestore has no
 * substring search nor "field absent" filter, and one composite index per sort key is enough.
 * A filtered page reads at most `maxScan` documents; it may then come back short with a cursor
 * to continue from, so no request runs long whatever the book's size.
 */
const scanBatch = 300;
const maxScan = 3000;

export async function listClients(db: Firestore, query: ClientListQuery): Promise<ClientPage> {
  let base: Query = db.collection(collections.clients);
  if (query.managerId !== undefined) base = base.where('managerId', '==', query.managerId);
  base = base.orderBy(query.sort, query.order).orderBy(FieldPath.documentId(), query.order);
  let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query);
  const filtered = hasFilter(query);

  if (!filtered) {
    const snap = await (after ? base.startAfter(after.value, after.id) : base).limit(query.limit + 1).get();
    const docs = snap.docs.slice(0, query.limit);
    const last = docs[docs.length - 1];
    return { clients: docs.map((d) => clientView(d.data() as ClientDoc)), nextCursor: snap.size > query.limit && last ? encodeCursor(query, last.data() as ClientDoc) : null };
  }

  const matches = clientMatcher(query);
  const out: ClientView[] = [];
  let scanned = 0;
  for (;;) {
    const snap = await (after ? base.startAfter(after.value, after.id) : base).limit(scanBatch).get();
    for (const d of snap.docs) {
      const doc = d.data() as ClientDoc;
      scanned++;
      after = { value: sortValue(doc, query.sort), id: doc.id };
      if (matches(doc)) out.push(clientView(doc));
      if (out.length === query.limit) return { clients: out, nextCursor: encodeCursor(query, doc) };
    }
    if (snap.size < scanBatch) return { clients: out, nextCursor: null };
    if (scanned >= maxScan) return { clients: out, nextCursor: after ? encodeRaw(query, after.value, after.id) : null };
  }
}

function sortValue(doc: ClientDoc, sort: ClientSortKey): string | null {
  return (doc[sort] as string | null | undefined) ?? null;
}

function encodeRaw(query: ClientListQuery, value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([query.sort, query.order, value, id])).toString('base64url');
}

function encodeCursor(query: ClientListQuery, doc: ClientDoc): string {
  return encodeRaw(query, sortValue(doc, query.sort), doc.id);
}

function decodeCursor(cursor: string, query: ClientListQuery): { value: string | null; id: string } {
  const bad = () => new AppError('invalid-input', 'the cursor is not one this list gave out', { issues: [{ path: 'cursor', message: 'unknown cursor; start again without it (the sort may have changed)' }] });
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(raw) || raw.length !== 4 || raw[0] !== query.sort || raw[1] !== query.order) throw bad();
  const [, , value, id] = raw as unknown[];
  // The cursor comes from outside: what goes into the query must be text Firestore takes and a valid id.
  if ((value !== null && (typeof value !== 'string' || !value.isWellFormed())) || typeof id !== 'string' || !isDocumentId(id)) throw bad();
  return { value, id };
}
