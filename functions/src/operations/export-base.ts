import type { Firestore } from 'firebase-admin/firestore';
import { writeAudit } from '../store/audit-store.ts';
import { exportSnapshot, type Snapshot } from '../store/snapshot-export.ts';

/** The whole base as a snapshot (the import format); taking the whole base out is audit-logged. */
export async function exportBase(db: Firestore, actor: { by: string; at: string }): Promise<Snapshot> {
  const snapshot = await exportSnapshot(db);
  await writeAudit(db, {
    at: actor.at,
    actor: actor.by,
    action: 'export-base',
    outcome: 'ok',
    details: { clients: snapshot.clients.length, deals: snapshot.deals.length },
  });
  return snapshot;
}
