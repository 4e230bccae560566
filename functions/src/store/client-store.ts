import type { Firestore, Transaction, WriteBatch } from 'firebase-admin/firestore';
import { contactKeyField, duplicateIssues, withNormalisedContacts, type DuplicateContact } from '../core/contact-normalisation.ts';
import { compareDeals, newClientDerived, withDeal } from '../core/client-derivation.ts';
import { AppError, formatPath } from '../errors.ts';
import type { Client, ClientDoc } from '../schema/client.ts';
import type { Deal, DealDoc, DealRecordedVia } from '../schema/deal.ts';
import { dealCounts, statusOnRecord } from '../core/bonus/deal-of-record.ts';
import { readRules } from './rules-store.ts';
import { historyEntrySchema, type HistoryEntry, type NewHistoryEntry } from '../schema/history.ts';
import { dealCorrection } from '../core/bonus/corrections.ts';
import { markCorrection } from './bonus-correction-store.ts';
import { collections, contactKeyId, timeOrderedId } from './collections.ts';

/** Normalises contacts or throws `invalid-input` naming each bad one (`phones[0]: not a valid phone number`). */
export function normaliseClient(input: Client, prefix = ''): { client: Client; keys: string[] } {
  const { client, keys, issues } = withNormalisedContacts(input);
  if (issues.length > 0) {
    throw new AppError('invalid-input', 'invalid client contacts', {
      issues: issues.map((i) => ({ path: formatPath(prefix, i.path), message: i.message })),
    });
  }
  return { client, keys };
}

/** Finds which of these contact keys already belong to another client. */
export async function findDuplicates(tx: Transaction, db: Firestore, keys: string[], selfId?: string): Promise<DuplicateContact[]> {
  if (keys.length === 0) return [];
  const refs = keys.map((k) => db.collection(collections.contactKeys).doc(contactKeyId(k)));
  const snaps = await tx.getAll(...refs);
  const found: DuplicateContact[] = [];
  snaps.forEach((s, i) => {
    const clientId = s.get('clientId') as string | undefined;
    if (s.exists && clientId !== undefined && clientId !== selfId) found.push({ key: keys[i]!, clientId });
  });
  return found;
}

export function duplicateError(found: DuplicateContact[]): AppError {
  const first = found[0]!;
  return new AppError('duplicate', `already in the base as client ${first.clientId}`, {
    issues: duplicateIssues(found),
    details: { existingClientId: first.clientId, field: contactKeyField(first.key) },
  });
}

export type Actor = { by: string; at: string };

/**
 * Who must still hold the client when the write lands. Checked inside the write's own transaction,
 * so a rotation between the caller's read and the write cannot let a former holder write.
 */
export type HolderGuard = { holderId?: string };

export function checkHolder(client: Pick<ClientDoc, 'managerId'>, clientId: string, guard: HolderGuard): void {
  if (guard.holderId !== undefined && client.managerId !== guard.holderId) throw new AppError('not-found', `client ${clientId} not found`);
}

/**
 * Creates a client, refusing it when any normalised phone, e-mail or tax number is already in the
 * base (the error carries the existing client's id and nothing else about it).
 */
export async function createClient(db: Firestore, input: Client, actor: Actor): Promise<ClientDoc> {
  const { client, keys } = normaliseClient(input);
  const ref = db.collection(collections.clients).doc(client.id);
  return db.runTransaction(async (tx) => {
    const [existing, dupes] = await Promise.all([tx.get(ref), findDuplicates(tx, db, keys)]);
    if (existing.exists)
      throw new AppError('duplicate', `a client with id ${client.id} already exists`, {
        issues: [{ path: 'id', message: 'already exists' }],
        details: { existingClientId: client.id, field: 'id' },
      });
    if (dupes.length > 0) throw duplicateError(dupes);
    const doc: ClientDoc = { ...client, createdAt: client.createdAt ?? actor.at, ...newClientDerived(client, keys, actor.at) };
    tx.create(ref, doc);
    for (const k of keys) tx.create(db.collection(collections.contactKeys).doc(contactKeyId(k)), { clientId: client.id, key: k });
    return doc;
  });
}

