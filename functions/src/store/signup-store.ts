import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { isRotatable } from '../core/client-derivation.ts';
import { chooseIntakeManager } from '../core/consent/intake-assignment.ts';
import { mailableFlags } from '../core/consent/mailing-eligibility.ts';
import { AppError } from '../errors.ts';
import { clientSchema, type ClientDoc } from '../schema/client.ts';
import type { Channel, ConsentProof } from '../schema/consent.ts';
import type { Manager } from '../schema/manager.ts';
import type { SignupForm } from '../schema/signup.ts';
import { appendHistory } from './client-store.ts';
import { collections, contactKeyId } from './collections.ts';
import { stageConsentChange, stageIncentive } from './consent-store.ts';
import { readRules } from './rules-store.ts';

/** A sign-up after validation: phone and e-mail already normalised. */
export type NormalisedSignup = Omit<SignupForm, 'phone' | 'email'> & { phone?: string | undefined; email?: string | undefined };

export type SignupOutcome = { clientId: string; created: boolean; managerId: string | null; why?: string };

/** The single intake counter: how many new clients round robin has handed out. */
const intakeCounterId = 'intake';

/**
 * Registers a sign-up in one transaction: a new client (assigned by the intake rule, the counter
 * moved in the same transaction), or the existing client that already has this phone or e-mail,
 * which gets the consents and the incentive and, if it lacked it, the other contact given. Each
 * consent goes to the client that holds that channel's address. Racing sign-ups with one phone
 * serialise on its contact key, so the second attaches instead of duplicating.
 */
export async function registerSignup(db: Firestore, form: NormalisedSignup, ctx: { at: string; ip: string | undefined }): Promise<SignupOutcome> {
  const { rules } = await readRules(db);
  const keys = { sms: form.phone !== undefined ? `phone:${form.phone}` : undefined, email: form.email !== undefined ? `email:${form.email}` : undefined } as const;
  const keyRef = (k: string) => db.collection(collections.contactKeys).doc(contactKeyId(k));
  const clients = db.collection(collections.clients);
  const counterRef = db.collection(collections.counters).doc(intakeCounterId);
  const newId = `web-${randomUUID()}`;
  return db.runTransaction(async (tx) => {
    const owners: Partial<Record<Channel, string>> = {};
    for (const channel of ['sms', 'email'] as const) {
      const k = keys[channel];
      if (k === undefined) continue;
      const snap = await tx.get(keyRef(k));
      if (snap.exists) owners[channel] = snap.get('clientId') as string;
    }
    // The address given on the form is part of the proof, and revives it if it had bounced before.
    const proof = (channel: Channel): ConsentProof => ({
      formId: form.formId,
      textVersion: form.consentTextVersion,
      recordedBy: 'signup',
      address: channel === 'sms' ? form.phone : form.email,
      ...(ctx.ip !== undefined ? { ip: ctx.ip.slice(0, 64) } : {}),
    });
    const incentive = form.incentive !== undefined ? { ...form.incentive, at: ctx.at, formId: form.formId } : undefined;
    const ticked = (['sms', 'email'] as const).filter((c) => form.consents[c]);

    const primaryId = owners.sms ?? owners.email;
    if (primaryId !== undefined) {
      const ids = [...new Set([owners.sms, owners.email, primaryId].filter((x): x is string => x !== undefined))];
      const snaps = await tx.getAll(...ids.map((id) => clients.doc(id)));
      const docs = new Map<string, ClientDoc>();
      snaps.forEach((s) => {
        if (s.exists) docs.set(s.id, s.data() as ClientDoc);
      });
      const missing = ids.find((id) => !docs.has(id));
      if (missing !== undefined) throw new AppError('internal', `a contact key points at missing client ${missing}`);
      const primary = docs.get(primaryId)!;
      // The form gave a contact the client lacks: it is the same person's, so it joins the record.
      let withContacts: ClientDoc = primary;
      for (const channel of ['sms', 'email'] as const) {
        const k = keys[channel];
        if (k === undefined || owners[channel] !== undefined) continue;
        const list = channel === 'sms' ? withContacts.phones : withContacts.emails;
        if (list.length >= 20) continue;
        const address = channel === 'sms' ? form.phone! : form.email!;
        withContacts = { ...withContacts, ...(channel === 'sms' ? { phones: [...list, address] } : { emails: [...list, address] }), contactKeys: [...withContacts.contactKeys, k] };
        tx.create(keyRef(k), { clientId: primaryId, key: k });
        owners[channel] = primaryId;
      }
      const touched = new Set<string>(withContacts !== primary ? [primaryId] : []);
      docs.set(primaryId, withContacts);
      for (const channel of ticked) {
        const id = owners[channel]!;
        touched.add(id);
        docs.set(id, stageConsentChange(tx, db, docs.get(id)!, { channel, status: 'granted', at: ctx.at, method: form.source, proof: proof(channel) }, 'signup'));
      }
      if (incentive !== undefined) {
        touched.add(primaryId);
        docs.set(primaryId, stageIncentive(tx, db, docs.get(primaryId)!, incentive, 'signup'));
      }
      for (const id of touched) {
        const doc = docs.get(id)!;
        tx.update(clients.doc(id), {
          phones: doc.phones,
          emails: doc.emails,
          contactKeys: doc.contactKeys,
          consents: doc.consents ?? [],
          incentives: doc.incentives ?? [],
          mailable: mailableFlags(doc),
          version: doc.version + 1,
          updatedAt: ctx.at,
        });
      }
      return { clientId: primaryId, created: false, managerId: primary.managerId };
    }

    const counterSnap = await tx.get(counterRef);
    const rosterSnap = await tx.get(db.collection(collections.managers).where('active', '==', true));
    const roster = rosterSnap.docs.map((d) => d.data() as Manager);
    const counter = (counterSnap.get('next') as number | undefined) ?? 0;
    const decision = chooseIntakeManager(roster, rules.intake, counter);
    const client = clientSchema.parse({
      id: newId,
      name: form.name,
      kind: 'person',
      phones: form.phone !== undefined ? [form.phone] : [],
      emails: form.email !== undefined ? [form.email] : [],
      source: form.source,
      managerId: decision.managerId,
      ...(decision.managerId !== null ? { assignedAt: ctx.at } : {}),
      createdAt: ctx.at,
    });
    const contactKeys = [keys.sms, keys.email].filter((k): k is string => k !== undefined);
    let doc: ClientDoc = { ...client, contactKeys, dealCount: 0, dealsSinceAssignment: 0, firstDealAt: null, lastDealAt: null, rotatable: isRotatable(client), mailable: { sms: false, email: false }, version: 1, updatedAt: ctx.at };
    if (decision.managerId !== null) appendHistory(tx, db, { type: 'transfer', clientId: newId, at: ctx.at, by: 'signup', from: null, to: decision.managerId, reason: 'intake' });
    for (const channel of ticked) doc = stageConsentChange(tx, db, doc, { channel, status: 'granted', at: ctx.at, method: form.source, proof: proof(channel) }, 'signup');
    if (incentive !== undefined) doc = stageIncentive(tx, db, doc, incentive, 'signup');
    tx.create(clients.doc(newId), doc);
    for (const k of contactKeys) tx.create(keyRef(k), { clientId: newId, key: k });
    if (decision.nextCounter !== counter) tx.set(counterRef, { next: decision.nextCounter, updatedAt: ctx.at }, { merge: true });
    return { clientId: newId, created: true, managerId: decision.managerId, ...('why' in decision ? { why: decision.why } : {}) };
  });
}
