import type { Firestore } from 'firebase-admin/firestore';
import { computeBonusMonth } from '../../../functions/src/operations/bonus-job.ts';
import { offboardManager, runRotation } from '../../../functions/src/operations/rotation-job.ts';
import { addMonthsToMonth } from '../../../functions/src/core/calendar.ts';
import { isAlreadyRunning } from '../../../functions/src/store/run-lease.ts';

/** The jobs the drills kill, each as the scheduler (or the admin) would start it on a given day. */
export type DrillJobSpec =
  | { kind: 'rotation'; day: string; movesPerBatch?: number }
  | { kind: 'offboarding'; day: string; managerId: string; movesPerBatch?: number }
  | { kind: 'bonuses'; months: string[] };

export const drillActor = 'scheduler';

/** How a drill's child reports each transaction it opens (see `transaction-log.ts`). */
export const transactionLinePrefix = 'drill-open-transaction ';

/** The scheduler's slot for a month's bonus run: 02:00 UTC on the 1st of the next month. */
export const bonusSlot = (month: string) => `${addMonthsToMonth(month, 1)}-01T02:00:00.000Z`;

/**
 * Runs the job to the end. `now` stands in for the delivery's clock: a rerun "ten minutes later"
 * (Cloud Scheduler's retry) finds a killed run's lease expired and takes the run over.
 */
export async function runDrillJob(db: Firestore, job: DrillJobSpec, now?: () => Date): Promise<void> {
  const options = { ...(now ? { now } : {}), ...(job.kind !== 'bonuses' && job.movesPerBatch ? { movesPerBatch: job.movesPerBatch } : {}) };
  if (job.kind === 'rotation') await runRotation(db, { at: job.day, dryRun: false, by: drillActor }, options);
  else if (job.kind === 'offboarding') await offboardManager(db, { managerId: job.managerId, at: job.day, by: drillActor }, options);
  else for (const month of job.months) await computeBonusMonth(db, { month, by: drillActor, at: bonusSlot(month) }, options);
}

/** Refused because another process holds the run (its lease) or its records (a transaction's locks, gRPC ABORTED). */
const heldElsewhere = (e: unknown) => isAlreadyRunning(e) || (e as { code?: unknown } | null)?.code === 10;

/**
 * What the next delivery does after a crash: run again at once, and if the dead run still held the
 * run or its records (refused), again ten minutes later, as Cloud Scheduler retries. By then the
 * dead run's lease has run out (the clock says ten minutes later) and so have the locks of its open
 * transactions: Cloud Firestore and the emulator expire them after 60 s idle. The drill rolls back
 * the ones the killed child reported; one it died before learning the id of is waited out here.
 */
export async function rerunAfterCrash(db: Firestore, job: DrillJobSpec): Promise<{ refusedAtOnce: boolean; waitedMs: number }> {
  try {
    await runDrillJob(db, job);
    return { refusedAtOnce: false, waitedMs: 0 };
  } catch (e) {
    if (!heldElsewhere(e)) throw e;
  }
  const started = Date.now();
  for (;;) {
    try {
      await runDrillJob(db, job, () => new Date(Date.now() + 10 * 60_000));
      return { refusedAtOnce: true, waitedMs: Date.now() - started };
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code !== 10 || Date.now() - started > 120_000) throw e;
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

/** The same job through the installed command line, as an admin would run it. */
export function cliArgs(job: DrillJobSpec, month?: string): string[] {
  if (job.kind === 'rotation') return ['rotate', '--at', job.day];
  if (job.kind === 'offboarding') return ['offboard', job.managerId, '--at', job.day];
  return ['bonuses', '--month', month ?? job.months[0]!];
}
