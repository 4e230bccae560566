import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { companyDay } from '../core/calendar.ts';
import { clientMatcher, hasFilter } from '../core/client-search.ts';
import { departureOf, type Departure } from '../core/departures.ts';
import { holdingFacts } from '../core/holding-facts.ts';
import { clientSortKeys, type ClientDoc, type ClientHoldingFacts, type ClientSortKey } from '../schema/client.ts';
import { clientView, type ClientView } from './client-edit-store.ts';
import { collections } from './collections.ts';
import type { HandoverTask } from './handover-store.ts';
import { decodePageCursor, encodePageCursor, type PagePosition } from './page-cursor.ts';
import { readRules } from './rules-store.ts';
import { readAbsencesOf } from './manager-store.ts';
import { needsIndex } from './query-indexes.ts';

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

for (const sort of clientSortKeys)
  for (const order of ['asc', 'desc'] as const) needsIndex(collections.clients, 'managerId', [sort, order]);
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
    return {
      clients: docs.map((d) => clientView(d.data() as ClientDoc)),
      nextCursor: snap.size > query.limit && last ? encodeCursor(query, last.data() as ClientDoc) : null,
    };
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
    if (scanned >= maxScan) return { clients: out, nextCursor: after ? cursorAfter(query, after) : null };
  }
}

function sortValue(doc: ClientDoc, sort: ClientSortKey): string | null {
  return (doc[sort] as string | null | undefined) ?? null;
}

function cursorAfter(query: ClientListQuery, position: PagePosition): string {
  return encodePageCursor([query.sort, query.order], position);
}

function encodeCursor(query: ClientListQuery, doc: ClientDoc): string {
  return cursorAfter(query, { value: sortValue(doc, query.sort), id: doc.id });
}

function decodeCursor(cursor: string, query: ClientListQuery): PagePosition {
  return decodePageCursor(cursor, { settings: [query.sort, query.order], nullValue: true, hint: 'the sort may have changed' });
}

/** Whether the base holds any client at all (one read). */
export async function hasAnyClient(db: Firestore): Promise<boolean> {
  return !(await db.collection(collections.clients).limit(1).select().get()).empty;
}

/** Due days of open handover tasks by `managerId/clientId`: one query per holder, or one for all. */
async function openReportDueDays(db: Firestore, holders: string[]): Promise<Map<string, string>> {
  const tasks = db.collection(collections.tasks).where('status', '==', 'open');
  const snaps = holders.length <= 3 ? await Promise.all(holders.map((h) => tasks.where('managerId', '==', h).get())) : [await tasks.get()];
  const due = new Map<string, string>();
  for (const snap of snaps) {
    for (const d of snap.docs) {
      const task = d.data() as HandoverTask;
      const key = `${task.managerId}/${task.clientId}`;
      const known = due.get(key);
      if (known === undefined || task.dueDate < known) due.set(key, task.dueDate);
    }
  }
  return due;
}

/**
 * The clients with what the holder's sheet shows beside them (days held, rotation due on, report
 * due), from the rules in force and the open handover tasks: two or three reads per call.
 */
export async function withHoldingFacts<T extends ClientView>(
  db: Firestore,
  clients: T[],
  at: string,
): Promise<Array<T & ClientHoldingFacts>> {
  if (clients.length === 0) return [];
  const holders = [...new Set(clients.map((c) => c.managerId).filter((m): m is string => m !== null))];
  const [{ rules }, due, leaves] = await Promise.all([readRules(db), openReportDueDays(db, holders), readAbsencesOf(db, holders)]);
  const today = companyDay(at, rules.timeZone);
  return clients.map((c) => ({
    ...c,
    ...holdingFacts(c, {
      rules,
      today,
      reportDueOn: c.managerId === null ? null : (due.get(`${c.managerId}/${c.id}`) ?? null),
      absences: c.managerId === null ? undefined : leaves.get(c.managerId),
    }),
  }));
}

export type { Departure } from '../core/departures.ts';

/**
 * Why clients a manager's sheet still shows are no longer theirs: taken by a rotation or moved
 * otherwise (offboarding, the head of sales), with the day. Only clients the manager held are
 * explained; any other id reads "unknown", exactly like one that does not exist, so nothing about
 * a colleague's book leaks.
 */
export async function departuresOf(db: Firestore, managerId: string, ids: string[]): Promise<Departure[]> {
  const unique = [...new Set(ids)];
  const snaps = unique.length === 0 ? [] : await db.getAll(...unique.map((id) => db.collection(collections.clients).doc(id)));
  return snaps.map((snap, i) => {
    const clientId = unique[i]!;
    return departureOf(clientId, snap.exists ? (snap.data() as ClientDoc) : undefined, managerId);
  });
}

/** Names of the given clients that `managerId` holds now (a task list shows them; others stay unnamed). */
export async function heldClientNames(db: Firestore, managerId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const snaps = await db.getAll(...unique.map((id) => db.collection(collections.clients).doc(id)));
  const names = new Map<string, string>();
  for (const snap of snaps) if (snap.exists && snap.get('managerId') === managerId) names.set(snap.id, String(snap.get('name')));
  return names;
}
