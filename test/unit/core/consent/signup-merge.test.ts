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
  it('keeps an e-mail nobody holds out of the matched client: its holder verifies it, with the consent ticked for it', () => {
    const ivan = stored('c1', { phones: ['+79161234567'] });
    const out = merge({
      form: form({ phone: '+79161234567', email: 'stranger@example.com', consents: { sms: true, email: true } }),
      owners: { sms: 'c1' },
      clients: [ivan],
      ip: '203.0.113.9',
    });
    expect(out.clientId).toBe('c1');
    expect(out.changed).toHaveLength(1);
    const doc = out.changed[0]!;
    expect(doc).toMatchObject({
      phones: ['+79161234567'],
      emails: [],
      contactKeys: ['phone:+79161234567'],
      hasContactsToVerify: true,
      version: 4,
      updatedAt: at,
    });
    expect(doc.mailable).toEqual({ sms: false, email: false });
    expect(doc.awaitingConfirmation).toEqual({ sms: true, email: false });
    expect(doc.consents!.map((c) => [c.channel, c.status, c.proof.address])).toEqual([['sms', 'pending', '+79161234567']]);
    expect(out.history).toEqual([
      expect.objectContaining({ type: 'consent', clientId: 'c1', channel: 'sms', by: 'signup', at, method: 'questionnaire' }),
    ]);
    // The request to confirm goes by the name the person typed, never the base's.
    expect(doc.consents![0]!.proof).toEqual({
      formId: 'expo-2026',
      textVersion: 'v2',
      recordedBy: 'signup',
      address: '+79161234567',
      signupName: 'Ivan',
      ip: '203.0.113.9',
    });
    expect(out.toVerify).toEqual([
      {
        clientId: 'c1',
        channel: 'email',
        address: 'stranger@example.com',
        key: 'email:stranger@example.com',
        at,
        formId: 'expo-2026',
        name: 'Ivan',
        consent: expect.objectContaining({
          channel: 'email',
          status: 'pending',
          proof: expect.objectContaining({ address: 'stranger@example.com' }),
        }),
      },
    ]);
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
    expect(out.toVerify).toEqual([]);
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

  it('attaches by e-mail when the phone is nobody’s: the phone waits for the holder, never asked or mailed meanwhile', () => {
    const ivan = stored('c2', { emails: ['ivan@example.com'] });
    const out = merge({
      form: form({ phone: '+79161234567', email: 'ivan@example.com', consents: { sms: true, email: false } }),
      owners: { email: 'c2' },
      clients: [ivan],
    });
    expect(out.clientId).toBe('c2');
    expect(out.toVerify.map((c) => [c.channel, c.address, c.consent?.status])).toEqual([['sms', '+79161234567', 'pending']]);
    expect(out.changed[0]).toMatchObject({
      id: 'c2',
      phones: [],
      mailable: { sms: false, email: false },
      awaitingConfirmation: { sms: false, email: false },
      hasContactsToVerify: true,
    });
    expect(out.changed[0]!.consents).toBeUndefined();
    expect(out.history).toEqual([]);
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
    expect(doc.awaitingConfirmation).toEqual({ sms: false, email: false });
    expect(out.history.filter((h) => h.type === 'consent').map((h) => [h.channel, h.type === 'consent' && h.status])).toEqual([
      ['email', 'pending'],
    ]);
    expect(out.toVerify.map((c) => c.address)).toEqual(['+79169990000']);
  });

  it('changes nothing when the form brings nothing new', () => {
    const ivan = stored('c1', { phones: ['+79161234567'] });
    const out = merge({ form: form({ phone: '+79161234567' }), owners: { sms: 'c1' }, clients: [ivan] });
    expect(out).toEqual({ clientId: 'c1', toVerify: [], changed: [], history: [] });
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
