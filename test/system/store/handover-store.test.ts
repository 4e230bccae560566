import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { offboardManager } from '../../../functions/src/operations/rotation-job.ts';
import { createClient, readHistory } from '../../../functions/src/store/client-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import { fileHandoverReport, flagOverdueReports, listOpenTasks } from '../../../functions/src/store/handover-store.ts';
import { allDocumentPaths, testFirestore } from '../../support/firestore.ts';
import { clientSchema } from '../../../functions/src/schema/client.ts';

const admin = { by: 'head@example.com', at: '2026-01-05T09:00:00.000Z' };

/** Offboards `leaver`, handing c1..c4 to b and c: four open report tasks due 2026-12-15. */
async function handedOver(db: Firestore) {
  for (const [id, level] of [
    ['leaver', 1],
    ['b', 1],
    ['c', 1],
  ] as const)
    await db
      .collection(collections.managers)
      .doc(id)
      .set({ id, name: id, email: `${id}@example.com`, level, active: true, role: 'manager' });
  for (const id of ['c1', 'c2', 'c3', 'c4'])
    await createClient(db, clientSchema.parse({ id, name: id, kind: 'person', managerId: 'leaver', assignedAt: '2026-01-01' }), admin);
  return (await offboardManager(db, { managerId: 'leaver', at: '2026-12-01', by: 'head@example.com' }, { pacing: false })).report;
}

describe('handover reports', () => {
  it('lists a manager their own open tasks, earliest due first', async () => {
    const { db } = testFirestore('handover-list');
    const report = await handedOver(db);
    const forB = report.moves.filter((m) => m.to === 'b').map((m) => `${report.runId}_${m.clientId}`);
    expect((await listOpenTasks(db, 'b')).map((t) => t.id).sort()).toEqual(forB.sort());
    expect(await listOpenTasks(db, 'leaver')).toEqual([]);
  });

  it('closes the task and puts the report into the client history', async () => {
    const { db } = testFirestore('handover-file');
    await handedOver(db);
    const [task] = await listOpenTasks(db, 'b');
    const result = await fileHandoverReport(db, {
      taskId: task!.id,
      managerId: 'b',
      text: 'Called, they need a quote',
      outcome: 'in-progress',
      at: '2026-12-05T10:00:00.000Z',
    });
    expect(result).toEqual({ taskId: task!.id, clientId: task!.clientId });
    expect((await db.collection(collections.tasks).doc(task!.id).get()).data()).toMatchObject({
      status: 'closed',
      outcome: 'in-progress',
      closedAt: '2026-12-05T10:00:00.000Z',
    });
    const history = await readHistory(db, task!.clientId);
    expect(history.filter((h) => h.type === 'report')).toEqual([
      expect.objectContaining({ taskId: task!.id, text: 'Called, they need a quote', outcome: 'in-progress', by: 'b' }),
    ]);
    await fileHandoverReport(db, { taskId: task!.id, managerId: 'b', text: 'Again', outcome: 'deal', at: '2026-12-06' });
    expect((await readHistory(db, task!.clientId)).filter((h) => h.type === 'report')).toHaveLength(1);
    expect((await listOpenTasks(db, 'b')).map((t) => t.id)).not.toContain(task!.id);
  });

  it("answers not-found for another manager's task and writes nothing", async () => {
    const { db } = testFirestore('handover-other');
    await handedOver(db);
    const [task] = await listOpenTasks(db, 'b');
    const before = await allDocumentPaths(db);
    await expect(
      fileHandoverReport(db, { taskId: task!.id, managerId: 'c', text: 'x', outcome: 'deal', at: '2026-12-05' }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it('flags open tasks past their due day once, with an admin alert each, and leaves reported ones alone', async () => {
    const { db } = testFirestore('handover-overdue');
    await handedOver(db);
    const [reported] = await listOpenTasks(db, 'b');
    await fileHandoverReport(db, { taskId: reported!.id, managerId: 'b', text: 'Done', outcome: 'deal', at: '2026-12-10' });
    expect((await flagOverdueReports(db, { day: '2026-12-15', at: '2026-12-15T08:00:00.000Z' })).flagged).toBe(0);
    const first = await flagOverdueReports(db, { day: '2026-12-16', at: '2026-12-16T08:00:00.000Z' });
    expect(first.flagged).toBe(3);
    expect(first.taskIds).not.toContain(reported!.id);
    const alerts = await db.collection(collections.adminAlerts).get();
    expect(alerts.docs.map((d) => d.get('taskId')).sort()).toEqual([...first.taskIds].sort());
    const task = (await db.collection(collections.tasks).doc(first.taskIds[0]!).get()).data();
    expect(task).toMatchObject({ overdue: true, overdueAt: '2026-12-16T08:00:00.000Z', status: 'open' });
    expect((await flagOverdueReports(db, { day: '2026-12-17', at: '2026-12-17T08:00:00.000Z' })).flagged).toBe(0);
    expect((await db.collection(collections.adminAlerts).get()).size).toBe(3);
  });
});
