import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueReportsScheduledJob } from '../../../functions/src/operations/overdue-reports.ts';
import { flagOverdueReports, type HandoverTask } from '../../../functions/src/store/handover-store.ts';
import { scheduledJobServers } from '../../support/scheduled-job-server.ts';
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

const tasksOf = async (as: string): Promise<HandoverTask[]> => {
  const answer = await api.call('GET', '/tasks', { as });
  expect(answer.status).toBe(200);
  return answer.body.tasks;
};
const taskDoc = async (id: string) => (await api.db.collection('tasks').doc(id).get()).data() as HandoverTask;
const reportsOn = async (clientId: string) =>
  (await api.db.collection('clients').doc(clientId).collection('history').where('type', '==', 'report').get()).size;

describe('report tasks follow the client when it is handed on', () => {
  const jobs = scheduledJobServers();
  /** anna's report task on c1, open when she was offboarded (boris's hand-on gave it to her). */
  let annaTask: HandoverTask;

  beforeAll(async () => {
    await offboard('boris');
    annaTask = (await tasksOf('anna'))[0]!;
    expect(annaTask).toMatchObject({ clientId: 'c1', managerId: 'anna', status: 'open' });
    await api.addManager({ id: 'carl' });
    await offboard('anna');
    expect((await api.call('PATCH', '/admin/managers/anna', { as: 'head', body: { active: true } })).status).toBe(200);
  });

  it("closes the leaver's open report task as handed on, and the new holder has one task due from the hand-on", async () => {
    expect(await tasksOf('anna')).toEqual([]);
    const closed = await taskDoc(annaTask.id);
    expect(closed).toMatchObject({ status: 'closed', overdue: false, handedOn: { to: 'carl' } });
    expect(closed.outcome).toBeUndefined();
    const carls = await tasksOf('carl');
    expect(carls).toHaveLength(1);
    expect(carls[0]).toMatchObject({ clientId: 'c1', managerId: 'carl', from: 'anna', reason: 'offboarding', status: 'open' });
    expect(closed.handedOn?.runId).toBe(carls[0]!.runId);
    expect(carls[0]!.dueDate > closed.closedAt!.slice(0, 10)).toBe(true);
    // Closed by the hand-on, never reported: the client's history holds no report.
    expect(await reportsOn('c1')).toBe(0);
  });

  it('the overdue check, run by the scheduler after every due day, alerts for the holder only, never for the leaver', async () => {
    const carlTask = (await tasksOf('carl'))[0]!;
    const overdue = await jobs.start(api.db, overdueReportsScheduledJob);
    const dayAfterDue = new Date(Date.parse(`${carlTask.dueDate}T12:00:00Z`) + 2 * 86_400_000).toISOString();
    const ran = await overdue.post('', { 'x-cloudscheduler-scheduletime': dayAfterDue });
    expect(ran.status).toBe(200);
    expect(ran.body.taskIds).toEqual([carlTask.id]);
    expect((await api.db.collection('adminAlerts').doc(`overdue-report_${annaTask.id}`).get()).exists).toBe(false);
    expect((await api.db.collection('adminAlerts').doc(`overdue-report_${carlTask.id}`).get()).exists).toBe(true);
    expect(await taskDoc(annaTask.id)).toMatchObject({ status: 'closed', overdue: false });
  });

  it("refuses the reactivated leaver's report on the handed-on client with 409 handed-on, and writes nothing", async () => {
    const before = await taskDoc(annaTask.id);
    const refused = await report('anna', annaTask.id);
    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({ code: 'handed-on', errors: [{ path: 'taskId' }] });
    expect(await taskDoc(annaTask.id)).toEqual(before);
    expect(await reportsOn('c1')).toBe(0);
    // The holder files it.
    expect((await report('carl', (await tasksOf('carl'))[0]!.id)).status).toBe(201);
    expect(await reportsOn('c1')).toBe(1);
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
    expectProblem(await report('anna', 'legacy-c1'), 409);
    // Someone who never had the task learns nothing of it, not even the client's holder.
    expectProblem(await report('carl', 'legacy-c1'), 404);
    const flagged = await flagOverdueReports(api.db, { day: '2026-02-01', at: '2026-02-01T08:00:00.000Z' });
    expect(flagged.taskIds).not.toContain('legacy-c1');
    expect((await api.db.collection('adminAlerts').doc('overdue-report_legacy-c1').get()).exists).toBe(false);
    expect((await api.db.collection('tasks').doc('legacy-c1').get()).data()).toMatchObject({ status: 'closed', handedOn: { to: 'carl' } });
  });
});
