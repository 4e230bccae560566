import type { Firestore } from 'firebase-admin/firestore';
import type { TodayClient, TodayTask } from '../core/today.ts';
import { collections } from './collections.ts';
import type { HandoverTask } from './handover-store.ts';
import { needsIndex } from './query-indexes.ts';

const todayFields = [
  'id',
  'name',
  'managerId',
  'assignedAt',
  'attractedBy',
  'dealsSinceAssignment',
  'lastDealAt',
  'rotatable',
  'formerHolders',
  'nextContactOn',
] as const;

const asClients = (snap: FirebaseFirestore.QuerySnapshot): TodayClient[] => snap.docs.map((d) => d.data() as TodayClient);

/** The manager's clients assigned since `since` (received lately). */
export async function clientsAssignedSince(db: Firestore, managerId: string, since: string): Promise<TodayClient[]> {
  const query = db.collection(collections.clients).where('managerId', '==', managerId).where('assignedAt', '>=', since);
  return asClients(await query.select(...todayFields).get());
}

needsIndex(collections.clients, 'managerId', 'dealsSinceAssignment', 'assignedAt');
/**
 * The manager's clients that may be stale soon: held since before `heldBefore` with no deal since,
 * or with a last deal before `dealBefore` (the few a healthy book has, not the whole book).
 */
export async function clientsStaleSoon(
  db: Firestore,
  managerId: string,
  cutoffs: { heldBefore: string; dealBefore: string },
): Promise<TodayClient[]> {
  const mine = db.collection(collections.clients).where('managerId', '==', managerId);
  const [quiet, old] = await Promise.all([
    mine
      .where('dealsSinceAssignment', '==', 0)
      .where('assignedAt', '<', cutoffs.heldBefore)
      .select(...todayFields)
      .get(),
    mine
      .where('lastDealAt', '<', cutoffs.dealBefore)
      .select(...todayFields)
      .get(),
  ]);
  const byId = new Map<string, TodayClient>();
  for (const c of [...asClients(quiet), ...asClients(old)]) byId.set(c.id, c);
  return [...byId.values()];
}

needsIndex(collections.clients, 'managerId', 'nextContactOn');
/** The manager's clients whose next contact is due on `today` or earlier. */
export async function contactsDueBy(db: Firestore, managerId: string, today: string): Promise<TodayClient[]> {
  const query = db.collection(collections.clients).where('managerId', '==', managerId).where('nextContactOn', '<=', today);
  return asClients(await query.select(...todayFields).get());
}

/** The manager's report tasks, open or closed, on these clients (equalities only: no composite index). */
export async function tasksOn(db: Firestore, managerId: string, clientIds: readonly string[]): Promise<TodayTask[]> {
  const out: TodayTask[] = [];
  for (let i = 0; i < clientIds.length; i += 30) {
    const snap = await db
      .collection(collections.tasks)
      .where('clientId', 'in', clientIds.slice(i, i + 30))
      .where('managerId', '==', managerId)
      .get();
    for (const d of snap.docs) out.push(d.data() as HandoverTask);
  }
  return out;
}

/** Names of these managers, as the roster has them (unknown ids are left out). */
export async function managerNames(db: Firestore, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  if (unique.length === 0) return names;
  const snaps = await db.getAll(...unique.map((id) => db.collection(collections.managers).doc(id)));
  for (const snap of snaps) if (snap.exists) names.set(snap.id, String(snap.get('name')));
  return names;
}
