import type { ClientDoc } from '../../schema/client.ts';
import type { Channel, ConsentProof, Incentive } from '../../schema/consent.ts';
import type { NewHistoryEntry } from '../../schema/history.ts';
import type { SignupForm } from '../../schema/signup.ts';
import { consentFlags } from '../client-derivation.ts';
import { consentEntry, incentiveEntry, withConsentChange, withIncentive } from './client-consents.ts';
import type { ConsentChange } from './consent-state.ts';

/** A sign-up after validation: phone and e-mail already normalised. */
export type NormalisedSignup = Omit<SignupForm, 'phone' | 'email'> & { phone?: string | undefined; email?: string | undefined };

export const signupChannels = ['sms', 'email'] as const satisfies ReadonlyArray<Channel>;

function addressOf(form: NormalisedSignup, channel: Channel): string | undefined {
  return channel === 'sms' ? form.phone : form.email;
}

/** The contact key each address given on the form takes (`phone:+7…`, `email:…`). */
export function signupKeys(form: NormalisedSignup): Partial<Record<Channel, string>> {
  return {
    ...(form.phone !== undefined ? { sms: `phone:${form.phone}` } : {}),
    ...(form.email !== undefined ? { email: `email:${form.email}` } : {}),
  };
}

/**
 * A consent ticked on the form, pending until the person confirms it from the address given
 * (double opt-in: anyone can type anyone's phone or e-mail into a public form). The proof holds
 * the form, the text version, the IP and the address, which it revives if it had bounced before.
 */
export function signupConsents(form: NormalisedSignup, at: string, ip: string | undefined): ConsentChange[] {
  return signupChannels
    .filter((channel) => form.consents[channel])
    .map((channel) => {
      const proof: ConsentProof = {
        formId: form.formId,
        textVersion: form.consentTextVersion,
        recordedBy: 'signup',
        address: addressOf(form, channel),
        signupName: form.name,
        ...(ip !== undefined ? { ip: ip.slice(0, 64) } : {}),
      };
      return { channel, status: 'pending', at, method: form.source, proof };
    });
}

export function signupIncentive(form: NormalisedSignup, at: string): Incentive | undefined {
  return form.incentive === undefined ? undefined : { ...form.incentive, at, formId: form.formId };
}

/**
 * A contact a sign-up gave for a client it matched by another contact: nobody knows yet that it is
 * the same person's, so it waits for the holder's decision instead of joining the client (no contact
 * key, never mailed). It keeps the consent ticked for it and the name typed on the form.
 */
export type ContactToVerify = {
  clientId: string;
  channel: Channel;
  address: string;
  /** The contact key it takes once accepted (`phone:+7…`, `email:…`). */
  key: string;
  at: string;
  formId: string;
  /** The name typed on the form (not the client's). */
  name: string;
  /** The pending consent ticked for this address: it applies only if the holder accepts the contact. */
  consent?: ConsentChange;
};

export type SignupMerge = {
  /** The client the sign-up attaches to: the one holding the form's phone, else its e-mail. */
  clientId: string;
  /** Addresses on the form that no client holds: the attaching client's holder decides on each. */
  toVerify: ContactToVerify[];
  /** Every client document that changes, as it is to be written (version moved on). */
  changed: ClientDoc[];
  /** History entries to append: the consents, then the incentive. */
  history: NewHistoryEntry[];
};

/**
 * A sign-up that matches a client already in the base. Anyone can type a known phone next to their
 * own e-mail, so an address on the form that no client holds does not join the matched client: it
 * becomes a contact to verify for its holder, with the consent ticked for it. Each consent for an
 * address a client holds goes to that client (pending, double opt-in), the incentive to the
 * attaching client. `owners` says which client holds each channel's address now; `clients` holds them all.
 */
export function mergeSignup(input: {
  form: NormalisedSignup;
  owners: Partial<Record<Channel, string>>;
  clients: ReadonlyMap<string, ClientDoc>;
  at: string;
  ip: string | undefined;
}): SignupMerge {
  const { form, at, owners } = input;
  const clientId = owners.sms ?? owners.email;
  if (clientId === undefined) throw new Error('a sign-up merges only into a client holding its phone or e-mail');
  const docs = new Map(input.clients);
  const docOf = (id: string) => {
    const doc = docs.get(id);
    if (doc === undefined) throw new Error(`client ${id} holds an address of the sign-up but was not given`);
    return doc;
  };
  const keys = signupKeys(form);
  const consents = new Map(signupConsents(form, at, input.ip).map((c) => [c.channel, c]));
  const touched = new Set<string>();
  const toVerify: ContactToVerify[] = [];
  const history: NewHistoryEntry[] = [];

  for (const channel of signupChannels) {
    const key = keys[channel];
    const address = addressOf(form, channel);
    if (key === undefined || address === undefined) continue;
    const owner = owners[channel];
    const consent = consents.get(channel);
    if (owner === undefined) {
      toVerify.push({ clientId, channel, address, key, at, formId: form.formId, name: form.name, ...(consent ? { consent } : {}) });
      continue;
    }
    if (consent === undefined) continue;
    history.push(consentEntry(owner, consent, 'signup'));
    docs.set(owner, withConsentChange(docOf(owner), consent));
    touched.add(owner);
  }
  const incentive = signupIncentive(form, at);
  if (incentive !== undefined) {
    history.push(incentiveEntry(clientId, incentive, 'signup'));
    docs.set(clientId, withIncentive(docOf(clientId), incentive));
    touched.add(clientId);
  }
  if (toVerify.length > 0) touched.add(clientId);
  const changed = [...touched].map((id) => {
    const doc = docOf(id);
    return {
      ...doc,
      ...consentFlags(doc),
      ...(id === clientId && toVerify.length > 0 ? { hasContactsToVerify: true } : {}),
      version: doc.version + 1,
      updatedAt: at,
    };
  });
  return { clientId, toVerify, changed, history };
}
