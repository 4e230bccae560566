import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-deal-credit');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'vera', active: false, deactivatedAt: '2026-01-31' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  const created = await api.call('POST', '/clients', {
    as: 'anna',
    body: { id: 'c1', name: 'Credit', kind: 'company', phones: ['+79160000101'] },
  });
  expect(created.status).toBe(201);
});
afterAll(() => api.close());

const deal = (managerId: string) => ({ date: '2026-01-15', amount: 1000, profit: 100, managerId });

describe('whom an admin credits a deal to', () => {
  it('refuses a manager who is not on the roster, naming managerId, and writes nothing', async () => {
    const before = (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
    const answer = await api.call('POST', '/clients/c1/deals', { as: 'head', body: deal('nobody') });
    expectProblem(answer, 400);
    expect(answer.body.errors).toEqual([{ path: 'managerId', message: 'is not on the roster' }]);
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before);
  });

  it('credits the holder, or a former manager for the history of a deal they made', async () => {
    expect((await api.call('POST', '/clients/c1/deals', { as: 'head', body: deal('anna') })).status).toBe(201);
    expect((await api.call('POST', '/clients/c1/deals', { as: 'head', body: deal('vera') })).status).toBe(201);
    const deals = await api.db.collection('deals').where('clientId', '==', 'c1').get();
    expect(deals.docs.map((d) => d.get('managerId')).sort()).toEqual(['anna', 'vera']);
  });
});
