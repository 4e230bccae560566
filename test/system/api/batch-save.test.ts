import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-batch');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  for (const [id, as, phone] of [
    ['a1', 'anna', '+79160000001'],
    ['a2', 'anna', '+79160000002'],
    ['a3', 'anna', '+79160000003'],
    ['b1', 'boris', '+79160000009'],
  ] as const) {
    const answer = await api.call('POST', '/clients', { as, body: { id, name: `Client ${id}`, kind: 'person', phones: [phone] } });
    expect(answer.status).toBe(201);
  }
});
afterAll(() => api.close());

const version = async (id: string) => (await api.db.collection('clients').doc(id).get()).get('version') as number;

describe('batch save', () => {
  it('answers each row on its own: applied, conflict with current values, invalid with field errors', async () => {
    const answer = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: {
        rows: [
          { clientId: 'a1', version: 1, changes: { name: 'Renamed a1' } },
          { clientId: 'a2', version: 7, changes: { name: 'Stale a2' } },
          { clientId: 'a3', version: 1, changes: { phones: ['123'], kind: 'alien' } },
          { clientId: 'b1', version: 1, changes: { name: 'Not yours' } },
          { clientId: 'a3', version: 1, changes: { phones: ['+79160000009'] } },
          { clientId: 'a3', changes: { managerId: 'anna' } },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const rows = answer.body.rows;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['applied', 'conflict', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(rows[0].client).toMatchObject({ name: 'Renamed a1', version: 2 });
    expect(rows[1].current).toMatchObject({ id: 'a2', name: 'Client a2', version: 1 });
    expect(rows[2].errors.map((e: { path: string }) => e.path)).toEqual(['changes.kind']);
    expect(rows[3].errors).toEqual([{ path: 'clientId', message: 'no such client among yours' }]);
    expect(rows[4].errors).toEqual([{ path: 'changes.phones', message: 'already in the base as client b1' }]);
    expect(new Set(rows[5].errors.map((e: { path: string }) => e.path))).toEqual(new Set(['changes', 'version']));
    expect(rows[5].errors).toContainEqual({ path: 'changes', message: 'unknown field(s): managerId' });
    expect(answer.body).toMatchObject({ applied: 1, conflicts: 1, invalid: 4 });
    expect(await version('a2')).toBe(1);
    expect(await version('a3')).toBe(1);
    expect((await api.db.collection('clients').doc('b1').get()).get('name')).toBe('Client b1');
  });

  it('reports a bad phone by its path once the other fields are valid', async () => {
    const answer = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: [{ clientId: 'a3', version: 1, changes: { phones: ['123'] } }] },
    });
    expect(answer.body.rows[0]).toMatchObject({
      status: 'invalid',
      errors: [{ path: 'changes.phones[0]', message: 'not a valid phone number' }],
    });
  });

  it("applies exactly one of two saves made from the same version; the other gets the winner's values", async () => {
    const v = await version('a2');
    const save = (name: string) =>
      api.call('POST', '/clients/batch', { as: 'anna', body: { rows: [{ clientId: 'a2', version: v, changes: { name } }] } });
    const [x, y] = await Promise.all([save('Edit from sheet X'), save('Edit from sheet Y')]);
    const statuses = [x.body.rows[0].status, y.body.rows[0].status].sort();
    expect(statuses).toEqual(['applied', 'conflict']);
    const winner = x.body.rows[0].status === 'applied' ? x.body.rows[0] : y.body.rows[0];
    const loser = x.body.rows[0].status === 'conflict' ? x.body.rows[0] : y.body.rows[0];
    expect(loser.current).toEqual(winner.client);
    expect((await api.db.collection('clients').doc('a2').get()).get('name')).toBe(winner.client.name);
    expect(await version('a2')).toBe(v + 1);
  });

  it('applies exactly one of two concurrent single-client updates from the same version', async () => {
    const v = await version('a1');
    const patch = (name: string) => api.call('PATCH', '/clients/a1', { as: 'anna', body: { version: v, changes: { name } } });
    const answers = await Promise.all([patch('P'), patch('Q')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(conflict.body.current.version).toBe(v + 1);
  });

  it('refuses an empty, oversized or non-list batch as a whole and writes nothing', async () => {
    const before = await allDocumentPaths(api.db);
    expectProblem(await api.call('POST', '/clients/batch', { as: 'anna', body: { rows: [] } }), 400);
    const tooMany = await api.call('POST', '/clients/batch', {
      as: 'anna',
      body: { rows: Array.from({ length: 201 }, () => ({ clientId: 'a1', version: 1, changes: { name: 'x' } })) },
    });
    expectProblem(tooMany, 400);
    expect(tooMany.body.errors).toEqual([{ path: 'rows', message: 'at most 200 rows per call' }]);
    expectProblem(await api.call('POST', '/clients/batch', { as: 'anna', body: { rows: {}, extra: 1 } }), 400);
    expect(await allDocumentPaths(api.db)).toEqual(before);
  });
});
