import type { Firestore } from 'firebase-admin/firestore';
import { checkManagerChange, checkOffboarding } from '../core/staff-changes.ts';
import type { Absence, Role } from '../schema/manager.ts';
import { changeManager, deactivateManager, type VersionedManager } from '../store/manager-store.ts';
import { withRecentContactChanges, type OffboardingReport } from './offboarding-changes.ts';
import { offboardManager } from './rotation-job.ts';

type Actor = { by: string; at: string };

/** A change to a roster entry by an admin, who may not take away their own admin role. */
export function changeStaffMember(
  db: Firestore,
  input: {
    managerId: string;
    changes: { name?: string; level?: number; role?: Role; active?: true; absences?: Absence[] };
    expectedVersion?: number;
  },
  actor: Actor,
): Promise<VersionedManager> {
  checkManagerChange(actor.by, input.managerId, input.changes);
  return changeManager(db, input.managerId, input.changes, actor, input.expectedVersion);
}

export type OffboardingStart = { dryRun: true; plan: OffboardingReport } | { dryRun: false; handOn: () => Promise<OffboardingReport> };

/**
 * An admin offboards a colleague (never themselves). A dry run answers the plan; otherwise access
 * ends at once, on `day`, and what is left is handing the clients on: long work the caller runs as a job.
 * Either report lists the leaver's clients whose contacts changed in their last week.
 */
export async function beginOffboarding(
  db: Firestore,
  input: { managerId: string; day: string; dryRun: boolean },
  actor: Actor,
): Promise<OffboardingStart> {
  checkOffboarding(actor.by, input.managerId);
  const run = { managerId: input.managerId, at: actor.at, by: actor.by };
  if (input.dryRun) {
    const plan = (await offboardManager(db, { ...run, dryRun: true })).report;
    return { dryRun: true, plan: await withRecentContactChanges(db, plan, actor.at) };
  }
  await deactivateManager(db, input.managerId, { day: input.day, ...actor });
  return { dryRun: false, handOn: async () => withRecentContactChanges(db, (await offboardManager(db, run)).report, actor.at) };
}
