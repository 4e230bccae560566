import type { Firestore } from 'firebase-admin/firestore';
import { describeChainProblem, verifyChains, type ChainReport } from '../core/audit-chain.ts';
import { readAuditChains } from '../store/audit-store.ts';

export type AuditVerification = ChainReport & { lines: string[] };

/** Checks every audit chain in the base: read the entries and heads, check them, say each problem in words. */
export async function verifyAuditTrail(db: Firestore): Promise<AuditVerification> {
  const { entries, unchainedIds, heads } = await readAuditChains(db);
  const report = verifyChains(entries, unchainedIds, heads);
  return { ...report, lines: report.problems.map(describeChainProblem) };
}
