import type { Channel, Consent } from '../../schema/consent.ts';
import { consentFor } from './consent-state.ts';

export type MailableFlags = { sms: boolean; email: boolean };
export type ContactHolder = { phones: ReadonlyArray<string>; emails: ReadonlyArray<string>; consents?: ReadonlyArray<Consent> | undefined };

/** The addresses a list for this channel could go to: the client's phones or e-mails. */
export function channelAddresses(client: Pick<ContactHolder, 'phones' | 'emails'>, channel: Channel): ReadonlyArray<string> {
  return channel === 'sms' ? client.phones : client.emails;
}

/** The address a list for this channel goes to: the client's first phone or e-mail that is not dead. */
export function mailingAddress(client: ContactHolder, channel: Channel): string | undefined {
  const dead = consentFor(client.consents, channel)?.deadAddresses ?? [];
  return channelAddresses(client, channel).find((a) => !dead.includes(a));
}

/** Granted and never withdrawn since. */
export function consentAllowsMailing(consent: Consent | undefined): boolean {
  return consent !== undefined && consent.status === 'granted';
}

/** The flags denormalised on the client document so that the export queries only mailable clients. */
export function mailableFlags(client: ContactHolder): MailableFlags {
  const flag = (channel: Channel) =>
    consentAllowsMailing(consentFor(client.consents, channel)) && mailingAddress(client, channel) !== undefined;
  return { sms: flag('sms'), email: flag('email') };
}

const dayMs = 86_400_000;

/** Whether the cadence allows another message: none sent yet, or the last one at least `cadenceDays` ago. */
export function cadenceAllows(lastExportAt: string | undefined, at: string, cadenceDays: number): boolean {
  if (lastExportAt === undefined) return true;
  return Date.parse(at) - Date.parse(lastExportAt) >= cadenceDays * dayMs;
}

export type MailingCandidate = ContactHolder & { id: string; name: string; lastExportAt?: string | undefined };
export type MailingPick = { clientId: string; name: string; address: string };
export type MailingSkip = { clientId: string; reason: 'no-consent' | 'withdrawn' | 'dead' | 'no-address' | 'cadence' };

/** Splits candidates into those who may get this mailing now and those who may not, with why. */
export function selectForMailing(
  candidates: ReadonlyArray<MailingCandidate>,
  options: { channel: Channel; at: string; cadenceDays: number },
): { picked: MailingPick[]; skipped: MailingSkip[] } {
  const picked: MailingPick[] = [];
  const skipped: MailingSkip[] = [];
  for (const c of candidates) {
    const consent = consentFor(c.consents, options.channel);
    const address = mailingAddress(c, options.channel);
    const reason: MailingSkip['reason'] | undefined =
      consent === undefined
        ? 'no-consent'
        : consent.status !== 'granted'
          ? 'withdrawn'
          : address === undefined
            ? channelAddresses(c, options.channel).length > 0
              ? 'dead'
              : 'no-address'
            : !cadenceAllows(c.lastExportAt, options.at, options.cadenceDays)
              ? 'cadence'
              : undefined;
    if (reason === undefined) picked.push({ clientId: c.id, name: c.name, address: address! });
    else skipped.push({ clientId: c.id, reason });
  }
  return { picked, skipped };
}
