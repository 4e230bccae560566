import { describe, expect, it } from 'vitest';
import { foldConsents } from '../../../functions/src/core/consent/consent-state.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { markContactDead, recordConsent, withdrawByAddress } from '../../../functions/src/store/consent-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

const actor = { by: 'm1', at: '2026-01-10T09:00:00.000Z' };
const ivan = {
  id: 'c1',
  name: 'Ivan',
  kind: 'person',
  managerId: 'm1',
  assignedAt: '2026-01-10',
  phones: ['8 916 123 45 67'],
  emails: ['ivan@example.com'],
};

describe('consent store', () => {
  it('puts every consent change in the history with its proof and keeps the current state equal to the fold', async () => {
    const { db } = testFirestore('consent-record');
    await createClient(db, clientSchema.parse(ivan), actor);
    const granted = await recordConsent(db, {
      clientId: 'c1',
      channel: 'sms',
      status: 'granted',
      method: 'event',
      proof: { formId: 'expo-2026', textVersion: 'v3' },
      at: '2026-01-11T10:00:00.000Z',
      by: 'm1',
    });
    expect(granted).toEqual({
      channel: 'sms',
      status: 'granted',
      at: '2026-01-11T10:00:00.000Z',
      method: 'event',
      proof: { formId: 'expo-2026', textVersion: 'v3', recordedBy: 'm1' },
    });
    await recordConsent(db, {
      clientId: 'c1',
      channel: 'email',
      status: 'granted',
      method: 'staff',
      proof: { recordedBy: 'm1' },
      at: '2026-01-12T10:00:00.000Z',
      by: 'm1',
    });
    await withdrawByAddress(db, {
      channel: 'sms',
      address: '+7 916 123-45-67',
      at: '2026-01-13T10:00:00.000Z',
      by: 'sms-gateway',
      proof: { note: 'STOP' },
    });
    await markContactDead(db, {
      channel: 'email',
      address: 'IVAN@example.com',
      at: '2026-01-14T10:00:00.000Z',
      by: 'bounce-report',
      note: '550 no such user',
    });

    const history = (await readHistory(db, 'c1')).filter((h) => h.type === 'consent');
    expect(history.map((h) => [h.channel, h.status, h.method, h.by])).toEqual([
      ['sms', 'granted', 'event', 'm1'],
      ['email', 'granted', 'staff', 'm1'],
      ['sms', 'withdrawn', 'unsubscribe', 'sms-gateway'],
      ['email', 'dead', 'bounce', 'bounce-report'],
    ]);
    expect(history[0]!.proof).toEqual({ formId: 'expo-2026', textVersion: 'v3', recordedBy: 'm1' });
    expect(history[2]!.proof).toEqual({ note: 'STOP', address: '+79161234567' });
    expect(history[3]!.proof).toMatchObject({ address: 'ivan@example.com', note: '550 no such user' });
    const doc = await getClientDoc(db, 'c1');
    expect(doc!.consents).toEqual(foldConsents(await readHistory(db, 'c1')));
    expect(doc!.consents).toMatchObject([
      { channel: 'email', status: 'granted', deadAddresses: ['ivan@example.com'] },
      { channel: 'sms', status: 'withdrawn' },
    ]);
    expect(doc!.mailable).toEqual({ sms: false, email: false });
    expect(doc!.version).toBe(5);
  });

  it('does not record a second withdrawal or a second death', async () => {
    const { db } = testFirestore('consent-idem');
    await createClient(db, clientSchema.parse(ivan), actor);
    await recordConsent(db, {
      clientId: 'c1',
      channel: 'sms',
      status: 'granted',
      method: 'website',
      proof: {},
      at: '2026-01-11',
      by: 'm1',
    });
    expect(
      await withdrawByAddress(db, { channel: 'sms', address: '+79161234567', at: '2026-01-12T00:00:00.000Z', by: 'g', proof: {} }),
    ).toEqual([{ clientId: 'c1', outcome: 'withdrawn' }]);
    expect(
      await withdrawByAddress(db, { channel: 'sms', address: '+79161234567', at: '2026-01-13T00:00:00.000Z', by: 'g', proof: {} }),
    ).toEqual([{ clientId: 'c1', outcome: 'already-withdrawn' }]);
    expect(await markContactDead(db, { channel: 'sms', address: '+79161234567', at: '2026-01-14T00:00:00.000Z', by: 'g' })).toEqual([
      { clientId: 'c1', outcome: 'dead' },
    ]);
    expect(await markContactDead(db, { channel: 'sms', address: '+79161234567', at: '2026-01-15T00:00:00.000Z', by: 'g' })).toEqual([
      { clientId: 'c1', outcome: 'already-dead' },
    ]);
    expect((await readHistory(db, 'c1')).filter((h) => h.type === 'consent')).toHaveLength(3);
  });

  it('refuses a consent for a client that does not exist and writes nothing', async () => {
    const { db } = testFirestore('consent-bad');
    await createClient(db, clientSchema.parse(ivan), actor);
    const before = await allDocumentPaths(db);
    await expect(
      recordConsent(db, {
        clientId: 'nobody',
        channel: 'sms',
        status: 'granted',
        method: 'website',
        proof: {},
        at: '2026-01-11',
        by: 'm1',
      }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await allDocumentPaths(db)).toEqual(before);
  });
});
