import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cadenceAllows,
  awaitingConfirmationFlags,
  mailableFlags,
  maxConfirmationRequests,
  selectForConfirmation,
  selectForMailing,
  type ConfirmationCandidate,
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
const client = (id: string, consents: Consent[], over: Partial<ConfirmationCandidate> = {}): ConfirmationCandidate => ({
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

  it('sends a consent that names its address to that address only, never to another the client has', () => {
    const named = client('named', [granted('sms', { proof: { address: '+79161234568' } })], { phones: ['+79161234567', '+79161234568'] });
    const gone = client('gone', [granted('sms', { proof: { address: '+79160000000' } })]);
    const at = '2026-03-10T10:00:00.000Z';
    expect(selectForMailing([named, gone], { channel: 'sms', at, cadenceDays: 7 })).toEqual({
      picked: [{ clientId: 'named', name: 'named', address: '+79161234568' }],
      skipped: [{ clientId: 'gone', reason: 'dead' }],
    });
    expect(mailableFlags(gone)).toEqual({ sms: false, email: false });
  });

  it('asks a pending sign-up at its own address, once per cadence and at most three times, and never mails it', () => {
    const pending = (over: Partial<Consent> = {}) =>
      granted('email', { status: 'pending', proof: { address: 'a@b.ru', signupName: 'Typed' }, ...over });
    const at = '2026-03-10T10:00:00.000Z';
    const candidates = [
      client('ask', [pending()]),
      client('moved', [pending({ proof: { address: 'old@b.ru' } })]),
      client('bounced', [pending({ deadAddresses: ['a@b.ru'] })]),
      client('recent', [pending()], { lastExportAt: '2026-03-05T10:00:00.000Z' }),
      client('third', [pending()], { lastExportAt: '2026-03-01T10:00:00.000Z', confirmationRequests: maxConfirmationRequests - 1 }),
      client('enough', [pending()], { lastExportAt: '2026-01-01T10:00:00.000Z', confirmationRequests: maxConfirmationRequests }),
      client('granted', [granted('email')]),
    ];
    expect(maxConfirmationRequests).toBe(3);
    expect(selectForConfirmation(candidates, { channel: 'email', at, cadenceDays: 7 })).toEqual({
      picked: [
        // By the name typed on the form, never the client's name in the base.
        { clientId: 'ask', name: 'Typed', address: 'a@b.ru' },
        { clientId: 'third', name: 'Typed', address: 'a@b.ru' },
      ],
      skipped: [
        { clientId: 'moved', reason: 'no-address' },
        { clientId: 'bounced', reason: 'dead' },
        { clientId: 'recent', reason: 'cadence' },
        { clientId: 'enough', reason: 'asked-enough' },
        { clientId: 'granted', reason: 'not-pending' },
      ],
    });
    const untyped = client('untyped', [pending({ proof: { address: 'a@b.ru' } })]);
    expect(selectForConfirmation([untyped], { channel: 'email', at, cadenceDays: 7 }).picked).toEqual([
      { clientId: 'untyped', name: '', address: 'a@b.ru' },
    ]);
    expect(selectForMailing(candidates.slice(0, 1), { channel: 'email', at, cadenceDays: 7 }).skipped).toEqual([
      { clientId: 'ask', reason: 'pending' },
    ]);
    expect([mailableFlags(candidates[0]!), awaitingConfirmationFlags(candidates[0]!)]).toEqual([
      { sms: false, email: false },
      { sms: false, email: true },
    ]);
  });
});
