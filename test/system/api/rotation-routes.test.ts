import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDocumentPaths } from '../../support/firestore.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;

/** A client held since long ago with no deal: a rotation candidate on any day this year. */
async function staleClient(id: string, managerId: string, phone: string): Promise<void> {
  const answer = await api.call('POST', '/clients', {
    as: 'head',
    body: { id, name: `Stale ${id}`, kind: 'company', managerId, phones: [phone] },
  });
  expect(answer.status).toBe(201);
  await api.db.collection('clients').doc(id).update({ assignedAt: '2024-01-10' });
}

beforeAll(async () => {
  api = await startApi('api-rotation');
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'vera' });
  await api.addManager({ id: 'head', role: 'admin', level: 9 });
  await staleClient('a1', 'anna', '+79160000001');
  await staleClient('b1', 'boris', '+79160000002');
});
afterAll(() => api.close());

const holder = async (id: string) => (await api.db.collection('clients').doc(id).get()).get('managerId');

describe('rotation and handover through the api', () => {
  it('previews the rotation without changing anything, and refuses it to managers', async () => {
    expectProblem(await api.call('POST', '/admin/rotation/preview', { as: 'anna' }), 403);
    const before = (await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'));
    const preview = await api.call('POST', '/admin/rotation/preview', { as: 'head' });
    expect(preview.status).toBe(200);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.moves.map((m: { clientId: string; from: string; to: string }) => [m.clientId, m.from, m.to]).sort()).toEqual([
      ['a1', 'anna', 'boris'],
      ['b1', 'boris', 'anna'],
    ]);
    expect((await allDocumentPaths(api.db)).filter((p) => !p.startsWith('audit/'))).toEqual(before);
    expectProblem(await api.call('POST', '/admin/rotation/preview', { as: 'head', body: { at: 'tomorrow' } }), 400);
  });

  it('applies the rotation as a polled job; the new holder sees the client and its report task', async () => {
    const done = await api.awaitJob(await api.call('POST', '/admin/rotation/apply', { as: 'head' }));
    expect(done.body).toMatchObject({ status: 'done', kind: 'rotation', result: { dryRun: false } });
    expect(done.body.result.moves).toHaveLength(2);
    expect(await holder('a1')).toBe('boris');
    expectProblem(await api.call('GET', '/clients/a1', { as: 'anna' }), 404);
    const card = await api.call('GET', '/clients/a1', { as: 'boris' });
    expect(card.body.history.some((h: { type: string; to: string }) => h.type === 'transfer' && h.to === 'boris')).toBe(true);
    const tasks = await api.call('GET', '/tasks', { as: 'boris' });
    expect(tasks.body.tasks).toHaveLength(1);
    expect(tasks.body.tasks[0]).toMatchObject({ clientId: 'a1', managerId: 'boris', status: 'open' });
  });

  it('files a handover report for my own task only', async () => {
    const task = (await api.call('GET', '/tasks', { as: 'boris' })).body.tasks[0];
    const path = `/tasks/${encodeURIComponent(task.id)}/report`;
    expectProblem(await api.call('POST', path, { as: 'anna', body: { text: 'not mine', outcome: 'other' } }), 404);
    const bad = await api.call('POST', path, { as: 'boris', body: { text: '', outcome: 'won' } });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['outcome', 'text']);
    const filed = await api.call('POST', path, { as: 'boris', body: { text: 'Called, they want a quote', outcome: 'in-progress' } });
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ taskId: task.id, clientId: 'a1' });
    expect((await api.call('GET', '/tasks', { as: 'boris' })).body.tasks).toEqual([]);
    const history = (await api.call('GET', '/clients/a1', { as: 'boris' })).body.history;
    expect(history.at(-1)).toMatchObject({ type: 'report', outcome: 'in-progress', by: 'boris' });
    const refused = (await api.db.collection('audit').where('actor', '==', 'anna').get()).docs.map((d) => d.data());
    expect(refused.some((a) => a.outcome === 'refused' && a.target === `tasks/${task.id}`)).toBe(true);
  });

  it('offboards a leaver: access ends before the answer, and the whole book is handed on', async () => {
    await staleClient('v1', 'vera', '+79160000003');
    expect(
      (await api.call('POST', '/clients', { as: 'vera', body: { id: 'v2', name: 'Fresh', kind: 'person', phones: ['+79160000004'] } }))
        .status,
    ).toBe(201);
    const plan = await api.call('POST', '/admin/managers/vera/offboard', { as: 'head', body: { dryRun: true } });
    expect(plan.status).toBe(200);
    expect(plan.body.moves.map((m: { clientId: string }) => m.clientId).sort()).toEqual(['v1', 'v2']);
    expect((await api.call('GET', '/me', { as: 'vera' })).status).toBe(200);
    expectProblem(await api.call('POST', '/admin/managers/vera/offboard', { as: 'anna', body: {} }), 403);
    expectProblem(await api.call('POST', '/admin/managers/head/offboard', { as: 'head', body: {} }), 400);

    const started = await api.call('POST', '/admin/managers/vera/offboard', { as: 'head', body: {} });
    expect(started.status).toBe(202);
    expectProblem(await api.call('GET', '/clients', { as: 'vera' }), 403);
    const done = await api.awaitJob(started);
    expect(done.body).toMatchObject({ status: 'done', kind: 'offboarding', params: { managerId: 'vera' } });
    expect([await holder('v1'), await holder('v2')].every((h) => h === 'anna' || h === 'boris')).toBe(true);
    const vera = (await api.db.collection('managers').doc('vera').get()).data()!;
    expect(vera.active).toBe(false);
    // One deactivation, whichever way it comes: the run's company day, audited once.
    expect(done.body.result.runId).toBe(`offboarding-vera-${vera.deactivatedAt}`);
    const deactivations = (await api.db.collection('audit').where('target', '==', 'managers/vera').get()).docs.filter(
      (d) => d.get('action') === 'manager.offboard',
    );
    expect(deactivations.map((d) => d.get('actor'))).toEqual(['head']);
  });
});
