import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { isRotatable } from '../core/client-derivation.ts';
import { planEdit } from '../core/client-edit.ts';
import { refuseIfLost } from '../core/holding-dates.ts';
import { destroyedFields, destructiveEditVerdict, type DestructiveDay } from '../core/destructive-edit.ts';
import { duplicateIssues, keysOfTypedContact, releasePlan } from '../core/contact-normalisation.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import type { HistoryEntry, NewHistoryEntry } from '../schema/history.ts';
import { appendHistory, findDuplicates, newHistoryId, type Actor } from './client-store.ts';
import { announceAudit, prepareAudit, type AuditWriter } from './audit-store.ts';
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
  | { status: 'forbidden'; errors: FieldIssue[] }
  | { status: 'limited'; errors: FieldIssue[] };

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
 * An edit by anyone but the holder is audited with what it changed; a destructive one beyond the
 * caller's daily `limit` is refused, audited, and the first refusal of the day alerts the head of sales.
 */
type EditInput = {
  clientId: string;
  version: number;
  changes: ClientChanges;
  scope: ClientScope;
  actor: Actor;
  mayReinstate: boolean;
  timeZone: string;
  /** A manager's destructive edits on the company day `day`: at most `max` clients (absent: no limit, the admin). */
  limit?: { day: string; max: number } | undefined;
  /** What the audit calls the edit when it is not the holder's (default: edit client). */
  action?: string;
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

export function destructiveDayRef(db: Firestore, managerId: string, day: string) {
  return db.collection(collections.destructiveEdits).doc(`${managerId}_${day}`);
}

/**
 * A manager's destructive edits all move one counter document; rows of one batch racing for it
 * would abort each other, so in this process they take it one at a time (other rows run in parallel).
 */
const dayQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (dayQueues.get(key) ?? Promise.resolve()).then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  dayQueues.set(key, settled);
  void settled.then(() => dayQueues.get(key) === settled && dayQueues.delete(key));
  return run;
}

async function applyEdit(db: Firestore, input: EditInput): Promise<EditOutcome> {
  const first = await attemptEdit(db, input, false);
  if (first !== 'needs-day' || input.limit === undefined) return first as EditOutcome;
  const again = await oneAtATime(`${input.actor.by}_${input.limit.day}`, () => attemptEdit(db, input, true));
  return again as EditOutcome;
}

async function attemptEdit(db: Firestore, input: EditInput, queued: boolean): Promise<EditOutcome | 'needs-day'> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  const target = `clients/${input.clientId}`;
  let audit: AuditWriter | undefined;
  const outcome = await db.runTransaction(async (tx): Promise<EditOutcome | 'needs-day'> => {
    audit = undefined;
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
    const edit = write.history[0] as Extract<NewHistoryEntry, { type: 'edit' }>;
    const destroyed = input.limit !== undefined ? destroyedFields(edit.changes) : [];
    // Found destructive outside the queue: nothing written yet; the edit is tried again in it.
    if (destroyed.length > 0 && !queued) return 'needs-day';
    const dayRef = input.limit !== undefined ? destructiveDayRef(db, input.actor.by, input.limit.day) : undefined;
    const day = dayRef !== undefined && destroyed.length > 0 ? ((await tx.get(dayRef)).data() as DayDoc | undefined) : undefined;
    const foreign = current.managerId !== input.actor.by;
    if (foreign || write.audit !== undefined || destroyed.length > 0) audit = await prepareAudit(tx, db, { actor: input.actor.by, target });
    if (destroyed.length > 0 && input.limit !== undefined && dayRef !== undefined) {
      const verdict = destructiveEditVerdict(day, input.clientId, destroyed, input.limit.max);
      if (!verdict.allowed) {
        refuseDestructive(tx, audit!, dayRef, day, { ...input, limit: input.limit, target, destroyed });
        return { status: 'limited', errors: verdict.errors };
      }
    }
    if (write.lostCorrection !== undefined) await markCorrection(tx, db, input.clientId, write.lostCorrection, input.actor.at);
    if (destroyed.length > 0 && input.limit !== undefined && dayRef !== undefined) {
      const counted = destructiveEditVerdict(day, input.clientId, destroyed, input.limit.max);
      if (counted.allowed)
        tx.set(dayRef, { managerId: input.actor.by, day: input.limit.day, clientIds: counted.counted, ...alertedOf(day) });
    }
    tx.set(ref, write.doc);
    // Entries of one edit share an instant; their ids keep them in the order written (the edit first).
    const stem = newHistoryId(input.actor.at);
    write.history.forEach((entry, i) => appendHistory(tx, db, { ...entry, id: `${stem}.${i + 1}` }));
    for (const k of plan.addedKeys) tx.set(keyRef(k), { clientId: input.clientId, key: k });
    if (write.audit !== undefined) audit!.write(write.audit);
    if (foreign) {
      audit!.write({
        at: input.actor.at,
        actor: input.actor.by,
        action: input.action ?? 'edit client',
        outcome: 'ok',
        target,
        details: { holder: current.managerId, version: write.doc.version, changes: edit.changes },
      });
    }
    return { status: 'applied', client: clientView(write.doc) };
  });
  announceAudit(audit);
  return outcome;
}

