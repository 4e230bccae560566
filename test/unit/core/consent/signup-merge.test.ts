import { describe, expect, it } from 'vitest';
import { deriveClient } from '../../../../functions/src/core/client-derivation.ts';
import { mergeSignup, type NormalisedSignup } from '../../../../functions/src/core/consent/signup-merge.ts';
import type { Client, ClientDoc } from '../../../../functions/src/schema/client.ts';

const at = '2026-04-02T09:30:00.000Z';

function stored(id: string, over: Partial<Client> = {}): ClientDoc {
  const client: Client = {
    id,
    name: id,
    kind: 'person',
    size: 'regular',
    phones: [],
    emails: [],
    managerId: 'm1',
    assignedAt: '2026-01-10',
    ...over,
  };
  const keys = [...client.phones.map((p) => `phone:${p}`), ...client.emails.map((e) => `email:${e}`)];
  return { ...client, ...deriveClient(client, [], keys, 3, '2026-01-10T00:00:00.000Z') };
}

function form(over: Partial<NormalisedSignup> = {}): NormalisedSignup {
  return {
    name: 'Ivan',
    consents: { sms: false, email: false },
    formId: 'expo-2026',
    consentTextVersion: 'v2',
    source: 'questionnaire',
    ...over,
  };
}

const merge = (input: { form: NormalisedSignup; owners: { sms?: string; email?: string }; clients: ClientDoc[]; ip?: string }) =>
  mergeSignup({ form: input.form, owners: input.owners, clients: new Map(input.clients.map((c) => [c.id, c])), at, ip: input.ip });