export function historyRef(db: Firestore, clientId: string, entryId: string) {
  return db.collection(collections.clients).doc(clientId).collection(collections.history).doc(entryId);
}

/** History ids sort in time order, so the subcollection reads back in order without an index. */
export function newHistoryId(at: string): string {
  return timeOrderedId(at);
}

/** A transaction, or a batch that commits the entry atomically with the change it records. */
export type HistoryWriter = Pick<Transaction, 'create'> | Pick<WriteBatch, 'create'>;

/** Appends a validated history entry inside a transaction (history is never updated or deleted). */
export function appendHistory(tx: HistoryWriter, db: Firestore, entry: NewHistoryEntry): HistoryEntry {
  const withId = { ...entry, id: entry.id ?? newHistoryId(entry.at) };
  const valid = historyEntrySchema.parse(withId);
  tx.create(historyRef(db, valid.clientId, valid.id), valid);
  return valid;
}

/**
 * Records a deal and keeps the client's derived fields current. `seq` is the number of counted
 * deals the client had before, plus one: deals are numbered in the order they count. A deal its
 * holder recorded waits for the head of sales when the rules require it (deal-of-record.ts): it
 * counts for nothing until confirmed, and is numbered again then.
 */
export async function recordDeal(
  db: Firestore,
  input: Deal,
  actor: Actor,
  guard: HolderGuard = {},
  via: DealRecordedVia = 'admin',
): Promise<DealDoc> {
  const clientRef = db.collection(collections.clients).doc(input.clientId);
  const dealRef = db.collection(collections.deals).doc(input.id);
  const { rules } = await readRules(db);
  const deal: Deal = {
    ...input,
    recordedBy: actor.by,
    recordedVia: via,
    recordedAt: actor.at,
    status: statusOnRecord(via, rules.bonus),
    version: 1,
  };
  return db.runTransaction(async (tx) => {
    const [clientSnap, dealSnap] = await tx.getAll(clientRef, dealRef);
    if (!clientSnap!.exists)
      throw new AppError('not-found', `client ${deal.clientId} not found`, { issues: [{ path: 'clientId', message: 'no such client' }] });
    checkHolder(clientSnap!.data() as ClientDoc, deal.clientId, guard);
    if (dealSnap!.exists)
      throw new AppError('duplicate', `deal ${deal.id} already exists`, { issues: [{ path: 'id', message: 'already exists' }] });
    const c = clientSnap!.data() as ClientDoc;
    // A deal dated in a month already computed is a correction of it (MISSION §3.7); one before the
    // client's first deal moves the first deal, and with it every raised part: all its deals count.
    const counts = dealCounts(deal);
    const earlier = counts && c.firstDealAt !== null && deal.date < c.firstDealAt;
    const others = earlier ? await dealDatesOf(tx, db, deal.clientId) : [];
    await markCorrection(tx, db, deal.clientId, dealCorrection(c, deal, others, counts), actor.at);
    const doc: DealDoc = { ...deal, seq: c.dealCount + 1 };
    tx.create(dealRef, doc);
    tx.update(clientRef, { ...withDeal(c, c, deal, rules.rotation), version: c.version + 1, updatedAt: actor.at });
    appendHistory(tx, db, {
      type: 'deal',
      clientId: deal.clientId,
      at: actor.at,
      by: actor.by,
      dealId: deal.id,
      managerId: deal.managerId,
      amount: deal.amount,
      profit: deal.profit,
    });
    return doc;
  });
}

async function dealDatesOf(tx: Transaction, db: Firestore, clientId: string): Promise<string[]> {
  const snap = await tx.get(db.collection(collections.deals).where('clientId', '==', clientId).select('date'));
  return snap.docs.map((d) => d.get('date') as string);
}

export async function readHistory(db: Firestore, clientId: string): Promise<HistoryEntry[]> {
  const snap = await db.collection(collections.clients).doc(clientId).collection(collections.history).orderBy('at').get();
  return snap.docs.map((d) => d.data() as HistoryEntry);
}

export { compareDeals };
