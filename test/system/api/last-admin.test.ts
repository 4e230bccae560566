import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startApi, type Answer, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-last-admin');
});
afterAll(() => api.close());

const activeAdmins = async () =>
  (await api.db.collection('managers').where('role', '==', 'admin').get()).docs.filter((d) => d.get('active') === true).map((d) => d.id);

/** Exactly one of two simultaneous requests succeeded (with `ok`), the other was refused as the last admin (409). */
function expectOneRefused(answers: Answer[], ok: number): void {
  expect(answers.map((a) => a.status).sort()).toEqual([ok, 409].sort());
  const refused = answers.find((a) => a.status === 409)!;
  expectProblem(refused, 409);
  expect(refused.body.errors[0].message).toBe('is the last active admin');
}

describe('the last active admin', () => {
  it('stays admin when two admins take away each other’s admin role at the same moment', async () => {
    for (const round of [1, 2, 3]) {
      const [a, b] = [`ada${round}`, `bob${round}`];
      await api.addManager({ id: a, role: 'admin' });
      await api.addManager({ id: b, role: 'admin' });
      for (const other of await activeAdmins())
        if (other !== a && other !== b) await api.db.collection('managers').doc(other).update({ role: 'manager' });
      const answers = await Promise.all([
        api.call('PATCH', `/admin/managers/${b}`, { as: a, body: { role: 'manager' } }),
        api.call('PATCH', `/admin/managers/${a}`, { as: b, body: { role: 'manager' } }),
      ]);
      expectOneRefused(answers, 200);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it('stays admin when two admins offboard each other at the same moment: one leaves, the other keeps access', async () => {
    await api.addManager({ id: 'cleo', role: 'admin' });
    await api.addManager({ id: 'dan', role: 'admin' });
    for (const other of await activeAdmins())
      if (other !== 'cleo' && other !== 'dan') await api.db.collection('managers').doc(other).update({ role: 'manager' });
    const answers = await Promise.all([
      api.call('POST', '/admin/managers/dan/offboard', { as: 'cleo', body: {} }),
      api.call('POST', '/admin/managers/cleo/offboard', { as: 'dan', body: {} }),
    ]);
    expectOneRefused(answers, 202);
    const left = await activeAdmins();
    expect(left).toHaveLength(1);
    expect((await api.call('GET', '/admin/managers', { as: left[0]! })).status).toBe(200);
  });
});
