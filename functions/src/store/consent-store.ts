import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { consentEntry, incentiveEntry, withConsentChange, withIncentive } from '../core/consent/client-consents.ts';
import { confirmationChange, consentFor, type ConsentChange } from '../core/consent/consent-state.ts';
import { staffGrantRefusal } from '../core/consent/withdrawal-by-person.ts';
import { normaliseEmail, normalisePhone } from '../core/contact-normalisation.ts';
import { AppError } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { Channel, Consent, ConsentMethod, ConsentProof, Incentive } from '../schema/consent.ts';
import { appendHistory, checkHolder, type HolderGuard } from './client-store.ts';
import { collections } from './collections.ts';

/** The client fields a consent or incentive change rewrites; `version` always moves on. */
type ConsentFields = Pick<ClientDoc, 'consents' | 'incentives' | 'mailable' | 'awaitingConfirmation' | 'version' | 'updatedAt'>;

function changedFields(doc: ClientDoc, at: string): ConsentFields {
  const { consents, incentives, mailable, awaitingConfirmation } = doc;
  return { consents, incentives, mailable, awaitingConfirmation, version: doc.version + 1, updatedAt: at };
}

/** Appends the consent entry and applies it to the in-memory client; the caller writes the client once. */
export function stageConsentChange(tx: Transaction, db: Firestore, doc: ClientDoc, change: ConsentChange, by: string): ClientDoc {
  appendHistory(tx, db, consentEntry(doc.id, change, by));
  return withConsentChange(doc, change);
}

export function stageIncentive(tx: Transaction, db: Firestore, doc: ClientDoc, incentive: Incentive, by: string): ClientDoc {
  appendHistory(tx, db, incentiveEntry(doc.id, incentive, by));
  return withIncentive(doc, incentive);
}

function clientRef(db: Firestore, clientId: string) {
  return db.collection(collections.clients).doc(clientId);
}

async function readClientIn(tx: Transaction, db: Firestore, clientId: string): Promise<ClientDoc> {
  const snap = await tx.get(clientRef(db, clientId));
  if (!snap.exists)
    throw new AppError('not-found', `client ${clientId} not found`, { issues: [{ path: 'clientId', message: 'no such client' }] });
  return snap.data() as ClientDoc;
}

/**
 * Records a consent given or withdrawn by staff: the history entry with its proof and the client's
 * current consent change in one transaction, so the proof and the state never disagree. The proof
 * names the caller as who recorded it, whatever it said. A grant over the person's own withdrawal
 * is refused unless it is their new consent (`staffGrantRefusal`). Every call is recorded, even one
 * repeating the current status: each is evidence.
 */
export async function recordConsent(
  db: Firestore,
  input: {
    clientId: string;
    channel: Channel;
    status: 'granted' | 'withdrawn';
    method: ConsentMethod;
    proof: ConsentProof;
    at: string;
    by: string;
  },
  guard: HolderGuard = {},
): Promise<Consent> {
  const proof: ConsentProof = { ...input.proof, recordedBy: input.by };
  return db.runTransaction(async (tx) => {
    const doc = await readClientIn(tx, db, input.clientId);
    checkHolder(doc, input.clientId, guard);
    const refusal = staffGrantRefusal(consentFor(doc.consents, input.channel), { ...input, proof });
    if (refusal !== undefined)
      throw new AppError(
        'withdrawn-by-person',
        `${input.channel} was withdrawn by the person on ${refusal.withdrawnAt.slice(0, 10)}: only their new consent grants it again ` +
          '(a sign-up they confirm from the address, or a questionnaire they filled in, recorded with its form id)',
        { details: { channel: input.channel, withdrawnAt: refusal.withdrawnAt } },
      );
    const next = stageConsentChange(
      tx,
      db,
      doc,
      { channel: input.channel, status: input.status, at: input.at, method: input.method, proof },
      input.by,
    );
    tx.update(clientRef(db, input.clientId), changedFields(next, input.at));
    return consentFor(next.consents, input.channel)!;
  });
}

/** The client a link was sent to, if it still has that address on the channel (an old link must not reach whoever holds it now). */
async function readHolder(
  tx: Transaction,
  db: Firestore,
  link: { clientId: string; channel: Channel; address: string },
): Promise<ClientDoc | undefined> {
  const snap = await tx.get(clientRef(db, link.clientId));
  if (!snap.exists) return undefined;
  const doc = snap.data() as ClientDoc;
  return (link.channel === 'sms' ? doc.phones : doc.emails).includes(link.address) ? doc : undefined;
}

export type WithdrawOutcome = 'withdrawn' | 'already-withdrawn' | 'no-such-contact';

/**
 * Withdraws a consent because the person asked (unsubscribe link, STOP reply). Idempotent: an
 * already withdrawn consent gets no new entry. `address` must still be one of the client's
 * contacts on that channel, so an old link cannot switch off whoever holds the record now.
 */
