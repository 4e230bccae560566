import type { Firestore } from 'firebase-admin/firestore';
import type { RotationFairness } from '../../functions/src/core/rotation/fairness.ts';
import { runRotation } from '../../functions/src/operations/rotation-job.ts';
import { clientSchema } from '../../functions/src/schema/client.ts';
import type { NewHistoryEntry } from '../../functions/src/schema/history.ts';
import { appendHistory, createClient, recordDeal } from '../../functions/src/store/client-store.ts';
import { collections } from '../../functions/src/store/collections.ts';

const head = 'head@example.com';
const seeding = { by: 'seed', at: '2025-01-01T00:00:00.000Z' };

async function addManager(db: Firestore, id: string, extra: Record<string, unknown> = {}) {
  await db
    .collection(collections.managers)
    .doc(id)
    .set({ id, name: id === 'anna' ? 'Anna K.' : id, email: `${id}@example.com`, level: 1, active: true, role: 'manager', ...extra });
}

async function addClient(db: Firestore, id: string, managerId: string | null, assignedAt: string, large = false) {
  const client = {
    id,
    name: `Client ${id}`,
    kind: 'company',
    managerId,
    ...(managerId ? { assignedAt } : {}),
    ...(large ? { size: 'large' } : {}),
  };
  await createClient(db, clientSchema.parse(client), seeding);
}

async function deal(db: Firestore, id: string, clientId: string, date: string, profit: number, as: 'admin' | 'holder' = 'admin') {
  const by = as === 'admin' ? head : 'boris';
  await recordDeal(db, { id, clientId, managerId: 'boris', date, amount: profit * 2, profit }, { by, at: `${date}T09:00:00.000Z` }, {}, as);
}

async function touch(db: Firestore, clientId: string, by: string, at: string, type: 'contact' | 'note' = 'contact') {
  const batch = db.batch();
  const entry: NewHistoryEntry =
    type === 'contact' ? { type, clientId, at, by, channel: 'call', text: 'called' } : { type, clientId, at, by, text: 'a note' };
  appendHistory(batch, db, entry);
  await batch.commit();
}

/**
 * Two managers of one level and the head of sales; rotations on 2 March 2026 (anna gives a1 and the
 * large a2 to boris, boris gives b1 to anna, who is topped up with u1) and on 1 June 2026 (b2 to
 * anna, a3 to boris); then deals and touches whose figures `fairnessFigures` computes by hand.
 */
export async function seedFairnessCompany(db: Firestore): Promise<void> {
  await addManager(db, 'anna');
  await addManager(db, 'boris');
  await addManager(db, 'head', { role: 'admin', level: 9 });
  await addClient(db, 'a1', 'anna', '2025-01-10');
  await addClient(db, 'a2', 'anna', '2025-01-10', true);
  await addClient(db, 'b1', 'boris', '2025-01-10');
  await addClient(db, 'u1', null, '2025-01-10');
  await runRotation(db, { at: '2026-03-02', dryRun: false, by: head });
  await addClient(db, 'b2', 'boris', '2025-06-01');
  await addClient(db, 'a3', 'anna', '2025-06-01');
  await runRotation(db, { at: '2026-06-01', dryRun: false, by: head });

  await deal(db, 'd1', 'a1', '2026-04-01', 1000);
  await deal(db, 'd2', 'a1', '2026-10-01', 500); // past its six months (until 2 September)
  await deal(db, 'd3', 'a2', '2026-05-10', 3000);
  await deal(db, 'd4', 'a2', '2026-05-20', 2000, 'holder'); // awaiting confirmation: counts for nothing
  await deal(db, 'd5', 'b1', '2026-08-31', 700);
  await deal(db, 'd6', 'b2', '2026-11-10', 400);
  await deal(db, 'd7', 'a3', '2026-06-01', 900); // on the run day itself
  await touch(db, 'b1', 'anna', '2026-03-05T10:00:00.000Z', 'note');
  await touch(db, 'b1', 'boris', '2026-03-03T10:00:00.000Z'); // the giver, not the receiver
  await touch(db, 'u1', 'anna', '2026-03-20T08:00:00.000Z');
  await touch(db, 'b2', head, '2026-06-02T08:00:00.000Z', 'note'); // b2: never touched by anna
  await touch(db, 'a1', 'boris', '2026-03-02T21:30:00.000Z'); // 3 March in Moscow
  await touch(db, 'a2', 'boris', '2026-03-16T08:00:00.000Z'); // on the report deadline
  await touch(db, 'a3', 'boris', '2026-06-11T08:00:00.000Z', 'note');
}

/** The moves the two rotations make, as [client, from, to, reason]. */
export const fairnessMoves = [
  ['a1', 'anna', 'boris', 'no-deal-since-assignment'],
  ['a2', 'anna', 'boris', 'no-deal-since-assignment'],
  ['b1', 'boris', 'anna', 'no-deal-since-assignment'],
  ['u1', null, 'anna', 'top-up'],
  ['a3', 'anna', 'boris', 'no-deal-since-assignment'],
  ['b2', 'boris', 'anna', 'no-deal-since-assignment'],
];

/**
 * By hand, for 2026-01-01 to 2026-12-31 once every six months is over (after 1 December 2026):
 * anna received b1 (700), u1 (nothing), b2 (400) and gave a1 (1000), a2 (3000), a3 (900); boris the reverse.
 * First touch: anna b1 after 3 days, u1 after 18 (late), b2 never: median 10.5; boris a1 1, a2 14, a3 10: median 10.
 */
export const fairnessFigures: RotationFairness = {
  from: '2026-01-01',
  to: '2026-12-31',
  months: 6,
  runs: [
    { runId: 'rotation-2026-03-02', at: '2026-03-02', moves: 4 },
    { runId: 'rotation-2026-06-01', at: '2026-06-01', moves: 2 },
  ],
  managers: [
    {
      managerId: 'anna',
      name: 'Anna K.',
      given: { regular: 2, large: 1 },
      received: { regular: 2, large: 0, topUps: 1 },
      dealsAfter: {
        received: { clients: 3, withDeal: 2, deals: 2, profit: 1100, open: 0 },
        given: { clients: 3, withDeal: 3, deals: 3, profit: 4900, open: 0 },
      },
      firstTouch: { clients: 3, touched: 2, medianDays: 10.5, byDeadline: 1, shareByDeadline: 1 / 3 },
    },
    {
      managerId: 'boris',
      name: 'boris',
      given: { regular: 2, large: 0 },
      received: { regular: 2, large: 1, topUps: 0 },
      dealsAfter: {
        received: { clients: 3, withDeal: 3, deals: 3, profit: 4900, open: 0 },
        given: { clients: 2, withDeal: 2, deals: 2, profit: 1100, open: 0 },
      },
      firstTouch: { clients: 3, touched: 3, medianDays: 10, byDeadline: 3, shareByDeadline: 1 },
    },
  ],
};

/** `fairnessFigures` as the add-on's Rotation fairness sheet lays the managers out (money in roubles). */
export const fairnessSheetRows = [
  ['Anna K.', 'anna', 2, 1, 2, 0, 1, 2, 2, 11, 3, 3, 49, 2, 10.5, 1, 1 / 3],
  ['boris', 'boris', 2, 0, 2, 1, 0, 3, 3, 49, 2, 2, 11, 3, 10, 3, 1],
];
