import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { collections, timeOrderedId } from './collections.ts';

/** Who did what to which data: every export, admin action and refused access (MISSION §5). */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  target?: string;
  details?: Record<string, unknown>;
};

export async function writeAudit(db: Firestore, entry: AuditEntry): Promise<string> {
  const id = timeOrderedId(entry.at);
  await db.collection(collections.audit).doc(id).create(entry);
  return id;
}

/** The same, inside a transaction, so the action and its audit entry land together. */
export function writeAuditInTransaction(tx: Transaction, db: Firestore, entry: AuditEntry): string {
  const id = timeOrderedId(entry.at);
  tx.create(db.collection(collections.audit).doc(id), entry);
  return id;
}
