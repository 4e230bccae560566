import type { Channel, Consent } from '../../schema/consent.ts';
import { consentFor } from './consent-state.ts';

export type MailableFlags = { sms: boolean; email: boolean };
export type ContactHolder = { phones: ReadonlyArray<string>; emails: ReadonlyArray<string>; consents?: ReadonlyArray<Consent> | undefined };

/** The address a list for this channel goes to: the client's first phone or first e-mail. */
export function primaryAddress(client: Pick<ContactHolder, 'phones' | 'emails'>, channel: Channel): string | undefined {
  return channel === 'sms' ? client.phones[0] : client.emails[0];
}

/** Granted, never withdrawn since, not dead. */
export function consentAllowsMailing(consent: Consent | undefined): boolean {
  return consent !== undefined && consent.status === 'granted' && consent.dead !== true;
}

/** The flags denormalised on the client document so that the export queries only mailable clients. */
export function mailableFlags(client: ContactHolder): MailableFlags {
  const flag = (channel: Channel) => consentAllowsMailing(consentFor(client.consents, channel)) && primaryAddress(client, channel) !== undefined;
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
export function selectForMailing(candidates: ReadonlyArray<MailingCandidate>, options: { channel: Channel; at: string; cadenceDays: number }): { picked: MailingPick[]; skipped: MailingSkip[] } {
  const picked: MailingPick[] = [];
  const skipped: MailingSkip[] = [];
  for (const c of candidates) {
    const consent = consentFor(c.consents, options.channel);
    const address = primaryAddress(c, options.channel);
    const reason: MailingSkip['reason'] | undefined =
      consent === undefined
        ? 'no-consent'
        : consent.dead === true
          ? 'dead'
          : consent.status !== 'granted'
            ? 'withdrawn'
            : address === undefined
              ? 'no-address'
              : !cadenceAllows(c.lastExportAt, options.at, options.cadenceDays)
                ? 'cadence'
                : undefined;
    if (reason === undefined) picked.push({ clientId: c.id, name: c.name, address: address! });
    else skipped.push({ clientId: c.id, reason });
  }
  return { picked, skipped };
}
