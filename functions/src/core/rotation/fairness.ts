import type { DealStatus } from '../../schema/deal.ts';
import { dealCounts } from '../bonus/deal-of-record.ts';
import { addMonthsToDay, companyDay, daysBetween } from '../calendar.ts';
import type { MoveReason } from './types.ts';

// Is rotation fair, in numbers: per manager over a period, what each gave and received, what those
// clients bought afterwards, and how soon the receiver first touched them. "Why does she always get
// the good ones" is answered from deals of record, not impressions.

/** Months after the run day in which a moved client's confirmed deals are counted. */
export const fairnessMonths = 6;
/** The longest period one report covers. */
export const maxFairnessDays = 366;

/** A move a rotation made (never an offboarding's): `large` is the client's size as the report reads it. */
export type FairnessMove = {
  runId: string;
  at: string;
  clientId: string;
  from: string | null;
  to: string;
  reason: MoveReason;
  reportDue: string;
  large: boolean;
};
export type FairnessDeal = { clientId: string; date: string; profit: number; status?: DealStatus | undefined };
/** A contact, note or deal in a client's history: who made it, when (an instant or a day). */
export type FairnessTouch = { clientId: string; at: string; by: string };

export type FairnessInput = {
  from: string;
  to: string;
  /** The company's today: a window not over by then is still open. */
  today: string;
  timeZone: string;
  moves: ReadonlyArray<FairnessMove>;
  deals: ReadonlyArray<FairnessDeal>;
  touches: ReadonlyArray<FairnessTouch>;
  /** The rotations applied in the period, listed even when they moved nobody. */
  runs: ReadonlyArray<{ runId: string; at: string }>;
  names?: ReadonlyMap<string, string>;
};

/** Confirmed deals in the `fairnessMonths` after the run day on a group of moved clients. */
export type DealsAfter = { clients: number; withDeal: number; deals: number; profit: number; open: number };
export type FirstTouch = {
  clients: number;
  touched: number;
  /** Median calendar days from the run day to the receiver's first contact, note or deal; null when none touched. */
  medianDays: number | null;
  /** Touched on or before the report deadline, and that share of the clients received. */
  byDeadline: number;
  shareByDeadline: number | null;
};
export type ManagerFairness = {
  managerId: string;
  name: string | null;
  /** Handed to colleagues by rotation; top-ups have no giver. */
  given: { regular: number; large: number };
  /** From colleagues by rotation, regular and large apart; unassigned clients topped up apart (any size). */
  received: { regular: number; large: number; topUps: number };
  dealsAfter: { received: DealsAfter; given: DealsAfter };
  firstTouch: FirstTouch;
};
export type RotationFairness = {
  from: string;
  to: string;
  months: number;
  runs: Array<{ runId: string; at: string; moves: number }>;
  managers: ManagerFairness[];
};

/** The middle value; with an even count, the mean of the two middle ones. */
export function median(values: ReadonlyArray<number>): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Why a period cannot be reported on (the parameter at fault), or undefined when it can. */
export function fairnessPeriodProblem(from: string, to: string): { field: 'from' | 'to'; message: string } | undefined {
  if (from > to) return { field: 'to', message: `must not be before from (${from})` };
  if (daysBetween(from, to) + 1 > maxFairnessDays) return { field: 'to', message: `the period may span at most ${maxFairnessDays} days` };
  return undefined;
}

const emptyDeals = (): DealsAfter => ({ clients: 0, withDeal: 0, deals: 0, profit: 0, open: 0 });

function groupBy<T>(items: ReadonlyArray<T>, key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function rotationFairness(input: FairnessInput): RotationFairness {
  const { timeZone } = input;
  const moves = input.moves.filter((m) => m.reason !== 'offboarding' && m.at >= input.from && m.at <= input.to);
  moves.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  const dealsOf = groupBy(
    input.deals.filter((d) => dealCounts(d)),
    (d) => d.clientId,
  );
  const touchesOf = groupBy(input.touches, (t) => t.clientId);
  const movesOf = groupBy(moves, (m) => m.clientId);

  const rows = new Map<string, ManagerFairness & { days: number[] }>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r)
      rows.set(
        id,
        (r = {
          managerId: id,
          name: input.names?.get(id) ?? null,
          given: { regular: 0, large: 0 },
          received: { regular: 0, large: 0, topUps: 0 },
          dealsAfter: { received: emptyDeals(), given: emptyDeals() },
          firstTouch: { clients: 0, touched: 0, medianDays: null, byDeadline: 0, shareByDeadline: null },
          days: [],
        }),
      );
    return r;
  };
  const addDeals = (group: DealsAfter, m: FairnessMove) => {
    const until = addMonthsToDay(m.at, fairnessMonths);
    const inWindow = (dealsOf.get(m.clientId) ?? []).filter((d) => {
      const day = companyDay(d.date, timeZone);
      return day >= m.at && day < until;
    });
    group.clients++;
    if (until > input.today) group.open++;
    if (inWindow.length > 0) group.withDeal++;
    group.deals += inWindow.length;
    group.profit += inWindow.reduce((sum, d) => sum + d.profit, 0);
  };

  for (const m of moves) {
    const receiver = row(m.to);
    if (m.from === null) receiver.received.topUps++;
    else {
      const giver = row(m.from);
      if (m.large) giver.given.large++;
      else giver.given.regular++;
      if (m.large) receiver.received.large++;
      else receiver.received.regular++;
      addDeals(giver.dealsAfter.given, m);
    }
    addDeals(receiver.dealsAfter.received, m);

    // The receiver's own first touch, while the client is still theirs (before its next move).
    const next = movesOf.get(m.clientId)!.find((o) => o.at > m.at);
    const touchDays = (touchesOf.get(m.clientId) ?? [])
      .filter((t) => t.by === m.to)
      .map((t) => companyDay(t.at, timeZone))
      .filter((day) => day >= m.at && (next === undefined || day < next.at))
      .sort();
    receiver.firstTouch.clients++;
    const first = touchDays[0];
    if (first === undefined) continue;
    receiver.firstTouch.touched++;
    receiver.days.push(daysBetween(m.at, first));
    if (first <= m.reportDue) receiver.firstTouch.byDeadline++;
  }

  const managers = [...rows.values()]
    .sort((a, b) => (a.managerId < b.managerId ? -1 : 1))
    .map(({ days, ...r }) => ({
      ...r,
      firstTouch: {
        ...r.firstTouch,
        medianDays: median(days),
        shareByDeadline: r.firstTouch.clients === 0 ? null : r.firstTouch.byDeadline / r.firstTouch.clients,
      },
    }));
  const byRun = groupBy(moves, (m) => m.runId);
  const runs = [...input.runs]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((r) => ({ runId: r.runId, at: r.at, moves: byRun.get(r.runId)?.length ?? 0 }));
  return { from: input.from, to: input.to, months: fairnessMonths, runs, managers };
}