describe('a sign-up by someone already in the base', () => {
  it('adds the e-mail the client lacked, with its key, and records both consents on that client as pending confirmation', () => {
    const ivan = stored('c1', { phones: ['+79161234567'] });
    const out = merge({
      form: form({ phone: '+79161234567', email: 'ivan@example.com', consents: { sms: true, email: true } }),
      owners: { sms: 'c1' },
      clients: [ivan],
      ip: '203.0.113.9',
    });
    expect(out.clientId).toBe('c1');
    expect(out.newKeys).toEqual(['email:ivan@example.com']);
    expect(out.changed).toHaveLength(1);
    const doc = out.changed[0]!;
    expect(doc).toMatchObject({
      phones: ['+79161234567'],
      emails: ['ivan@example.com'],
      contactKeys: ['phone:+79161234567', 'email:ivan@example.com'],
      version: 4,
      updatedAt: at,
    });
    expect(doc.mailable).toEqual({ sms: false, email: false });
    expect(doc.awaitingConfirmation).toEqual({ sms: true, email: true });
    expect(doc.consents!.map((c) => [c.channel, c.status, c.proof.address])).toEqual([
      ['email', 'pending', 'ivan@example.com'],
      ['sms', 'pending', '+79161234567'],
    ]);
    expect(out.history).toEqual([
      expect.objectContaining({ type: 'consent', clientId: 'c1', channel: 'sms', by: 'signup', at, method: 'questionnaire' }),
      expect.objectContaining({ type: 'consent', clientId: 'c1', channel: 'email', by: 'signup', at, method: 'questionnaire' }),
    ]);
    expect(doc.consents![1]!.proof).toEqual({
      formId: 'expo-2026',
      textVersion: 'v2',
      recordedBy: 'signup',
      address: '+79161234567',
      ip: '203.0.113.9',
    });
  });

  it('gives each consent to the client holding that address, and the incentive to the one holding the phone', () => {
    const byPhone = stored('c1', { phones: ['+79161234567'] });
    const byEmail = stored('c2', { emails: ['ivan@example.com'], managerId: 'm2' });
    const out = merge({
      form: form({
        phone: '+79161234567',
        email: 'ivan@example.com',
        consents: { sms: true, email: true },
        incentive: { kind: 'discount-card', reference: 'DC-1' },
      }),
      owners: { sms: 'c1', email: 'c2' },
      clients: [byPhone, byEmail],
    });
    expect(out.clientId).toBe('c1');
    expect(out.newKeys).toEqual([]);
    const changed = new Map(out.changed.map((c) => [c.id, c]));
    expect(changed.get('c1')!.consents!.map((c) => c.channel)).toEqual(['sms']);
    expect(changed.get('c1')!.incentives).toEqual([{ kind: 'discount-card', reference: 'DC-1', at, formId: 'expo-2026' }]);
    expect(changed.get('c2')!.consents!.map((c) => c.channel)).toEqual(['email']);
    expect(changed.get('c2')!.incentives).toBeUndefined();
    expect(out.history.map((h) => [h.type, h.clientId])).toEqual([
      ['consent', 'c1'],
      ['consent', 'c2'],
      ['incentive', 'c1'],
    ]);
  });

  it('attaches by e-mail when the phone is nobody’s, and the phone joins the record', () => {
    const ivan = stored('c2', { emails: ['ivan@example.com'] });
    const out = merge({
      form: form({ phone: '+79161234567', email: 'ivan@example.com', consents: { sms: true, email: false } }),
      owners: { email: 'c2' },
      clients: [ivan],
    });
    expect(out.clientId).toBe('c2');
    expect(out.newKeys).toEqual(['phone:+79161234567']);
    expect(out.changed[0]).toMatchObject({
      id: 'c2',
      phones: ['+79161234567'],
      mailable: { sms: false, email: false },
      awaitingConfirmation: { sms: true, email: false },
    });
  });

  it('keeps a full list as it is and still records the consent on the attaching client', () => {
    const phones = Array.from({ length: 20 }, (_, i) => `+7916000${String(i).padStart(4, '0')}`);
    const full = stored('c1', { phones, emails: ['ivan@example.com'] });
    const out = merge({
      form: form({ phone: '+79169999999', email: 'ivan@example.com', consents: { sms: true, email: false } }),
      owners: { email: 'c1' },
      clients: [full],
    });
    expect(out.newKeys).toEqual([]);
    expect(out.changed[0]!.phones).toEqual(phones);
    expect(out.changed[0]!.consents).toEqual([
      expect.objectContaining({ channel: 'sms', status: 'pending', proof: expect.objectContaining({ address: '+79169999999' }) }),
    ]);
    // The address could not join the record, so there is nobody to ask: it is never listed.
    expect(out.changed[0]!.awaitingConfirmation).toEqual({ sms: false, email: false });
  });

  it('revives an address that had bounced for the confirmation request when the person gives it again, not for mailing', () => {
    const bounced = stored('c1', {
      phones: ['+79161234567'],
      consents: [{ channel: 'sms', status: 'withdrawn', at: '2026-01-01', method: 'website', proof: {}, deadAddresses: ['+79161234567'] }],
    });
    const out = merge({
      form: form({ phone: '+79161234567', consents: { sms: true, email: false } }),
      owners: { sms: 'c1' },
      clients: [bounced],
    });
    expect(out.changed[0]!.consents![0]).toMatchObject({ status: 'pending' });
    expect(out.changed[0]!.consents![0]!.deadAddresses).toBeUndefined();
    expect(out.changed[0]!.mailable).toEqual({ sms: false, email: false });
    expect(out.changed[0]!.awaitingConfirmation).toEqual({ sms: true, email: false });
  });

  it('never downgrades a granted consent: a stranger signing up a client’s e-mail leaves only a pending entry in the history', () => {
    const granted = { channel: 'email' as const, status: 'granted' as const, at: '2026-01-01', method: 'staff' as const, proof: {} };
    const ivan = stored('c1', { emails: ['ivan@example.com'], consents: [granted] });
    expect(ivan.mailable).toEqual({ sms: false, email: true });
    const out = merge({
      form: form({ email: 'ivan@example.com', phone: '+79169990000', consents: { sms: true, email: true } }),
      owners: { email: 'c1' },
      clients: [ivan],
    });
    const doc = out.changed[0]!;
    expect(doc.consents!.find((c) => c.channel === 'email')).toEqual(granted);
    expect(doc.mailable).toEqual({ sms: false, email: true });
    expect(doc.awaitingConfirmation).toEqual({ sms: true, email: false });
    expect(out.history.filter((h) => h.type === 'consent').map((h) => [h.channel, h.type === 'consent' && h.status])).toEqual([
      ['sms', 'pending'],
      ['email', 'pending'],
    ]);
  });

  it('changes nothing when the form brings nothing new', () => {
    const ivan = stored('c1', { phones: ['+79161234567'] });
    const out = merge({ form: form({ phone: '+79161234567' }), owners: { sms: 'c1' }, clients: [ivan] });
    expect(out).toEqual({ clientId: 'c1', newKeys: [], changed: [], history: [] });
  });

  it('leaves the clients it was given as they were', () => {
    const ivan = stored('c1', { phones: ['+79161234567'] });
    const before = structuredClone(ivan);
    merge({
      form: form({ phone: '+79161234567', email: 'ivan@example.com', consents: { sms: true, email: true } }),
      owners: { sms: 'c1' },
      clients: [ivan],
    });
    expect(ivan).toEqual(before);
  });
});
