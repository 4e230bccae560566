import type { Firestore } from 'firebase-admin/firestore';
import type { RotationReport } from '../core/rotation/report.ts';
import { checkManagerChange, checkOffboarding } from '../core/staff-changes.ts';
import type { Role } from '../schema/manager.ts';
import { changeManager, deactivateManager, type VersionedManager } from '../store/manager-store.ts';
import { offboardManager } from './rotation-job.ts';

type Actor = { by: string; at: string };

/** A change to a roster entry by an admin, who may not take away their own admin role. */
export function changeStaffMember(
  db: Firestore,
  input: { managerId: string; changes: { name?: string; level?: number; role?: Role; active?: true }; expectedVersion?: number },
  actor: Actor,
): Promise<VersionedManager> {
  checkManagerChange(actor.by, input.managerId, input.changes);
  return changeManager(db, input.managerId, input.changes, actor, input.expectedVersion);
}

export type OffboardingStart = { dryRun: true; plan: RotationReport } | { dryRun: false; handOn: () => Promise<RotationReport> };

/**
 * An admin offboards a colleague (never themselves). A dry run answers the plan; otherwise access
 * ends at once, on `day`, and what is left is handing the clients on: long work the caller runs as a job.
 */
export async function beginOffboarding(
  db: Firestore,
  input: { managerId: string; day: string; dryRun: boolean },
  actor: Actor,
): Promise<OffboardingStart> {
  checkOffboarding(actor.by, input.managerId);
  const run = { managerId: input.managerId, at: actor.at, by: actor.by };
  if (input.dryRun) return { dryRun: true, plan: (await offboardManager(db, { ...run, dryRun: true })).report };
  await deactivateManager(db, input.managerId, { day: input.day, ...actor });
  return { dryRun: false, handOn: async () => (await offboardManager(db, run)).report };
}
