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

/** The schema's bound on a client's phones and on its e-mails. */
const maxContactsPerChannel = 20;

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
        ...(ip !== undefined ? { ip: ip.slice(0, 64) } : {}),
      };
      return { channel, status: 'pending', at, method: form.source, proof };
    });
}

export function signupIncentive(form: NormalisedSignup, at: string): Incentive | undefined {
  return form.incentive === undefined ? undefined : { ...form.incentive, at, formId: form.formId };
}

export type SignupMerge = {
  /** The client the sign-up attaches to: the one holding the form's phone, else its e-mail. */
  clientId: string;
  /** Contact keys of the form's addresses that join that client's record. */
  newKeys: string[];
  /** Every client document that changes, as it is to be written (version moved on). */
  changed: ClientDoc[];
  /** History entries to append: the consents, then the incentive. */
  history: NewHistoryEntry[];
};

/**
 * A sign-up by someone already in the base. An address on the form that no client holds is the
 * same person's, so it joins the attaching client's record (unless that client already has the
 * most the schema allows on the channel). Each consent goes to the client holding that channel's
 * address (the attaching client when the address could not join), the incentive to the attaching
 * client. `owners` says which client holds each channel's address now; `clients` holds them all.
 */
export function mergeSignup(input: {
  form: NormalisedSignup;
  owners: Partial<Record<Channel, string>>;
  clients: ReadonlyMap<string, ClientDoc>;
  at: string;
  ip: string | undefined;
}): SignupMerge {
  const { form, at } = input;
  const clientId = input.owners.sms ?? input.owners.email;
  if (clientId === undefined) throw new Error('a sign-up merges only into a client holding its phone or e-mail');
  const docs = new Map(input.clients);
  const docOf = (id: string) => {
    const doc = docs.get(id);
    if (doc === undefined) throw new Error(`client ${id} holds an address of the sign-up but was not given`);
    return doc;
  };
  const owners = { ...input.owners };
  const keys = signupKeys(form);
  const touched = new Set<string>();
  const newKeys: string[] = [];
  const history: NewHistoryEntry[] = [];

  for (const channel of signupChannels) {
    const key = keys[channel];
    const address = addressOf(form, channel);
    if (key === undefined || address === undefined || owners[channel] !== undefined) continue;
    const doc = docOf(clientId);
    const list = channel === 'sms' ? doc.phones : doc.emails;
    if (list.length >= maxContactsPerChannel) continue;
    docs.set(clientId, {
      ...doc,
      ...(channel === 'sms' ? { phones: [...list, address] } : { emails: [...list, address] }),
      contactKeys: [...doc.contactKeys, key],
    });
    newKeys.push(key);
    owners[channel] = clientId;
    touched.add(clientId);
  }
  for (const change of signupConsents(form, at, input.ip)) {
    const id = owners[change.channel] ?? clientId;
    history.push(consentEntry(id, change, 'signup'));
    docs.set(id, withConsentChange(docOf(id), change));
    touched.add(id);
  }
  const incentive = signupIncentive(form, at);
  if (incentive !== undefined) {
    history.push(incentiveEntry(clientId, incentive, 'signup'));
    docs.set(clientId, withIncentive(docOf(clientId), incentive));
    touched.add(clientId);
  }
  const changed = [...touched].map((id) => {
    const doc = docOf(id);
    return { ...doc, ...consentFlags(doc), version: doc.version + 1, updatedAt: at };
  });
  return { clientId, newKeys, changed, history };
}
