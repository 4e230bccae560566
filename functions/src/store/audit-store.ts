import { randomUUID } from 'node:crypto';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { collections } from './collections.ts';

/** Who did what to which data: every export, admin action and refused access (MISSION §5). */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  target?: string;
  details?: Record<string, unknown>;
};

function auditId(at: string): string {
  return `${at.replace(/[^0-9]/g, '').padEnd(17, '0').slice(0, 17)}-${randomUUID().slice(0, 8)}`;
}

export async function writeAudit(db: Firestore, entry: AuditEntry): Promise<string> {
  const id = auditId(entry.at);
  await db.collection(collections.audit).doc(id).create(entry);
  return id;
}

/** The same, inside a transaction, so the action and its audit entry land together. */
export function writeAuditInTransaction(tx: Transaction, db: Firestore, entry: AuditEntry): string {
  const id = auditId(entry.at);
  tx.create(db.collection(collections.audit).doc(id), entry);
  return id;
}
