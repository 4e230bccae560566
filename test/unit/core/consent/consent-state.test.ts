import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyConsentChange,
  confirmationChange,
  foldConsents,
  type ConsentEntry,
} from '../../../../functions/src/core/consent/consent-state.ts';
import type { HistoryEntry } from '../../../../functions/src/schema/history.ts';

const entry = (over: Partial<ConsentEntry> & Pick<ConsentEntry, 'id' | 'at' | 'status'>): ConsentEntry => ({
  type: 'consent',
  clientId: 'c1',
  by: 'signup',
  channel: 'sms',
  method: 'website',
  proof: { formId: 'f1' },
  ...over,
});

describe('consent fold', () => {
  it('derives granted, then withdrawn from the history in time order', () => {
    const history: HistoryEntry[] = [
      entry({ id: '2', at: '2026-02-01T00:00:00.000Z', status: 'withdrawn', method: 'unsubscribe', proof: { recordedBy: 'unsubscribe' } }),
      { type: 'note', id: '0', clientId: 'c1', at: '2026-01-01', by: 'm1', text: 'hello' },
      entry({ id: '1', at: '2026-01-01T00:00:00.000Z', status: 'granted' }),
      entry({ id: '3', at: '2026-01-15T00:00:00.000Z', status: 'granted', channel: 'email', proof: { formId: 'f2' } }),
    ];
    expect(foldConsents(history)).toEqual([
      { channel: 'email', status: 'granted', at: '2026-01-15T00:00:00.000Z', method: 'website', proof: { formId: 'f2' } },
      {
        channel: 'sms',
        status: 'withdrawn',
        at: '2026-02-01T00:00:00.000Z',
        method: 'unsubscribe',
        proof: { recordedBy: 'unsubscribe' },
        withdrawnByPersonAt: '2026-02-01T00:00:00.000Z',
      },
    ]);
  });

  it('marks only the bounced address dead, without granting it; a later grant naming that address revives it', () => {
    const dead = foldConsents([
      entry({ id: '1', at: '2026-01-01', status: 'granted' }),
      entry({ id: '2', at: '2026-01-02', status: 'dead', method: 'bounce', proof: { address: '+79160000001' } }),
    ]);
    expect(dead).toMatchObject([{ status: 'granted', deadAddresses: ['+79160000001'] }]);
    const otherGrant = applyConsentChange(dead, {
      channel: 'sms',
      status: 'granted',
      at: '2026-01-03',
      method: 'staff',
      proof: { address: '+79160000002' },
    });
    expect(otherGrant[0]!.deadAddresses).toEqual(['+79160000001']);
    const revived = applyConsentChange(dead, {
      channel: 'sms',
      status: 'granted',
      at: '2026-01-03',
      method: 'questionnaire',
      proof: { address: '+79160000001' },
    });
    expect(revived[0]!.deadAddresses).toBeUndefined();
    const both = applyConsentChange(dead, {
      channel: 'sms',
      status: 'dead',
      at: '2026-01-04',
      method: 'bounce',
      proof: { address: '+79160000002' },
    });
    expect(both[0]!.deadAddresses).toEqual(['+79160000001', '+79160000002']);
    expect(
      foldConsents([entry({ id: '1', at: '2026-01-01', status: 'dead', method: 'bounce', proof: { address: '+79160000001' } })]),
    ).toMatchObject([{ status: 'withdrawn', deadAddresses: ['+79160000001'] }]);
  });

  it('lets no backdated change override a newer one', () => {
    const now = applyConsentChange([], { channel: 'sms', status: 'withdrawn', at: '2026-03-01', method: 'unsubscribe', proof: {} });
    expect(applyConsentChange(now, { channel: 'sms', status: 'granted', at: '2025-01-01', method: 'import', proof: {} })).toEqual(now);
  });

  it('gives the same state applied one by one as folded from the history, in any order (property)', () => {
    const change = fc.record({
      channel: fc.constantFrom('sms' as const, 'email' as const),
      status: fc.constantFrom('granted' as const, 'withdrawn' as const, 'dead' as const),
      day: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(change, { selector: (c) => c.day, maxLength: 12 }), fc.integer(), (changes, seed) => {
        const entries = changes.map((c, i) =>
          entry({
            id: String(i).padStart(3, '0'),
            channel: c.channel,
            status: c.status,
            at: new Date(Date.UTC(2026, 0, 1) + c.day * 86_400_000).toISOString(),
          }),
        );
        const inTime = [...entries].sort((a, b) => (a.at < b.at ? -1 : 1));
        const incremental = inTime.reduce(
          (acc, e) => applyConsentChange(acc, { channel: e.channel, status: e.status, at: e.at, method: e.method, proof: e.proof }),
          [] as ReturnType<typeof foldConsents>,
        );
        const shuffled = [...entries].sort((a, b) => ((Number(a.id) * 7919 + seed) % 13) - ((Number(b.id) * 7919 + seed) % 13));
        expect(foldConsents(shuffled)).toEqual(incremental);
      }),
    );
  });

  it('records a sign-up as pending, never downgrades a grant with it, and lets a withdrawal override it', () => {
    const signup = { formId: 'f1', textVersion: 'v1', recordedBy: 'signup', address: '+79161234567', ip: '203.0.113.1' };
    const pending = foldConsents([entry({ id: '1', at: '2026-01-01T00:00:00.000Z', status: 'pending', proof: signup })]);
    expect(pending).toEqual([{ channel: 'sms', status: 'pending', at: '2026-01-01T00:00:00.000Z', method: 'website', proof: signup }]);
    const grantedFirst = foldConsents([
      entry({ id: '1', at: '2026-01-01T00:00:00.000Z', status: 'granted', method: 'staff', proof: { recordedBy: 'm1' } }),
      entry({ id: '2', at: '2026-02-01T00:00:00.000Z', status: 'pending', proof: signup }),
    ]);
    expect(grantedFirst).toEqual([
      { channel: 'sms', status: 'granted', at: '2026-01-01T00:00:00.000Z', method: 'staff', proof: { recordedBy: 'm1' } },
    ]);
    const withdrawn = applyConsentChange(pending, {
      channel: 'sms',
      status: 'withdrawn',
      at: '2026-01-02T00:00:00.000Z',
      method: 'unsubscribe',
      proof: { address: '+79161234567' },
    });
    expect(withdrawn[0]!.status).toBe('withdrawn');
    expect(confirmationChange(withdrawn[0], { address: '+79161234567', at: '2026-01-03T00:00:00.000Z', ip: undefined })).toBeUndefined();
  });

  it('confirms a pending sign-up only for its own address, keeping the sign-up proof with when and where it was confirmed', () => {
    const signup = { formId: 'f1', textVersion: 'v1', recordedBy: 'signup', address: 'a@b.ru', ip: '203.0.113.1' };
    const [pending] = foldConsents([
      entry({ id: '1', at: '2026-01-01T00:00:00.000Z', status: 'pending', channel: 'email', proof: signup }),
    ]);
    expect(confirmationChange(pending, { address: 'other@b.ru', at: '2026-01-02T00:00:00.000Z', ip: undefined })).toBeUndefined();
    const change = confirmationChange(pending, { address: 'a@b.ru', at: '2026-01-02T00:00:00.000Z', ip: '198.51.100.4' })!;
    expect(change).toEqual({
      channel: 'email',
      status: 'granted',
      at: '2026-01-02T00:00:00.000Z',
      method: 'website',
      proof: { ...signup, confirmedAt: '2026-01-02T00:00:00.000Z', confirmedIp: '198.51.100.4' },
    });
    const [confirmed] = applyConsentChange([pending!], change);
    expect(confirmed!.status).toBe('granted');
    expect(confirmationChange(confirmed, { address: 'a@b.ru', at: '2026-01-03T00:00:00.000Z', ip: undefined })).toBeUndefined();
  });
});
