import { describe, expect, it } from 'vitest';
import { createClient, readHistory, recordDeal } from '../../../functions/src/store/client-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

const actor = { by: 'm1', at: '2026-01-10T09:00:00.000Z' };
const base = { kind: 'person', managerId: 'm1', assignedAt: '2026-01-10', phones: ['8 916 123 45 67'], emails: ['Ivan@Example.com'] };

describe('client store', () => {
  it('refuses a client whose phone is already in the base, pointing at the existing one', async () => {
    const { db } = testFirestore('dupes');
    await createClient(db, clientSchema.parse({ ...base, id: 'c1', name: 'Ivan' }), actor);
    const before = await allDocumentPaths(db);
    await expect(
      createClient(
        db,
        clientSchema.parse({
          id: 'c2',
          name: 'Ivan again',
          kind: 'person',
          managerId: 'm2',
          assignedAt: '2026-01-11',
          phones: ['+7 (916) 123-45-67'],
        }),
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'duplicate',
      details: { existingClientId: 'c1', field: 'phones' },
    });
    await expect(
      createClient(
        db,
        clientSchema.parse({ id: 'c3', name: 'Other', kind: 'person', managerId: null, emails: [' IVAN@example.com'] }),
        actor,
      ),
    ).rejects.toMatchObject({ code: 'duplicate' });
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it('refuses an invalid phone naming the field and writes nothing', async () => {
    const { db } = testFirestore('badphone');
    await expect(createClient(db, clientSchema.parse({ ...base, id: 'c1', name: 'Ivan', phones: ['123'] }), actor)).rejects.toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'phones[0]', message: 'not a valid phone number' }],
    });
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('keeps deal counts and dates on the client and appends the deal to history', async () => {
    const { db } = testFirestore('deals');
    await createClient(db, clientSchema.parse({ ...base, id: 'c1', name: 'Ivan' }), actor);
    await recordDeal(db, { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-02-01', amount: 10000, profit: 2000 }, actor);
    const d2 = await recordDeal(db, { id: 'd2', clientId: 'c1', managerId: 'm1', date: '2026-03-01', amount: 5000, profit: 1000 }, actor);
    expect(d2.seq).toBe(2);
    expect(await getClientDoc(db, 'c1')).toMatchObject({
      dealCount: 2,
      dealsSinceAssignment: 2,
      firstDealAt: '2026-02-01',
      lastDealAt: '2026-03-01',
      version: 3,
    });
    expect((await readHistory(db, 'c1')).map((h) => h.type)).toEqual(['deal', 'deal']);
    await expect(
      recordDeal(db, { id: 'd3', clientId: 'nobody', managerId: 'm1', date: '2026-03-01', amount: 1, profit: 1 }, actor),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a deal from a manager who no longer holds the client, checked in the same transaction', async () => {
    const { db } = testFirestore('holder-guard');
    await createClient(db, clientSchema.parse({ ...base, id: 'c1', name: 'Ivan' }), actor);
    await db.collection('clients').doc('c1').update({ managerId: 'm2' });
    const before = await allDocumentPaths(db);
    await expect(
      recordDeal(db, { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-02-01', amount: 100, profit: 10 }, actor, { holderId: 'm1' }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await allDocumentPaths(db)).toEqual(before);
    await recordDeal(db, { id: 'd2', clientId: 'c1', managerId: 'm2', date: '2026-02-01', amount: 100, profit: 10 }, actor, {
      holderId: 'm2',
    });
    expect((await getClientDoc(db, 'c1'))?.dealCount).toBe(1);
  });
});
