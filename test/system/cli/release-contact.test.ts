import { beforeAll, describe, expect, it } from 'vitest';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { createClient } from '../../../functions/src/store/client-store.ts';
import { editClient } from '../../../functions/src/store/client-edit-store.ts';
import { collections, contactKeyId } from '../../../functions/src/store/collections.ts';
import { testCli } from '../../support/cli.ts';
import { testFirestore } from '../../support/firestore.ts';

beforeAll(() => {
  delete process.env.CLIENTBASE_ACTOR;
});

describe('clientbase release-contact', () => {
  it('frees a number a client once had, audited as by cli, and refuses one it still has or never had with status 2', async () => {
    const { db } = testFirestore('cli-release-contact');
    const client = clientSchema.parse({
      id: 'c1',
      name: 'Old client',
      kind: 'person',
      managerId: 'm1',
      assignedAt: '2026-05-01',
      phones: ['+79160000001', '+79160000002'],
    });
    await createClient(db, client, { by: 'm1', at: '2026-05-01T09:00:00.000Z' });
    const actor = { by: 'm1', at: '2026-05-02T09:00:00.000Z' };
    const edit = { clientId: 'c1', version: 1, changes: { phones: ['+79160000002'] }, scope: 'any' as const, actor };
    expect((await editClient(db, { ...edit, mayReinstate: false, timeZone: 'Europe/Moscow' })).status).toBe('applied');
    const key = db.collection(collections.contactKeys).doc(contactKeyId('phone:+79160000001'));
    expect((await key.get()).get('clientId')).toBe('c1');

    const still = testCli(db, '2026-05-04T09:00:00Z');
    expect(await still.run('release-contact', 'c1', '+79160000002')).toBe(2);
    expect(still.err.join('\n')).toContain("contact: is still one of the client's contacts");
    const never = testCli(db, '2026-05-04T09:00:00Z');
    expect(await never.run('release-contact', 'c1', '+79160000009')).toBe(2);
    expect(never.err.join('\n')).toContain('contact: is not a contact this client has or once had');
    expect((await db.collection(collections.audit).get()).size).toBe(0);

    const released = testCli(db, '2026-05-04T09:00:00Z');
    expect(await released.run('release-contact', 'c1', '8 916 000-00-01')).toBe(0);
    expect(released.out.join('')).toBe('released phone:+79160000001 from client c1');
    expect((await key.get()).exists).toBe(false);
    const doc = (await db.collection(collections.clients).doc('c1').get()).data()!;
    expect(doc.contactKeys).toEqual(['phone:+79160000002']);
    const audit = (await db.collection(collections.audit).get()).docs.map((d) => d.data());
    expect(audit).toEqual([expect.objectContaining({ actor: 'cli', action: 'release contact', target: 'clients/c1' })]);
  });
});
