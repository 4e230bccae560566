import type { Channel, Consent } from '../../schema/consent.ts';
import { consentFor } from './consent-state.ts';

export type MailableFlags = { sms: boolean; email: boolean };
export type ContactHolder = { phones: ReadonlyArray<string>; emails: ReadonlyArray<string>; consents?: ReadonlyArray<Consent> | undefined };

/** The addresses a list for this channel could go to: the client's phones or e-mails. */
export function channelAddresses(client: Pick<ContactHolder, 'phones' | 'emails'>, channel: Channel): ReadonlyArray<string> {
  return channel === 'sms' ? client.phones : client.emails;
}

/**
 * The address a list for this channel goes to. A consent whose proof names an address (a
 * confirmed sign-up, staff recording the address it was given for) covers that address only,
 * while the client still has it and it is not dead: a contact attached by someone else's sign-up
 * never receives what another address agreed to. A consent naming none covers the client: its
 * first phone or e-mail that is not dead.
 */
export function mailingAddress(client: ContactHolder, channel: Channel): string | undefined {
  const consent = consentFor(client.consents, channel);
  const dead = consent?.deadAddresses ?? [];
  const usable = channelAddresses(client, channel).filter((a) => !dead.includes(a));
  const named = consent?.proof.address;
  return named !== undefined ? usable.find((a) => a === named) : usable[0];
}

/** Granted and never withdrawn since. */
export function consentAllowsMailing(consent: Consent | undefined): boolean {
  return consent !== undefined && consent.status === 'granted';
}

/** The address a pending sign-up is asked to confirm at: the one it gave, while the client has it and it is not dead. */
export function confirmationAddress(client: ContactHolder, channel: Channel): string | undefined {
  const consent = consentFor(client.consents, channel);
  return consent?.status === 'pending' ? mailingAddress(client, channel) : undefined;
}

/** The flags denormalised on the client document so that the export queries only mailable clients. */
export function mailableFlags(client: ContactHolder): MailableFlags {
  const flag = (channel: Channel) =>
    consentAllowsMailing(consentFor(client.consents, channel)) && mailingAddress(client, channel) !== undefined;
  return { sms: flag('sms'), email: flag('email') };
}

/** Per channel: a pending sign-up with an address to ask; the confirmation list queries it. */
export function awaitingConfirmationFlags(client: ContactHolder): MailableFlags {
  return { sms: confirmationAddress(client, 'sms') !== undefined, email: confirmationAddress(client, 'email') !== undefined };
}

const dayMs = 86_400_000;

/** Whether the cadence allows another message: none sent yet, or the last one at least `cadenceDays` ago. */
export function cadenceAllows(lastExportAt: string | undefined, at: string, cadenceDays: number): boolean {
  if (lastExportAt === undefined) return true;
  return Date.parse(at) - Date.parse(lastExportAt) >= cadenceDays * dayMs;
}

export type MailingCandidate = ContactHolder & { id: string; name: string; lastExportAt?: string | undefined };
export type MailingPick = { clientId: string; name: string; address: string };
export type MailingSkip = { clientId: string; reason: 'no-consent' | 'pending' | 'withdrawn' | 'dead' | 'no-address' | 'cadence' };

/** Why a contact cannot be listed on the channel now (its consent, its address, the cadence), or undefined when it can. */
function skipReason(
  c: MailingCandidate,
  address: string | undefined,
  options: { channel: Channel; at: string; cadenceDays: number },
): MailingSkip['reason'] | undefined {
  const consent = consentFor(c.consents, options.channel);
  if (consent === undefined) return 'no-consent';
  if (consent.status !== 'granted') return consent.status;
  if (address === undefined) return channelAddresses(c, options.channel).length > 0 ? 'dead' : 'no-address';
  return cadenceAllows(c.lastExportAt, options.at, options.cadenceDays) ? undefined : 'cadence';
}

/** Splits candidates by the address each would get and the reason, if any, it may not get it now. */
function split<C extends MailingCandidate, R extends string>(
  candidates: ReadonlyArray<C>,
  addressOf: (c: C) => string | undefined,
  reasonOf: (c: C, address: string | undefined) => R | undefined,
  nameOf: (c: C) => string = (c) => c.name,
): { picked: MailingPick[]; skipped: { clientId: string; reason: R }[] } {
  const picked: MailingPick[] = [];
  const skipped: { clientId: string; reason: R }[] = [];
  for (const c of candidates) {
    const address = addressOf(c);
    const reason = reasonOf(c, address);
    if (reason === undefined) picked.push({ clientId: c.id, name: nameOf(c), address: address! });
    else skipped.push({ clientId: c.id, reason });
  }
  return { picked, skipped };
}

/** Splits candidates into those who may get this mailing now and those who may not, with why. */
export function selectForMailing(
  candidates: ReadonlyArray<MailingCandidate>,
  options: { channel: Channel; at: string; cadenceDays: number },
): { picked: MailingPick[]; skipped: MailingSkip[] } {
  return split(
    candidates,
    (c) => mailingAddress(c, options.channel),
    (c, address) => skipReason(c, address, options),
  );
}

/** How many times a pending sign-up is asked to confirm, at most: then it stays pending, never mailed. */
export const maxConfirmationRequests = 3;

export type ConfirmationCandidate = MailingCandidate & { confirmationRequests?: number | undefined };
export type ConfirmationSkip = { clientId: string; reason: 'not-pending' | 'dead' | 'no-address' | 'cadence' | 'asked-enough' };

/**
 * The name a confirmation request addresses the person by: the one they typed on the sign-up, or
 * none. Never the client's name in the base: whoever typed the address would read it.
 */
export function confirmationName(c: ContactHolder, channel: Channel): string {
  return consentFor(c.consents, channel)?.proof.signupName ?? '';
}

/**
 * Splits candidates into those a confirmation request may go to now (pending, its address still
 * the client's and alive, nothing sent on the channel within the cadence, asked fewer than
 * `maxConfirmationRequests` times) and the others, with why. Each is named as `confirmationName` says.
 */
export function selectForConfirmation(
  candidates: ReadonlyArray<ConfirmationCandidate>,
  options: { channel: Channel; at: string; cadenceDays: number },
): { picked: MailingPick[]; skipped: ConfirmationSkip[] } {
  return split(
    candidates,
    (c) => confirmationAddress(c, options.channel),
    (c, address): ConfirmationSkip['reason'] | undefined => {
      const consent = consentFor(c.consents, options.channel);
      if (consent?.status !== 'pending') return 'not-pending';
      if (address === undefined) {
        const named = consent.proof.address;
        return named !== undefined && channelAddresses(c, options.channel).includes(named) ? 'dead' : 'no-address';
      }
      if ((c.confirmationRequests ?? 0) >= maxConfirmationRequests) return 'asked-enough';
      return cadenceAllows(c.lastExportAt, options.at, options.cadenceDays) ? undefined : 'cadence';
    },
    (c) => confirmationName(c, options.channel),
  );
}
