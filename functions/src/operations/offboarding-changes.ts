import type { Firestore } from 'firebase-admin/firestore';
import { contactChangesSince, type ContactChange } from '../core/destructive-edit.ts';
import type { RotationReport } from '../core/rotation/report.ts';
import { readHistorySince } from '../store/client-edit-store.ts';
import { mapConcurrently } from '../worker-pool.ts';

/** How far back a hand-on looks for changed contacts: a leaver's last week. */
export const recentChangeDays = 7;

/** An offboarding's report with the leaver's clients whose phones or e-mails changed in the week before `at`. */
export type OffboardingReport = RotationReport & { recentContactChanges: ContactChange[] };

/**
 * The clients an offboarding hands on (moved or skipped) whose contacts changed in the last
 * `recentChangeDays` before `at`: the head of sales checks them before the new holders call, and
 * restores any wiped from its history.
 */
export async function withRecentContactChanges(db: Firestore, report: RotationReport, at: string): Promise<OffboardingReport> {
  const since = new Date(Date.parse(at) - recentChangeDays * 86_400_000).toISOString();
  const clientIds = [...new Set([...report.moves.map((m) => m.clientId), ...report.skipped.map((s) => s.clientId)])].sort();
  const changes = await mapConcurrently(clientIds, 8, async (id) => contactChangesSince(await readHistorySince(db, id, since), since));
  return { ...report, recentContactChanges: changes.flat() };
}
