import type { Firestore } from 'firebase-admin/firestore';
import { clientFlags, isRotatable } from '../core/client-derivation.ts';
import { contactKeyField } from '../core/contact-normalisation.ts';
import { AppError, isAppError, issuesFromZod, type FieldIssue } from '../errors.ts';
import { clientSchema, editableClientFields, type Client, type ClientDoc } from '../schema/client.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import type { HistoryEntry, NewHistoryEntry } from '../schema/history.ts';
import { appendHistory, clientFromDoc, findDuplicates, newHistoryId, normaliseClient, type Actor } from './client-store.ts';
import { lostDayCorrection } from '../core/bonus/corrections.ts';
import { writeAuditInTransaction } from './audit-store.ts';
import { markCorrection } from './bonus-correction-store.ts';
import { collections, contactKeyId } from './collections.ts';

/** A client as the API shows it: every stored field but the duplicate-lookup keys. */
export type ClientView = Omit<ClientDoc, 'contactKeys'>;

export function clientView(doc: ClientDoc): ClientView {
  const { contactKeys: _keys, ...view } = doc;
  return view;
}

/** Whose clients the caller may touch: a manager only their own, an admin any. */
export type ClientScope = { managerId: string } | 'any';

export type EditOutcome =
  | { status: 'applied'; client: ClientView }
  | { status: 'conflict'; current: ClientView; changedBy?: ChangedBy }
  | { status: 'invalid'; errors: FieldIssue[]; existingClientId?: string }
  | { status: 'forbidden'; errors: FieldIssue[] };

/**
 * Marking a client lost takes it out of rotation, so a manager could park a client there to dodge a
 * rotation and bring it back after. Anyone holding the client may mark it lost, with a reason; only
 * an admin may reinstate it or move the day it was lost (which decides whether a raised bonus is
 * paid), and a reinstatement is audited.
 */
function lostMarkProblem(current: ClientDoc, next: Client, mayReinstate: boolean): EditOutcome | undefined {
  if (current.lostAt === undefined) {
    if (next.lostAt !== undefined && (next.lostReason ?? '') === '')
      return { status: 'invalid', errors: [{ path: 'changes.lostReason', message: 'is required when marking a client lost' }] };
    return undefined;
  }
  if (mayReinstate || next.lostAt === current.lostAt) return undefined;
  const message =
    next.lostAt === undefined
      ? 'only the head of sales (admin) may reinstate a lost client'
      : 'only the head of sales (admin) may change the day a client was lost';
  return { status: 'forbidden', errors: [{ path: 'changes.lostAt', message }] };
}

type FieldChange = Extract<HistoryEntry, { type: 'edit' }>['changes'][number];

/** The own fields an edit changed, each with its stored value before and after (null: empty). */
function fieldChanges(before: Client, after: Client): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of editableClientFields) {
    const was = (before[field] ?? null) as FieldChange['before'];
    const now = (after[field] ?? null) as FieldChange['after'];
    if (JSON.stringify(was) !== JSON.stringify(now)) out.push({ field, before: was, after: now });
  }
  return out;
}

/** The person whose edit made the current version, when the last write was an edit through the API. */
export type ChangedBy = { id: string; name: string };

/** The stored fields that are not the client's own (deal counts, flags other jobs keep): carried over as they are. */
function derivedOf(doc: ClientDoc): Record<string, unknown> {
  const own = new Set(Object.keys(clientSchema.shape));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !own.has(k)));
}

/** Marks a not-found that hides another manager's client, so the caller can audit the attempt. */
export const foreignClient = Symbol('another manager holds this client');

export function clientNotFound(clientId: string, foreign: boolean): AppError {
  return new AppError('not-found', `client ${clientId} not found`, foreign ? { cause: foreignClient } : {});
}

export function inScope(doc: { managerId: string | null }, scope: ClientScope): boolean {
  return scope === 'any' || doc.managerId === scope.managerId;
}

/**
 * Applies one edit made against `version`. A newer version wins: the edit is refused as a conflict
 * with the current values, never merged over them. Contacts are re-normalised and their duplicate
 * keys move in the same transaction, so two clients can never claim one phone.
 */
type EditInput = { clientId: string; version: number; changes: ClientChanges; scope: ClientScope; actor: Actor; mayReinstate: boolean };

export async function editClient(db: Firestore, input: EditInput): Promise<EditOutcome> {
  const outcome = await applyEdit(db, input);
  if (outcome.status !== 'conflict') return outcome;
  const changedBy = await lastEditor(db, outcome.current);
  return changedBy ? { ...outcome, changedBy } : outcome;
}

/**
 * Who made the version a conflicting edit ran into: known only when that version was itself an
 * edit (deals, consents, sign-ups and transfers also bump the version but do not say who).
 */
async function lastEditor(db: Firestore, current: ClientView): Promise<ChangedBy | undefined> {
  const edit = current.lastEdit;
  if (!edit || edit.at !== current.updatedAt) return undefined;
  const manager = await db.collection(collections.managers).doc(edit.by).get();
  return { id: edit.by, name: manager.exists ? String(manager.get('name')) : edit.by };
}

