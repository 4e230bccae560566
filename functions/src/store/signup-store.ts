import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { companyDay } from '../core/calendar.ts';
import { newClientDerived } from '../core/client-derivation.ts';
import { chooseIntakeManager } from '../core/consent/intake-assignment.ts';
import {
  mergeSignup,
  signupChannels,
  signupConsents,
  signupIncentive,
  signupKeys,
  type NormalisedSignup,
} from '../core/consent/signup-merge.ts';
import { AppError } from '../errors.ts';
import type { Client, ClientDoc } from '../schema/client.ts';
import type { Channel } from '../schema/consent.ts';
import { appendHistory } from './client-store.ts';
import { collections, contactKeyId } from './collections.ts';
import { managerFromDoc } from './manager-store.ts';
import { stageConsentChange, stageIncentive } from './consent-store.ts';
import { stageContactToVerify } from './contact-verify-store.ts';
import { readRules } from './rules-store.ts';

export type SignupOutcome = { clientId: string; created: boolean; managerId: string | null; why?: string };

/** The single intake counter: how many new clients round robin has handed out. */
const intakeCounterId = 'intake';

/**
 * Registers a sign-up in one transaction: a new client (assigned by the intake rule, the counter
 * moved in the same transaction), or the existing client that already has this phone or e-mail,
 * which gets the consents and the incentive; another contact given waits as a contact to verify for
 * its holder (`mergeSignup`). Each consent goes to the client that holds that channel's address. Racing sign-ups with one phone
 * serialise on its contact key, so the second attaches instead of duplicating.
 */
export async function registerSignup(
  db: Firestore,
  form: NormalisedSignup,
  ctx: { at: string; ip: string | undefined },
): Promise<SignupOutcome> {
  const { rules } = await readRules(db);
  const keys = signupKeys(form);
  const keyRef = (k: string) => db.collection(collections.contactKeys).doc(contactKeyId(k));
  const clients = db.collection(collections.clients);
  const counterRef = db.collection(collections.counters).doc(intakeCounterId);
  const newId = `web-${randomUUID()}`;
  return db.runTransaction(async (tx) => {
    const owners: Partial<Record<Channel, string>> = {};
    for (const channel of signupChannels) {
      const k = keys[channel];
      if (k === undefined) continue;
      const snap = await tx.get(keyRef(k));
      if (snap.exists) owners[channel] = snap.get('clientId') as string;
    }

    const holders = [...new Set(Object.values(owners))];
    if (holders.length > 0) {
      const snaps = await tx.getAll(...holders.map((id) => clients.doc(id)));
      const docs = new Map<string, ClientDoc>();
      for (const s of snaps) if (s.exists) docs.set(s.id, s.data() as ClientDoc);
      const missing = holders.find((id) => !docs.has(id));
      if (missing !== undefined) throw new AppError('internal', `a contact key points at missing client ${missing}`);
      const merge = mergeSignup({ form, owners, clients: docs, at: ctx.at, ip: ctx.ip });
      for (const contact of merge.toVerify) stageContactToVerify(tx, db, contact);
      for (const entry of merge.history) appendHistory(tx, db, entry);
      for (const doc of merge.changed) {
        tx.update(clients.doc(doc.id), {
          consents: doc.consents ?? [],
          incentives: doc.incentives ?? [],
          mailable: doc.mailable,
          awaitingConfirmation: doc.awaitingConfirmation,
          ...(doc.hasContactsToVerify === true ? { hasContactsToVerify: true } : {}),
          version: doc.version,
          updatedAt: doc.updatedAt,
        });
      }
      return { clientId: merge.clientId, created: false, managerId: docs.get(merge.clientId)!.managerId };
    }

    const counterSnap = await tx.get(counterRef);
    const rosterSnap = await tx.get(db.collection(collections.managers).where('active', '==', true));
    const roster = rosterSnap.docs.map((d) => managerFromDoc(d.data()));
    const counter = (counterSnap.get('next') as number | undefined) ?? 0;
    const decision = chooseIntakeManager(roster, rules.intake, counter, companyDay(ctx.at, rules.timeZone));
    const client: Client = {
      id: newId,
      name: form.name,
      kind: 'person',
      size: 'regular',
      phones: form.phone !== undefined ? [form.phone] : [],
      emails: form.email !== undefined ? [form.email] : [],
      source: form.source,
      managerId: decision.managerId,
      ...(decision.managerId !== null ? { assignedAt: ctx.at } : {}),
      createdAt: ctx.at,
    };
    const contactKeys = signupChannels.flatMap((channel) => keys[channel] ?? []);
    let doc: ClientDoc = { ...client, ...newClientDerived(client, contactKeys, ctx.at) };
    if (decision.managerId !== null)
      appendHistory(tx, db, {
        type: 'transfer',
        clientId: newId,
        at: ctx.at,
        by: 'signup',
        from: null,
        to: decision.managerId,
        reason: 'intake',
      });
    for (const change of signupConsents(form, ctx.at, ctx.ip)) doc = stageConsentChange(tx, db, doc, change, 'signup');
    const incentive = signupIncentive(form, ctx.at);
    if (incentive !== undefined) doc = stageIncentive(tx, db, doc, incentive, 'signup');
    tx.create(clients.doc(newId), doc);
    for (const k of contactKeys) tx.create(keyRef(k), { clientId: newId, key: k });
    if (decision.nextCounter !== counter) tx.set(counterRef, { next: decision.nextCounter, updatedAt: ctx.at }, { merge: true });
    return { clientId: newId, created: true, managerId: decision.managerId, ...('why' in decision ? { why: decision.why } : {}) };
  });
}
