import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { consentEntry, withConsentChange } from '../core/consent/client-consents.ts';
import type { ContactToVerify } from '../core/consent/signup-merge.ts';
import { AppError } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { Channel } from '../schema/consent.ts';
import type { ContactDecision } from '../schema/signup.ts';
import { appendHistory, checkHolder, duplicateError, findDuplicates, type HolderGuard } from './client-store.ts';
import { collections, contactKeyId } from './collections.ts';
import { contactKeyFor } from './consent-store.ts';

export type ContactToVerifyStatus = 'open' | 'accepted' | 'declined';
type ContactToVerifyDoc = ContactToVerify & { id: string; status: ContactToVerifyStatus; decidedBy?: string; decidedAt?: string };

/** A contact to verify as the card and My tasks show it: never its key, never the proof's IP. */
export type ContactToVerifyView = {
  clientId: string;
  channel: Channel;
  address: string;
  /** The name typed on the sign-up form, to judge whether it is the client. */
  name: string;
  formId: string;
  at: string;
  /** Whether the form ticked a consent for it: accepting the contact asks the person to confirm it. */
  consentAsked: boolean;
};

/** The schema's bound on a client's phones and on its e-mails. */
const maxContactsPerChannel = 20;

const collection = (db: Firestore) => db.collection(collections.contactsToVerify);
const recordRef = (db: Firestore, clientId: string, key: string) => collection(db).doc(`${clientId}_${contactKeyId(key)}`);

function viewOf(doc: ContactToVerifyDoc): ContactToVerifyView {
  const { clientId, channel, address, name, formId, at } = doc;
  return { clientId, channel, address, name, formId, at, consentAsked: doc.consent !== undefined };
}

/** Writes (or renews, when the same contact is given again) a contact to verify inside a sign-up's transaction. */
export function stageContactToVerify(tx: Transaction, db: Firestore, contact: ContactToVerify): void {
  const ref = recordRef(db, contact.clientId, contact.key);
  tx.set(ref, { ...contact, id: ref.id, status: 'open' satisfies ContactToVerifyStatus });
}

/** A client's contacts awaiting its holder's decision, oldest first. */
export async function listContactsToVerify(db: Firestore, clientId: string): Promise<ContactToVerifyView[]> {
  const snap = await collection(db).where('clientId', '==', clientId).where('status', '==', 'open').get();
  return snap.docs.map((d) => viewOf(d.data() as ContactToVerifyDoc)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The contacts awaiting this manager's decision: those of the clients they hold now (the flag on
 * the client follows the holding), each with the client's name.
 */
export async function contactsToVerifyOf(db: Firestore, managerId: string): Promise<Array<ContactToVerifyView & { clientName: string }>> {
  const held = await db
    .collection(collections.clients)
    .where('managerId', '==', managerId)
    .where('hasContactsToVerify', '==', true)
    .limit(200)
    .get();
  const out: Array<ContactToVerifyView & { clientName: string }> = [];
  for (const client of held.docs) {
    const clientName = client.get('name') as string;
    for (const contact of await listContactsToVerify(db, client.id)) out.push({ ...contact, clientName });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The holder's decision on a contact to verify, in one transaction. Accepted, the contact joins the
 * client (its key taken, an edit in the history, the consent ticked for it pending until the person
 * confirms it from that address); declined, it is dropped. Either way the record keeps who decided
 * and when. Deciding again as before answers the same and writes nothing.
 */
export async function decideContact(
  db: Firestore,
  input: { clientId: string; channel: Channel; address: string; decision: ContactDecision; by: string; at: string },
  guard: HolderGuard = {},
): Promise<{ status: 'accepted' | 'declined'; contact: ContactToVerifyView }> {
  const status = input.decision === 'accept' ? 'accepted' : 'declined';
  const k = contactKeyFor(input.channel, input.address);
  const noSuch = () =>
    new AppError('not-found', `no contact to verify ${input.address} on client ${input.clientId}`, {
      issues: [{ path: 'address', message: 'no such contact awaiting your decision' }],
    });
  if (k === undefined) throw noSuch();
  const clientRef = db.collection(collections.clients).doc(input.clientId);
  return db.runTransaction(async (tx) => {
    const [clientSnap, recordSnap] = await tx.getAll(clientRef, recordRef(db, input.clientId, k.key));
    if (!clientSnap?.exists) throw new AppError('not-found', `client ${input.clientId} not found`);
    const doc = clientSnap.data() as ClientDoc;
    checkHolder(doc, input.clientId, guard);
    const record = recordSnap?.data() as ContactToVerifyDoc | undefined;
    if (record === undefined || record.channel !== input.channel) throw noSuch();
    if (record.status === status) return { status, contact: viewOf(record) };
    if (record.status !== 'open')
      throw new AppError('conflict', `this contact was already ${record.status} by ${record.decidedBy ?? 'someone'}`, {
        issues: [{ path: 'decision', message: `already ${record.status}` }],
      });
    const list = input.channel === 'sms' ? doc.phones : doc.emails;
    if (input.decision === 'accept') {
      const duplicates = await findDuplicates(tx, db, [record.key], input.clientId);
      if (duplicates.length > 0) throw duplicateError(duplicates);
      if (list.length >= maxContactsPerChannel)
        throw new AppError('invalid-input', 'the client has as many contacts on this channel as it may', {
          issues: [{ path: 'address', message: `the client already has ${maxContactsPerChannel}; remove one first` }],
        });
    }
    const others = await tx.get(collection(db).where('clientId', '==', input.clientId).where('status', '==', 'open'));
    const stillOpen = others.docs.some((d) => d.id !== record.id);
    tx.update(recordRef(db, input.clientId, k.key), { status, decidedBy: input.by, decidedAt: input.at });
    if (input.decision === 'decline') {
      tx.update(clientRef, { hasContactsToVerify: stillOpen });
      return { status, contact: viewOf(record) };
    }
    const field = input.channel === 'sms' ? 'phones' : 'emails';
    let next: ClientDoc = { ...doc, [field]: [...list, record.address], contactKeys: [...doc.contactKeys, record.key] };
    if (record.consent !== undefined) {
      appendHistory(tx, db, consentEntry(input.clientId, record.consent, 'signup'));
      next = withConsentChange(next, record.consent);
    }
    const version = doc.version + 1;
    appendHistory(tx, db, {
      type: 'edit',
      clientId: input.clientId,
      at: input.at,
      by: input.by,
      version,
      changes: [{ field, before: list, after: next[field] }],
    });
    tx.create(db.collection(collections.contactKeys).doc(contactKeyId(record.key)), { clientId: input.clientId, key: record.key });
    tx.update(clientRef, {
      [field]: next[field],
      contactKeys: next.contactKeys,
      consents: next.consents ?? [],
      mailable: next.mailable,
      awaitingConfirmation: next.awaitingConfirmation,
      hasContactsToVerify: stillOpen,
      version,
      updatedAt: input.at,
      lastEdit: { by: input.by, at: input.at },
    });
    return { status, contact: viewOf(record) };
  });
}