async function applyEdit(db: Firestore, input: EditInput): Promise<EditOutcome> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const current = snap.data() as ClientDoc;
    if (!inScope(current, input.scope)) throw clientNotFound(input.clientId, true);
    if (current.version !== input.version) return { status: 'conflict', current: clientView(current) };

    const merged: Record<string, unknown> = { ...clientFromDoc(current) };
    for (const [k, v] of Object.entries(input.changes)) {
      if (v === null) delete merged[k];
      else if (v !== undefined) merged[k] = v;
    }
    // Reinstating clears the loss's reason and competitor with it; the history keeps them.
    if (input.changes.lostAt === null)
      for (const k of ['lostReason', 'competitor'] as const) if (input.changes[k] === undefined) delete merged[k];
    const parsed = clientSchema.safeParse(merged);
    if (!parsed.success) return { status: 'invalid', errors: issuesFromZod(parsed.error, 'changes') };
    const lostProblem = lostMarkProblem(current, parsed.data, input.mayReinstate);
    if (lostProblem !== undefined) return lostProblem;
    let normalised: ReturnType<typeof normaliseClient>;
    try {
      normalised = normaliseClient(parsed.data, 'changes');
    } catch (e) {
      if (isAppError(e) && e.code === 'invalid-input') return { status: 'invalid', errors: e.issues };
      throw e;
    }
    const { client, keys } = normalised;
    const added = keys.filter((k) => !current.contactKeys.includes(k));
    const removed = current.contactKeys.filter((k) => !keys.includes(k));
    const [dupes, removedSnaps] = await Promise.all([
      findDuplicates(tx, db, added, input.clientId),
      removed.length > 0
        ? tx.getAll(...removed.map((k) => db.collection(collections.contactKeys).doc(contactKeyId(k))))
        : Promise.resolve([]),
    ]);
    if (dupes.length > 0) {
      return {
        status: 'invalid',
        existingClientId: dupes[0]!.clientId,
        errors: dupes.map((d) => ({
          path: `changes.${contactKeyField(d.key)}`,
          message: `already in the base as client ${d.clientId}`,
        })),
      };
    }
    // An edit that changes nothing (the same values typed again) writes nothing: no version to explain.
    const changes = fieldChanges(clientFromDoc(current), client);
    if (changes.length === 0) return { status: 'applied', client: clientView(current) };
    // A lost day moved into a month already computed decides again whether raised parts were kept.
    const lost = lostDayCorrection(current.firstDealAt, current.lostAt, client.lostAt);
    if (lost !== undefined) await markCorrection(tx, db, input.clientId, lost, input.actor.at);
    // New contacts change which address a mailing would use, so the mailable flags follow them.
    const doc = {
      ...derivedOf(current),
      ...client,
      contactKeys: keys,
      ...clientFlags(client),
      version: current.version + 1,
      updatedAt: input.actor.at,
      lastEdit: { by: input.actor.by, at: input.actor.at },
    } as ClientDoc;
    tx.set(ref, doc);
    // The history says what changed, so a client's history replays to its current fields and version.
    // Entries of one edit share an instant; their ids keep them in the order written (the edit first).
    const stem = newHistoryId(input.actor.at);
    appendHistory(tx, db, {
      id: `${stem}.1`,
      type: 'edit',
      clientId: input.clientId,
      at: input.actor.at,
      by: input.actor.by,
      version: doc.version,
      changes,
    });
    for (const s of removedSnaps) if (s.exists && s.get('clientId') === input.clientId) tx.delete(s.ref);
    for (const k of added) tx.set(db.collection(collections.contactKeys).doc(contactKeyId(k)), { clientId: input.clientId, key: k });
    if (current.lostAt === undefined && client.lostAt !== undefined) {
      appendHistory(tx, db, {
        id: `${stem}.2`,
        type: 'lost',
        clientId: input.clientId,
        at: input.actor.at,
        by: input.actor.by,
        reason: client.lostReason ?? '',
        ...(client.competitor !== undefined ? { competitor: client.competitor } : {}),
      });
    } else if (current.lostAt !== undefined && client.lostAt !== current.lostAt) {
      const reinstated = client.lostAt === undefined;
      if (reinstated)
        appendHistory(tx, db, {
          id: `${stem}.2`,
          type: 'note',
          clientId: input.clientId,
          at: input.actor.at,
          by: input.actor.by,
          text: `no longer marked lost (was lost on ${current.lostAt})`,
        });
      writeAuditInTransaction(tx, db, {
        at: input.actor.at,
        actor: input.actor.by,
        action: reinstated ? 'reinstate lost client' : 'change lost day',
        outcome: 'ok',
        target: `clients/${input.clientId}`,
        details: { lostAt: current.lostAt, newLostAt: client.lostAt ?? null, lostReason: current.lostReason ?? null },
      });
    }
    return { status: 'applied', client: clientView(doc) };
  });
}

/** Pins or unpins a client: pinned clients never rotate. */
export async function setPinned(db: Firestore, input: { clientId: string; pinned: boolean; actor: Actor }): Promise<ClientView> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const current = snap.data() as ClientDoc;
    const { pinned: _old, ...rest } = current;
    const doc: ClientDoc = { ...rest, ...(input.pinned ? { pinned: true } : {}), version: current.version + 1, updatedAt: input.actor.at };
    doc.rotatable = isRotatable(doc);
    tx.set(ref, doc);
    return clientView(doc);
  });
}

/** Reads a client the caller may see, or answers not-found without saying whose it is. */
export async function readClientInScope(db: Firestore, clientId: string, scope: ClientScope): Promise<ClientView> {
  const snap = await db.collection(collections.clients).doc(clientId).get();
  if (!snap.exists) throw clientNotFound(clientId, false);
  const doc = snap.data() as ClientDoc;
  if (!inScope(doc, scope)) throw clientNotFound(clientId, true);
  return clientView(doc);
}

/** Logs a contact or note on a client the caller may touch, checked in the same transaction. */
export async function logClientHistory(
  db: Firestore,
  input: { clientId: string; scope: ClientScope; entry: NewHistoryEntry },
): Promise<HistoryEntry> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    if (!inScope(snap.data() as ClientDoc, input.scope)) throw clientNotFound(input.clientId, true);
    return appendHistory(tx, db, input.entry);
  });
}
