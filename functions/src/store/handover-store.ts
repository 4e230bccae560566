import type { Firestore } from 'firebase-admin/firestore';
import type { PlannedMove } from '../core/rotation/types.ts';
import { AppError } from '../errors.ts';
import { forEachConcurrently } from '../worker-pool.ts';
import type { ReportOutcome } from '../schema/history.ts';
import { appendHistory } from './client-store.ts';
import { collections } from './collections.ts';
import { needsIndex } from './query-indexes.ts';

/** A report task: the new manager must say what they did with a handed-over client (MISSION §2.6). */
export type HandoverTask = {
  id: string;
  runId: string;
  clientId: string;
  managerId: string;
  from: string | null;
  reason: PlannedMove['reason'];
  dueDate: string;
  status: 'open' | 'closed';
  overdue: boolean;
  overdueAt?: string;
  createdAt: string;
  closedAt?: string;
  outcome?: string;
};

/** Marks a not-found that hides another manager's task, so the caller can audit the attempt. */
export const foreignTask = Symbol("another manager's task");

/**
 * The new manager's report on a handed-over client (MISSION §2.6): closes the task and appends a
 * `report` entry to the client's history, together. Filing again on a closed task writes nothing
 * and answers the same (a retried request must not add a second report).
 */
export async function fileHandoverReport(
  db: Firestore,
  report: { taskId: string; managerId: string; text: string; outcome: ReportOutcome; at: string },
): Promise<{ taskId: string; clientId: string }> {
  const ref = db.collection(collections.tasks).doc(report.taskId);
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const task = snap.data() as HandoverTask | undefined;
    // Another manager's task reads as absent: nobody learns what was handed to a colleague.
    if (!task || task.managerId !== report.managerId) {
      throw new AppError('not-found', `task ${report.taskId} not found`, {
        issues: [{ path: 'taskId', message: 'no such task of yours' }],
        ...(task ? { cause: foreignTask } : {}),
      });
    }
    if (task.status === 'closed') return { taskId: task.id, clientId: task.clientId };
    appendHistory(tx, db, {
      type: 'report',
      clientId: task.clientId,
      at: report.at,
      by: report.managerId,
      taskId: task.id,
      text: report.text,
      outcome: report.outcome,
    });
    tx.update(ref, { status: 'closed', closedAt: report.at, outcome: report.outcome });
    return { taskId: task.id, clientId: task.clientId };
  });
}

needsIndex(collections.tasks, 'managerId', 'status', 'dueDate');
/** A manager's open report tasks, earliest deadline first. */
export async function listOpenTasks(db: Firestore, managerId: string): Promise<HandoverTask[]> {
  const snap = await db
    .collection(collections.tasks)
    .where('managerId', '==', managerId)
    .where('status', '==', 'open')
    .orderBy('dueDate')
    .get();
  return snap.docs.map((d) => d.data() as HandoverTask);
}

needsIndex(collections.tasks, 'status', 'overdue', 'dueDate');
/**
 * Daily: open tasks due before `day` (the company's today) are flagged on the task, at the instant
 * `at`, and raised to the admin as an `adminAlerts/{taskId}` record. Flagged tasks drop out of the
 * query, and the alert id is the task's, so running twice in a day changes nothing; the answer
 * counts what this run flagged and what earlier runs had.
 */
export async function flagOverdueReports(
  db: Firestore,
  input: { day: string; at: string },
): Promise<{ at: string; flagged: number; taskIds: string[]; alreadyFlagged: number }> {
  const { day, at } = input;
  const snap = await db
    .collection(collections.tasks)
    .where('status', '==', 'open')
    .where('overdue', '==', false)
    .where('dueDate', '<', day)
    .get();
  // One small transaction per task: the flag and the admin alert land together, and a task
  // closed between the query and the flag is left alone.
  const flagged: string[] = [];
  await forEachConcurrently(snap.docs, 8, async ({ ref }) => {
    const done = await db.runTransaction(async (tx) => {
      const task = (await tx.get(ref)).data() as HandoverTask | undefined;
      if (task?.status !== 'open' || task.overdue) return false;
      tx.update(ref, { overdue: true, overdueAt: at });
      tx.set(db.collection(collections.adminAlerts).doc(`overdue-report_${task.id}`), {
        type: 'overdue-report',
        taskId: task.id,
        clientId: task.clientId,
        managerId: task.managerId,
        dueDate: task.dueDate,
        at,
      });
      return true;
    });
    if (done) flagged.push(ref.id);
  });
  flagged.sort();
  // A repeated run flags nothing new and says how many an earlier run had flagged (one aggregation read).
  const overdue = await db
    .collection(collections.tasks)
    .where('status', '==', 'open')
    .where('overdue', '==', true)
    .where('dueDate', '<', day)
    .count()
    .get();
  return { at: day, flagged: flagged.length, taskIds: flagged, alreadyFlagged: overdue.data().count - flagged.length };
}