export async function withdrawConsent(
  db: Firestore,
  input: { clientId: string; channel: Channel; address: string; at: string; by: string; proof: ConsentProof },
): Promise<WithdrawOutcome> {
  return db.runTransaction(async (tx) => {
    const doc = await readHolder(tx, db, input);
    if (doc === undefined) return 'no-such-contact';
    const current = consentFor(doc.consents, input.channel);
    if (current !== undefined && current.status === 'withdrawn') return 'already-withdrawn';
    const next = stageConsentChange(
      tx,
      db,
      doc,
      {
        channel: input.channel,
        status: 'withdrawn',
        at: input.at,
        method: 'unsubscribe',
        proof: { ...input.proof, address: input.address },
      },
      input.by,
    );
    tx.update(clientRef(db, input.clientId), changedFields(next, input.at));
    return 'withdrawn';
  });
}

export type ConfirmOutcome = 'confirmed' | 'nothing-to-confirm';

/**
 * Confirms a pending public sign-up from the link sent to its address: the consent becomes
 * granted, keeping the sign-up's proof plus when and from where it was confirmed, with a history
 * entry. Nothing happens unless the address is still the client's and the consent is still
 * pending for it, so a repeated click, a withdrawal since (unsubscribe, STOP) or a link for an
 * address the client no longer has confirms nothing.
 */
export async function confirmConsent(
  db: Firestore,
  input: { clientId: string; channel: Channel; address: string; at: string; ip: string | undefined },
): Promise<ConfirmOutcome> {
  return db.runTransaction(async (tx) => {
    const doc = await readHolder(tx, db, input);
    if (doc === undefined) return 'nothing-to-confirm';
    const change = confirmationChange(consentFor(doc.consents, input.channel), input);
    if (change === undefined) return 'nothing-to-confirm';
    const next = stageConsentChange(tx, db, doc, change, 'confirmation');
    tx.update(clientRef(db, input.clientId), changedFields(next, input.at));
    return 'confirmed';
  });
}

/** `phone:+7...` / `email:...` for a raw address, or undefined when it is not a valid one. */
export function contactKeyFor(channel: Channel, raw: string): { key: string; address: string } | undefined {
  const n = channel === 'sms' ? normalisePhone(raw) : normaliseEmail(raw);
  return n.ok ? { key: `${channel === 'sms' ? 'phone' : 'email'}:${n.value}`, address: n.value } : undefined;
}

/** Every client holding this phone or e-mail (normally one: duplicates are refused). */
export async function clientsWithAddress(
  db: Firestore,
  channel: Channel,
  raw: string,
): Promise<{ clientIds: string[]; address: string } | undefined> {
  const k = contactKeyFor(channel, raw);
  if (k === undefined) return undefined;
  const snap = await db.collection(collections.clients).where('contactKeys', 'array-contains', k.key).limit(50).get();
  return { clientIds: snap.docs.map((d) => d.id), address: k.address };
}

/** Withdraws the channel's consent for every client with this address (an SMS STOP reply). */
export async function withdrawByAddress(
  db: Firestore,
  input: { channel: Channel; address: string; at: string; by: string; proof: ConsentProof },
): Promise<{ clientId: string; outcome: WithdrawOutcome }[]> {
  const found = await clientsWithAddress(db, input.channel, input.address);
  if (found === undefined) return [];
  const out: { clientId: string; outcome: WithdrawOutcome }[] = [];
  for (const clientId of found.clientIds)
    out.push({ clientId, outcome: await withdrawConsent(db, { ...input, clientId, address: found.address }) });
  return out;
}

/**
 * Marks an address dead (bounced, unreachable) for every client holding it: no list goes to it
 * again. Only that address: the client's other addresses on the channel stay mailable. Idempotent:
 * an address already dead gets no new entry.
 */
export async function markContactDead(
  db: Firestore,
  input: { channel: Channel; address: string; at: string; by: string; note?: string },
): Promise<{ clientId: string; outcome: 'dead' | 'already-dead' }[]> {
  const found = await clientsWithAddress(db, input.channel, input.address);
  if (found === undefined)
    throw new AppError('invalid-input', 'invalid bounce report', {
      issues: [{ path: 'address', message: input.channel === 'sms' ? 'not a valid phone number' : 'not a valid e-mail address' }],
    });
  const out: { clientId: string; outcome: 'dead' | 'already-dead' }[] = [];
  for (const clientId of found.clientIds) {
    const outcome = await db.runTransaction(async (tx) => {
      const doc = await readClientIn(tx, db, clientId);
      if (consentFor(doc.consents, input.channel)?.deadAddresses?.includes(found.address) === true) return 'already-dead' as const;
      const proof: ConsentProof = {
        address: found.address,
        recordedBy: input.by,
        ...(input.note !== undefined ? { note: input.note.slice(0, 500) } : {}),
      };
      const next = stageConsentChange(
        tx,
        db,
        doc,
        { channel: input.channel, status: 'dead', at: input.at, method: 'bounce', proof },
        input.by,
      );
      tx.update(clientRef(db, clientId), changedFields(next, input.at));
      return 'dead' as const;
    });
    out.push({ clientId, outcome });
  }
  return out;
}
