import type { Firestore } from 'firebase-admin/firestore';
import { nowIfToday } from '../core/calendar.ts';
import { AppError } from '../errors.ts';
import { readManager } from '../store/manager-store.ts';
import { readRules } from '../store/rules-store.ts';
import { withRecentContactChanges, type OffboardingReport } from './offboarding-changes.ts';
import { offboardManager, runRotation, type RunOutcome } from './rotation-job.ts';

/** A run for a day given on the command line: today's happens now (history sorts by the instant); times are shown in `timeZone`. */
export type DayRun = RunOutcome & { timeZone: string };

/** A rotation for `day` (a second run for the same day moves nothing). */
export async function rotateOnDay(db: Firestore, input: { day: string; now: Date; by: string; dryRun: boolean }): Promise<DayRun> {
  const { timeZone } = (await readRules(db)).rules;
  const outcome = await runRotation(db, { at: nowIfToday(input.day, timeZone, input.now), dryRun: input.dryRun, by: input.by });
  return { ...outcome, timeZone };
}

/**
 * Offboarding from the command line: a mistyped id is the user's to fix, refused naming the
 * argument. The report lists the leaver's clients whose contacts changed in their last week.
 */
export async function offboardOnDay(
  db: Firestore,
  input: { managerId: string; day?: string; now: Date; by: string; dryRun: boolean; field: string },
): Promise<DayRun & { report: OffboardingReport }> {
  if ((await readManager(db, input.managerId)) === undefined) {
    throw new AppError('invalid-input', `no manager ${input.managerId}`, {
      issues: [{ path: input.field, message: 'no such manager on the roster' }],
    });
  }
  const { timeZone } = (await readRules(db)).rules;
  const at = input.day === undefined ? input.now.toISOString() : nowIfToday(input.day, timeZone, input.now);
  const outcome = await offboardManager(db, { managerId: input.managerId, at, by: input.by, dryRun: input.dryRun });
  return { ...outcome, report: await withRecentContactChanges(db, outcome.report, at), timeZone };
}
