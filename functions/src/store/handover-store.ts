import type { Firestore, Timestamp } from 'firebase-admin/firestore';
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
  /** Closed without a report because the client went to someone else: nobody can file it any more. */
  handedOn?: { to: string | null; runId?: string };
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
    const holder = task ? await holderOf(tx, db, task.clientId) : undefined;
    // Another manager's task reads as absent: nobody learns what was handed to a colleague.
    if (!task || task.managerId !== report.managerId || holder === undefined) {
      throw new AppError('not-found', `task ${report.taskId} not found`, {
        issues: [{ path: 'taskId', message: 'no such task of yours' }],
        ...(task ? { cause: foreignTask } : {}),
      });
    }
    // Their own task, but the client went on to someone else: only the client's holder reports on it.
    if (holder !== report.managerId || task.handedOn !== undefined) {
      throw new AppError('handed-on', `client ${task.clientId} was handed on to another manager: this report is no longer yours to file`, {
        issues: [{ path: 'taskId', message: 'the client of this task is no longer yours' }],
        cause: foreignTask,
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

/** Who holds the client now (null: nobody; undefined: no such client), read in the transaction. */
async function holderOf(tx: FirebaseFirestore.Transaction, db: Firestore, clientId: string): Promise<string | null | undefined> {
  const client = await tx.get(db.collection(collections.clients).doc(clientId));
  return client.exists ? ((client.get('managerId') as string | null | undefined) ?? null) : undefined;
}

/** An open report task as read before a hand-on: its close is written only if it is still this version. */
export type OpenReportTask = { id: string; updateTime: Timestamp };

/**
 * The open report tasks on these clients, by client, but `except` (the hand-on's own tasks): a
 * hand-on closes them in the same batch as the move (`closeHandedOnTask`). Report tasks are the
 * ones a run made (they carry its runId); other kinds of task are left to their own rules.
 */
export async function openReportTasksOn(
  db: Firestore,
  clientIds: readonly string[],
  except: ReadonlySet<string>,
): Promise<Map<string, OpenReportTask[]>> {
  const open = new Map<string, OpenReportTask[]>();
  // `in` takes at most 30 values; equalities only, so no composite index.
  for (let i = 0; i < clientIds.length; i += 30) {
    const chunk = clientIds.slice(i, i + 30);
    const snap = await db.collection(collections.tasks).where('clientId', 'in', chunk).where('status', '==', 'open').get();
    for (const d of snap.docs) {
      if (except.has(d.id) || typeof d.get('runId') !== 'string') continue;
      const clientId = d.get('clientId') as string;
      open.set(clientId, [...(open.get(clientId) ?? []), { id: d.id, updateTime: d.updateTime }]);
    }
  }
  return open;
}

/**
 * Closes a report task whose client was handed on: it leaves its holder's tasks, and the overdue
 * check passes it by. A report filed since it was read makes the batch fail, so it is never overwritten.
 */
export function closeHandedOnTask(
  batch: FirebaseFirestore.WriteBatch,
  db: Firestore,
  task: OpenReportTask,
  handOn: { at: string; to: string | null; runId: string },
): void {
  const closed: Partial<HandoverTask> = { status: 'closed', closedAt: handOn.at, handedOn: { to: handOn.to, runId: handOn.runId } };
  batch.update(db.collection(collections.tasks).doc(task.id), closed, { lastUpdateTime: task.updateTime });
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
      // A report nobody can file (the client went to someone else before hand-ons closed tasks) is closed, not raised.
      const holder = await holderOf(tx, db, task.clientId);
      if (holder !== task.managerId) {
        tx.update(ref, { status: 'closed', closedAt: at, handedOn: { to: holder ?? null } });
        return false;
      }
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
