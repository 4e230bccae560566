import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagOverdueReports } from '../../../functions/src/store/handover-store.ts';
import { expectProblem, startApi, type Api } from './api-harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi('api-tasks-holding');
  await api.addManager({ id: 'boris' });
  await api.addManager({ id: 'anna' });
  await api.addManager({ id: 'head', role: 'admin', level: 3 });
  const created = await api.call('POST', '/clients', {
    as: 'boris',
    body: { id: 'c1', name: 'Handed', kind: 'company', phones: ['+79160000201'] },
  });
  expect(created.status).toBe(201);
});
afterAll(() => api.close());

const offboard = async (id: string) => {
  const done = await api.awaitJob(await api.call('POST', `/admin/managers/${id}/offboard`, { as: 'head', body: {} }));
  expect(done.body).toMatchObject({ status: 'done', kind: 'offboarding' });
};
const report = (as: string, taskId: string) =>
  api.call('POST', `/tasks/${taskId}/report`, { as, body: { text: 'called them', outcome: 'in-progress' } });

describe('report tasks follow the client when it is handed on', () => {
  beforeAll(async () => {
    await offboard('boris');
    await api.addManager({ id: 'carl' });
    await offboard('anna');
    expect((await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { active: true } })).status).toBe(200);
  });

  it('refuses a report on a task left open on a client someone else now holds, and raises no overdue alert for it', async () => {
    // As a hand-on made before tasks followed the holding left it: anna's task, carl's client.
    await api.db.collection('tasks').doc('legacy-c1').set({
      id: 'legacy-c1',
      runId: 'offboarding-old-2026-01-01',
      clientId: 'c1',
      managerId: 'anna',
      from: 'old',
      reason: 'offboarding',
      dueDate: '2026-01-10',
      status: 'open',
      overdue: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expectProblem(await report('anna', 'legacy-c1'), 404);
    const flagged = await flagOverdueReports(api.db, { day: '2026-02-01', at: '2026-02-01T08:00:00.000Z' });
    expect(flagged.taskIds).not.toContain('legacy-c1');
    expect((await api.db.collection('adminAlerts').doc('overdue-report_legacy-c1').get()).exists).toBe(false);
    expect((await api.db.collection('tasks').doc('legacy-c1').get()).data()).toMatchObject({ status: 'closed', handedOn: { to: 'carl' } });
  });
});
