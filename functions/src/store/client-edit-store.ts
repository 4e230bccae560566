import type { Firestore } from 'firebase-admin/firestore';
import { isRotatable } from '../core/client-derivation.ts';
import { planEdit } from '../core/client-edit.ts';
import { refuseIfLost } from '../core/holding-dates.ts';
import { duplicateIssues, keysOfTypedContact, releasePlan } from '../core/contact-normalisation.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import type { HistoryEntry, NewHistoryEntry } from '../schema/history.ts';
import { appendHistory, findDuplicates, newHistoryId, type Actor } from './client-store.ts';
import { writeAuditInTransaction } from './audit-store.ts';
import { markCorrection } from './bonus-correction-store.ts';
import { collections, contactKeyId } from './collections.ts';
import { readManager } from './manager-store.ts';

/** A client as the API shows it: every stored field but the duplicate-lookup keys. */
export type ClientView = Omit<ClientDoc, 'contactKeys' | 'formerContactKeys'>;

export function clientView(doc: ClientDoc): ClientView {
  const { contactKeys: _keys, formerContactKeys: _former, ...view } = doc;
  return view;
}

/** Whose clients the caller may touch: a manager only their own, an admin any. */
export type ClientScope = { managerId: string } | 'any';

export type EditOutcome =
  | { status: 'applied'; client: ClientView }
  | { status: 'conflict'; current: ClientView; changedBy?: ChangedBy }
  | { status: 'invalid'; errors: FieldIssue[]; existingClientId?: string }
  | { status: 'forbidden'; errors: FieldIssue[] };

/** The person whose edit made the current version, when the last write was an edit through the API. */
export type ChangedBy = { id: string; name: string };

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
 * with the current values, never merged over them. Contacts are re-normalised and new duplicate
 * keys are claimed in the same transaction, so two clients can never claim one phone; a removed
 * contact keeps its key (the base remembers it). `timeZone` is the company's, whose days dates are.
 */
type EditInput = {
  clientId: string;
  version: number;
  changes: ClientChanges;
  scope: ClientScope;
  actor: Actor;
  mayReinstate: boolean;
  timeZone: string;
};

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
  const manager = await readManager(db, edit.by);
  return { id: edit.by, name: manager?.name ?? edit.by };
}

async function applyEdit(db: Firestore, input: EditInput): Promise<EditOutcome> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const current = snap.data() as ClientDoc;
    if (!inScope(current, input.scope)) throw clientNotFound(input.clientId, true);
    if (current.version !== input.version) return { status: 'conflict', current: clientView(current) };
    const editor = { by: input.actor.by, mayReinstate: input.mayReinstate, timeZone: input.timeZone };
    const plan = planEdit(current, input.changes, editor, input.actor.at);
    if (plan.status !== 'planned') return plan;
    const keyRef = (k: string) => db.collection(collections.contactKeys).doc(contactKeyId(k));
    const dupes = await findDuplicates(tx, db, plan.addedKeys, input.clientId);
    if (dupes.length > 0) return { status: 'invalid', existingClientId: dupes[0]!.clientId, errors: duplicateIssues(dupes, 'changes') };
    const { write } = plan;
    if (write === undefined) return { status: 'applied', client: clientView(current) };
    if (write.lostCorrection !== undefined) await markCorrection(tx, db, input.clientId, write.lostCorrection, input.actor.at);
    tx.set(ref, write.doc);
    // Entries of one edit share an instant; their ids keep them in the order written (the edit first).
    const stem = newHistoryId(input.actor.at);
    write.history.forEach((entry, i) => appendHistory(tx, db, { ...entry, id: `${stem}.${i + 1}` }));
    for (const k of plan.addedKeys) tx.set(keyRef(k), { clientId: input.clientId, key: k });
    if (write.audit !== undefined) writeAuditInTransaction(tx, db, write.audit);
    return { status: 'applied', client: clientView(write.doc) };
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

/** Logs a contact or note on a client the caller may touch (with `refuseLost`, one not lost), checked in the same transaction. */
export async function logClientHistory(
  db: Firestore,
  input: { clientId: string; scope: ClientScope; entry: NewHistoryEntry; refuseLost?: boolean },
): Promise<HistoryEntry> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const doc = snap.data() as ClientDoc;
    if (!inScope(doc, input.scope)) throw clientNotFound(input.clientId, true);
    if (input.refuseLost === true) refuseIfLost(doc, input.clientId);
    return appendHistory(tx, db, input.entry);
  });
}

/**
 * The admin frees a contact the client once had (the base remembers it against re-attraction), for
 * a number passed to another person: its key goes, a note in the history and an audit entry say so,
 * all in one transaction. `contact` is as typed: a phone, an e-mail or an INN.
 */
export async function releaseContact(
  db: Firestore,
  input: { clientId: string; contact: string; actor: Actor },
): Promise<{ client: ClientView; released: string[] }> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const current = snap.data() as ClientDoc;
    // The claims themselves decide what the client holds, whatever the document remembers of them.
    const readings = keysOfTypedContact(input.contact);
    const keySnaps =
      readings.length > 0 ? await tx.getAll(...readings.map((k) => db.collection(collections.contactKeys).doc(contactKeyId(k)))) : [];
    const claimed = readings.filter((_, i) => keySnaps[i]!.exists && keySnaps[i]!.get('clientId') === input.clientId);
    const plan = releasePlan(readings, claimed, current.contactKeys);
    if (!plan.ok) throw new AppError('invalid-input', 'this contact cannot be released', { issues: [plan.issue] });
    const { formerContactKeys: former = [], ...rest } = current;
    const stillRemembered = former.filter((k) => !plan.keys.includes(k));
    const doc: ClientDoc = {
      ...rest,
      ...(stillRemembered.length > 0 ? { formerContactKeys: stillRemembered } : {}),
      version: current.version + 1,
      updatedAt: input.actor.at,
    };
    tx.set(ref, doc);
    readings.forEach((k, i) => {
      if (plan.keys.includes(k)) tx.delete(keySnaps[i]!.ref);
    });
    const about = { clientId: input.clientId, at: input.actor.at, by: input.actor.by };
    appendHistory(tx, db, { type: 'note', ...about, text: `contact released by the head of sales: ${plan.keys.join(', ')}` });
    writeAuditInTransaction(tx, db, {
      at: input.actor.at,
      actor: input.actor.by,
      action: 'release contact',
      outcome: 'ok',
      target: `clients/${input.clientId}`,
      details: { released: plan.keys },
    });
    return { client: clientView(doc), released: plan.keys };
  });
}
