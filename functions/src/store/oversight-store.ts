import type { Firestore } from 'firebase-admin/firestore';
import type { OpenTask } from '../core/oversight.ts';
import { collections } from './collections.ts';
import { needsIndex } from './query-indexes.ts';

// What the head of sales reads to watch the department: open handover tasks past their day,
// clients' names for the plans and statements the admin sheets show, a bonus month's record.

needsIndex(collections.tasks, 'status', 'dueDate');
/** Open handover tasks due before `today` (a company day), earliest first: one indexed query. */
export async function readOverdueTasks(db: Firestore, today: string): Promise<OpenTask[]> {
  const snap = await db.collection(collections.tasks).where('status', '==', 'open').where('dueDate', '<', today).orderBy('dueDate').get();
  return snap.docs.map((d) => {
    const t = d.data();
    return {
      id: d.id,
      clientId: t.clientId as string,
      managerId: t.managerId as string,
      from: (t.from as string | null | undefined) ?? null,
      reason: String(t.reason),
      dueDate: t.dueDate as string,
    };
  });
}

/** Names (and holders) of the given clients; ids that are not clients are left out. Only the two fields are read. */
export async function readClientNames(
  db: Firestore,
  ids: readonly string[],
): Promise<Map<string, { name: string; managerId: string | null }>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, { name: string; managerId: string | null }>();
  for (let i = 0; i < unique.length; i += 500) {
    const refs = unique.slice(i, i + 500).map((id) => db.collection(collections.clients).doc(id));
    const snaps = await db.getAll(...refs, { fieldMask: ['name', 'managerId'] });
    for (const s of snaps)
      if (s.exists)
        out.set(s.id, { name: String(s.get('name') ?? ''), managerId: (s.get('managerId') as string | null | undefined) ?? null });
  }
  return out;
}

export type BonusMonthRecord = {
  closed?: boolean;
  closedAt?: string;
  closedBy?: string;
  computedAt?: string;
  computedBy?: string;
  rulesVersion?: number;
};

/** `bonusMonths/{month}`: whether it is closed, when and by whom, and the run that computed it. */
export async function readBonusMonthRecord(db: Firestore, month: string): Promise<BonusMonthRecord | undefined> {
  const snap = await db.collection(collections.bonusMonths).doc(month).get();
  return snap.exists ? (snap.data() as BonusMonthRecord) : undefined;
}