type DayDoc = DestructiveDay & { alertedAt?: string };

const alertedOf = (day: DayDoc | undefined) => (day?.alertedAt !== undefined ? { alertedAt: day.alertedAt } : {});

/** A destructive edit past the limit: nothing of the client is written; the refusal is audited, the day's first as an alert. */
function refuseDestructive(
  tx: Transaction,
  audit: AuditWriter,
  dayRef: FirebaseFirestore.DocumentReference,
  day: DayDoc | undefined,
  input: EditInput & { limit: { day: string; max: number }; target: string; destroyed: string[] },
): void {
  const first = day?.alertedAt === undefined;
  audit.write({
    at: input.actor.at,
    actor: input.actor.by,
    action: 'destructive edit limit',
    outcome: 'refused',
    target: input.target,
    details: { day: input.limit.day, max: input.limit.max, fields: input.destroyed, clientsToday: day?.clientIds.length ?? 0 },
    ...(first ? { alert: true as const } : {}),
  });
  if (first)
    tx.set(dayRef, { managerId: input.actor.by, day: input.limit.day, clientIds: day?.clientIds ?? [], alertedAt: input.actor.at });
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

/**
 * Logs a contact or note on a client the caller may touch (with `refuseLost`, one not lost), checked
 * in the same transaction; one logged by anyone but the holder is audited with what it added.
 */
export async function logClientHistory(
  db: Firestore,
  input: { clientId: string; scope: ClientScope; entry: NewHistoryEntry; refuseLost?: boolean },
): Promise<HistoryEntry> {
  const ref = db.collection(collections.clients).doc(input.clientId);
  let audit: AuditWriter | undefined;
  const logged = await db.runTransaction(async (tx) => {
    audit = undefined;
    const snap = await tx.get(ref);
    if (!snap.exists) throw clientNotFound(input.clientId, false);
    const doc = snap.data() as ClientDoc;
    if (!inScope(doc, input.scope)) throw clientNotFound(input.clientId, true);
    if (input.refuseLost === true) refuseIfLost(doc, input.clientId);
    const target = `clients/${input.clientId}`;
    if (doc.managerId !== input.entry.by) audit = await prepareAudit(tx, db, { actor: input.entry.by, target });
    const entry = appendHistory(tx, db, input.entry);
    audit?.write({
      at: entry.at,
      actor: entry.by,
      action: `log ${entry.type}`,
      outcome: 'ok',
      target,
      details: { holder: doc.managerId, added: entry },
    });
    return entry;
  });
  announceAudit(audit);
  return logged;
}

/** A client's history from `since` on (one small query per client: the per-collection index on `at`). */
export async function readHistorySince(db: Firestore, clientId: string, since: string): Promise<HistoryEntry[]> {
  const snap = await db.collection(collections.clients).doc(clientId).collection(collections.history).where('at', '>=', since).get();
  return snap.docs.map((d) => d.data() as HistoryEntry);
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
  let audit: AuditWriter | undefined;
  const released = await db.runTransaction(async (tx) => {
    audit = undefined;
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
    const writer = await prepareAudit(tx, db, { actor: input.actor.by, target: `clients/${input.clientId}` });
    audit = writer;
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
    writer.write({
      at: input.actor.at,
      actor: input.actor.by,
      action: 'release contact',
      outcome: 'ok',
      target: `clients/${input.clientId}`,
      details: { released: plan.keys },
    });
    return { client: clientView(doc), released: plan.keys };
  });
  announceAudit(audit);
  return released;
}
