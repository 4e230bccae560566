import { AggregateField, type Firestore, type Query } from 'firebase-admin/firestore';
import { monthRange } from '../core/calendar.ts';
import { monthCountRanges, type DashboardCounts } from '../core/dashboard.ts';
import { collections } from './collections.ts';
import { needsIndex } from './query-indexes.ts';

// The dashboard's numbers, counted by Firestore itself: aggregation queries (count, sum) over
// indexed fields, one per manager and month where a chart needs it. Nothing of the base is read
// into memory, so the cost grows with managers × months, not with the number of clients.

/** Aggregations in flight at once: enough to hide latency, few enough not to queue at the backend. */
const inFlight = 16;

/** Runs at most `inFlight` of the functions it is given at a time, in the order they come. */
function limiter(): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (running >= inFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

type Gate = ReturnType<typeof limiter>;

const count = (gate: Gate, q: Query): Promise<number> => gate(async () => (await q.count().get()).data().count);

needsIndex(collections.clients, 'attractedBy', 'firstDealAt');
/** Clients attracted by a manager whose first deal falls in a company month (as the attraction bonus counts them). */
async function attractedIn(db: Firestore, gate: Gate, managerId: string, month: string, timeZone: string): Promise<number> {
  const byManager = db.collection(collections.clients).where('attractedBy', '==', managerId);
  const r = monthCountRanges(month, timeZone);
  const parts = await Promise.all([
    count(gate, byManager.where('firstDealAt', '>=', r.from).where('firstDealAt', '<', r.until)),
    ...r.plusDays.map((d) => count(gate, byManager.where('firstDealAt', '==', d))),
    ...r.minusDays.map(async (d) => -(await count(gate, byManager.where('firstDealAt', '==', d)))),
  ]);
  return parts.reduce((n, c) => n + c, 0);
}

// A sum is computed from index entries: the summed field ends the index.
needsIndex(collections.rotationRuns, 'kind', 'at', 'counts.moved');
/** Clients moved by the rotation runs or offboardings of a month (runs are keyed by their company day). */
async function movedIn(db: Firestore, gate: Gate, kind: 'rotation' | 'offboarding', month: string): Promise<number> {
  const { from, until } = monthRange(month);
  const q = db.collection(collections.rotationRuns).where('kind', '==', kind).where('at', '>=', from).where('at', '<', until);
  return gate(async () => ((await q.aggregate({ moved: AggregateField.sum('counts.moved') }).get()).data().moved as number | null) ?? 0);
}

needsIndex(collections.statements, 'month', 'totals.payable', 'totals.pending', 'totals.cancelled');
async function bonusesOf(db: Firestore, gate: Gate, month: string): Promise<{ payable: number; pending: number; cancelled: number }> {
  const q = db.collection(collections.statements).where('month', '==', month);
  const sums = await gate(async () =>
    (
      await q
        .aggregate({
          payable: AggregateField.sum('totals.payable'),
          pending: AggregateField.sum('totals.pending'),
          cancelled: AggregateField.sum('totals.cancelled'),
        })
        .get()
    ).data(),
  );
  return {
    payable: (sums.payable as number | null) ?? 0,
    pending: (sums.pending as number | null) ?? 0,
    cancelled: (sums.cancelled as number | null) ?? 0,
  };
}

needsIndex(collections.clients, 'lostMark.by', 'lostMark.month');
/** Clients a manager marked lost in a company month: the mark carries its month, so one count per manager and month. */
const markedLostIn = (db: Firestore, gate: Gate, managerId: string, month: string): Promise<number> =>
  count(gate, db.collection(collections.clients).where('lostMark.by', '==', managerId).where('lostMark.month', '==', month));

needsIndex(collections.tasks, 'managerId', 'status', 'dueDate');
export async function readDashboardCounts(
  db: Firestore,
  input: { managerIds: readonly string[]; months: readonly string[]; timeZone: string; today: string },
): Promise<DashboardCounts> {
  const { managerIds, months, timeZone, today } = input;
  const clients = db.collection(collections.clients);
  const tasks = db.collection(collections.tasks);
  const gate = limiter();
  const each = <T>(items: readonly string[], fn: (item: string) => Promise<T>) => Promise.all(items.map(fn));
  const perManagerAndMonth = (fn: (id: string, month: string) => Promise<number>) =>
    Promise.all(months.flatMap((month) => managerIds.map((id) => fn(id, month))));
  const [held, unassigned, attracted, lostMarks, rotation, offboarding, bonuses, overdue] = await Promise.all([
    each(managerIds, (id) => count(gate, clients.where('managerId', '==', id))),
    count(gate, clients.where('managerId', '==', null)),
    perManagerAndMonth((id, month) => attractedIn(db, gate, id, month, timeZone)),
    perManagerAndMonth((id, month) => markedLostIn(db, gate, id, month)),
    each(months, (month) => movedIn(db, gate, 'rotation', month)),
    each(months, (month) => movedIn(db, gate, 'offboarding', month)),
    each(months, (month) => bonusesOf(db, gate, month)),
    each(managerIds, (id) => count(gate, tasks.where('managerId', '==', id).where('status', '==', 'open').where('dueDate', '<', today))),
  ]);
  return {
    clients: new Map(managerIds.map((id, i) => [id, held[i]!])),
    unassigned,
    attracted: perMonthMaps(months, managerIds, attracted),
    lostMarks: perMonthMaps(months, managerIds, lostMarks),
    moves: new Map(months.map((month, i) => [month, { rotation: rotation[i]!, offboarding: offboarding[i]! }])),
    bonuses: new Map(months.map((month, i) => [month, bonuses[i]!])),
    overdue: new Map(managerIds.map((id, i) => [id, overdue[i]!])),
  };
}

/** Counts made month by month, manager by manager, as maps by month and manager. */
function perMonthMaps(months: readonly string[], managerIds: readonly string[], counts: number[]): Map<string, Map<string, number>> {
  return new Map(months.map((month, m) => [month, new Map(managerIds.map((id, i) => [id, counts[m * managerIds.length + i]!]))]));
}
