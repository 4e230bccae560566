import { describe, expect, it } from 'vitest';
import { editClient } from '../../../functions/src/store/client-edit-store.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';

const created = { by: 'head', at: '2026-01-10T09:00:00.000Z' };
const anna = { by: 'anna', at: '2026-02-01T10:00:00.000Z' };

describe('edits in the client history', () => {
  it('records each edit with the fields it changed, before and after as stored, who, when and the version it made', async () => {
    const { db } = testFirestore('edit-history');
    await createClient(
      db,
      clientSchema.parse({
        id: 'c1',
        name: 'Ivan',
        kind: 'person',
        managerId: 'anna',
        assignedAt: '2026-01-10',
        phones: ['8 916 123 45 67'],
      }),
      created,
    );
    const outcome = await editClient(db, {
      clientId: 'c1',
      version: 1,
      changes: { name: 'Ivan Petrov', phones: ['+7 916 123-45-67', '8 (495) 123-45-67'], source: 'referral' },
      scope: { managerId: 'anna' },
      actor: anna,
      mayReinstate: false,
      timeZone: 'Europe/Moscow',
    });
    expect(outcome).toMatchObject({ status: 'applied', client: { version: 2 } });
    const edits = (await readHistory(db, 'c1')).filter((e) => e.type === 'edit');
    expect(edits).toEqual([
      {
        id: expect.any(String),
        clientId: 'c1',
        type: 'edit',
        at: anna.at,
        by: 'anna',
        version: 2,
        changes: [
          { field: 'name', before: 'Ivan', after: 'Ivan Petrov' },
          { field: 'phones', before: ['+79161234567'], after: ['+79161234567', '+74951234567'] },
          { field: 'source', before: null, after: 'referral' },
        ],
      },
    ]);
  });

  it('writes nothing, not even a version, for an edit that changes no value', async () => {
    const { db } = testFirestore('edit-noop');
    await createClient(
      db,
      clientSchema.parse({ id: 'c1', name: 'Ivan', kind: 'person', managerId: 'anna', assignedAt: '2026-01-10', phones: ['+79161234567'] }),
      created,
    );
    const paths = await allDocumentPaths(db);
    const before = await getClientDoc(db, 'c1');
    const outcome = await editClient(db, {
      clientId: 'c1',
      version: 1,
      changes: { name: 'Ivan', phones: ['8 916 123 45 67'] },
      scope: { managerId: 'anna' },
      actor: anna,
      mayReinstate: false,
      timeZone: 'Europe/Moscow',
    });
    expect(outcome).toMatchObject({ status: 'applied', client: { version: 1 } });
    expect(await allDocumentPaths(db)).toEqual(paths);
    expect(await getClientDoc(db, 'c1')).toEqual(before);
  });

  it('records a stale edit nowhere: the conflict leaves the history as it was', async () => {
    const { db } = testFirestore('edit-stale');
    await createClient(
      db,
      clientSchema.parse({ id: 'c1', name: 'Ivan', kind: 'person', managerId: 'anna', assignedAt: '2026-01-10' }),
      created,
    );
    await editClient(db, {
      clientId: 'c1',
      version: 1,
      changes: { name: 'First' },
      scope: 'any',
      actor: { by: 'head', at: '2026-02-01T09:00:00.000Z' },
      mayReinstate: true,
      timeZone: 'Europe/Moscow',
    });
    const history = await readHistory(db, 'c1');
    expect(
      await editClient(db, {
        clientId: 'c1',
        version: 1,
        changes: { name: 'Second' },
        scope: { managerId: 'anna' },
        actor: anna,
        mayReinstate: false,
        timeZone: 'Europe/Moscow',
      }),
    ).toMatchObject({ status: 'conflict' });
    expect(await readHistory(db, 'c1')).toEqual(history);
  });
});
