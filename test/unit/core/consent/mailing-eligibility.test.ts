import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cadenceAllows,
  mailableFlags,
  selectForMailing,
  type MailingCandidate,
} from '../../../../functions/src/core/consent/mailing-eligibility.ts';
import type { Consent } from '../../../../functions/src/schema/consent.ts';

const granted = (channel: 'sms' | 'email', over: Partial<Consent> = {}): Consent => ({
  channel,
  status: 'granted',
  at: '2026-01-01',
  method: 'website',
  proof: {},
  ...over,
});
const client = (id: string, consents: Consent[], over: Partial<MailingCandidate> = {}): MailingCandidate => ({
  id,
  name: id,
  phones: ['+79161234567'],
  emails: ['a@b.ru'],
  consents,
  ...over,
});

describe('mailing eligibility', () => {
  it('picks only granted, live contacts with an address and respects the cadence', () => {
    const at = '2026-03-10T10:00:00.000Z';
    const { picked, skipped } = selectForMailing(
      [
        client('ok', [granted('sms')]),
        client('withdrawn', [granted('sms', { status: 'withdrawn', method: 'unsubscribe' })]),
        client('dead', [granted('sms', { deadAddresses: ['+79161234567'] })]),
        client('second-phone', [granted('sms', { deadAddresses: ['+79161234567'] })], { phones: ['+79161234567', '+79161234568'] }),
        client('email-only', [granted('email')]),
        client('no-phone', [granted('sms')], { phones: [] }),
        client('recent', [granted('sms')], { lastExportAt: '2026-03-05T10:00:00.000Z' }),
        client('week-ago', [granted('sms')], { lastExportAt: '2026-03-03T10:00:00.000Z' }),
      ],
      { channel: 'sms', at, cadenceDays: 7 },
    );
    expect(picked.map((p) => p.clientId)).toEqual(['ok', 'second-phone', 'week-ago']);
    expect(picked[1]!.address).toBe('+79161234568');
    expect(picked[0]).toEqual({ clientId: 'ok', name: 'ok', address: '+79161234567' });
    expect(skipped).toEqual([
      { clientId: 'withdrawn', reason: 'withdrawn' },
      { clientId: 'dead', reason: 'dead' },
      { clientId: 'email-only', reason: 'no-consent' },
      { clientId: 'no-phone', reason: 'no-address' },
      { clientId: 'recent', reason: 'cadence' },
    ]);
  });

  it('never lets a withdrawn consent or a dead address through, whatever the cadence (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('withdrawn' as const, 'granted' as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 }),
        (status, dead, cadenceDays) => {
          const c = client('x', [granted('email', { status, ...(dead ? { deadAddresses: ['a@b.ru'] } : {}) })]);
          const { picked } = selectForMailing([c], { channel: 'email', at: '2026-05-01', cadenceDays });
          expect(picked.length === 1).toBe(status === 'granted' && !dead);
        },
      ),
    );
  });

  it('counts the cadence from the last export time, never allowing one earlier than it', () => {
    expect(cadenceAllows(undefined, '2026-01-01', 7)).toBe(true);
    expect(cadenceAllows('2026-01-01T12:00:00.000Z', '2026-01-08T11:59:59.000Z', 7)).toBe(false);
    expect(cadenceAllows('2026-01-01T12:00:00.000Z', '2026-01-08T12:00:00.000Z', 7)).toBe(true);
    expect(cadenceAllows('2026-01-05', '2026-01-01', 0)).toBe(false);
  });

  it('marks a channel mailable only with a granted live consent and an address', () => {
    expect(mailableFlags({ phones: ['+79161234567'], emails: [], consents: [granted('sms'), granted('email')] })).toEqual({
      sms: true,
      email: false,
    });
    expect(
      mailableFlags({ phones: ['+79161234567'], emails: ['a@b.ru'], consents: [granted('sms', { deadAddresses: ['+79161234567'] })] }),
    ).toEqual({ sms: false, email: false });
    // Dead is per address: a bounce on one e-mail leaves the client mailable on another.
    expect(
      mailableFlags({ phones: [], emails: ['old@b.ru', 'new@b.ru'], consents: [granted('email', { deadAddresses: ['old@b.ru'] })] }),
    ).toEqual({ sms: false, email: true });
  });
});
