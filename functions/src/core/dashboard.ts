import type { Manager } from '../schema/manager.ts';
import { addDaysToDay, addMonthsToMonth, monthRange, startOfCompanyDay } from './calendar.ts';

// The head of sales' dashboard as numbers: which months it covers, how a company month is counted
// exactly on date fields that hold bare days and UTC instants alike, and how the counts the store
// aggregated are laid out for the charts. Pure.

/** The last `count` months up to the one `today` falls in, oldest first. */
export function dashboardMonths(today: string, count: number): string[] {
  const last = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonthsToMonth(last, i - (count - 1)));
}

/**
 * How to count exactly the dates of a company month on a field holding bare days (`2026-03-01`)
 * and UTC instants (`2026-02-28T21:00:00.000Z`): count the string range `[from, until)` (the
 * month's first and next month's first instants), add the bare days the range misses and take away
 * those it catches by mistake. A bare day sorts just before the instants of its own UTC date, so
 * the range holds exactly the bare days after its lower bound's date up to its upper bound's date:
 * east of UTC that is the month itself, at UTC or west of it the first day is missed and the
 * next month's first day caught.
 */
export type MonthCount = { from: string; until: string; plusDays: string[]; minusDays: string[] };

export function monthCountRanges(month: string, timeZone: string): MonthCount {
  const days = monthRange(month);
  const from = startOfCompanyDay(days.from, timeZone);
  const until = startOfCompanyDay(days.until, timeZone);
  const caughtFrom = addDaysToDay(from.slice(0, 10), 1);
  const caughtUntil = until.slice(0, 10);
  const plusDays: string[] = [];
  for (let d = days.from; d < caughtFrom && d < days.until; d = addDaysToDay(d, 1)) plusDays.push(d);
  const minusDays: string[] = [];
  for (let d = days.until > caughtFrom ? days.until : caughtFrom; d <= caughtUntil; d = addDaysToDay(d, 1)) minusDays.push(d);
  return { from, until, plusDays, minusDays };
}

/** What the store counted, keyed by manager id and month. Money in kopecks. */
export type DashboardCounts = {
  clients: ReadonlyMap<string, number>;
  unassigned: number;
  attracted: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Per month and manager: the clients they marked lost that month (parking shows). */
  lostMarks: ReadonlyMap<string, ReadonlyMap<string, number>>;
  moves: ReadonlyMap<string, { rotation: number; offboarding: number }>;
  bonuses: ReadonlyMap<string, { payable: number; pending: number; cancelled: number }>;
  overdue: ReadonlyMap<string, number>;
};

export type DashboardManager = { id: string; name: string; level: number; active: boolean };

export type Dashboard = {
  asOf: string;
  timeZone: string;
  months: string[];
  /** Sales managers, most senior level first, then by name; one who left shows while they still count for something. */
  managers: DashboardManager[];
  levels: number[];
  clients: Array<{ managerId: string; level: number; count: number }>;
  unassigned: number;
  attracted: Array<{ month: string; byManager: Record<string, number>; total: number }>;
  /** Clients each manager marked lost per month (the last mark of each client, kept after a reinstatement). */
  lostMarked: Array<{ month: string; byManager: Record<string, number>; total: number }>;
  moves: Array<{ month: string; rotation: number; offboarding: number }>;
  bonuses: Array<{ month: string; payable: number; pending: number; cancelled: number }>;
  overdue: Array<{ managerId: string; count: number }>;
};

/** Sales managers the dashboard counts for: every one on the roster (admins hold no book). */
export function dashboardStaff(roster: ReadonlyArray<Manager>): Manager[] {
  return roster.filter((m) => m.role !== 'admin');
}

export function shapeDashboard(input: {
  asOf: string;
  timeZone: string;
  months: string[];
  roster: ReadonlyArray<Manager>;
  counts: DashboardCounts;
}): Dashboard {
  const { months, counts } = input;
  const inMonths = (perMonth: DashboardCounts['attracted'], id: string) => months.reduce((n, m) => n + (perMonth.get(m)?.get(id) ?? 0), 0);
  const counted = (m: Manager) =>
    m.active ||
    (counts.clients.get(m.id) ?? 0) > 0 ||
    inMonths(counts.attracted, m.id) > 0 ||
    inMonths(counts.lostMarks, m.id) > 0 ||
    (counts.overdue.get(m.id) ?? 0) > 0;
  const managers = dashboardStaff(input.roster)
    .filter(counted)
    .sort((a, b) => b.level - a.level || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
    .map((m) => ({ id: m.id, name: m.name, level: m.level, active: m.active }));
  return {
    asOf: input.asOf,
    timeZone: input.timeZone,
    months,
    managers,
    levels: [...new Set(managers.map((m) => m.level))].sort((a, b) => a - b),
    clients: managers.map((m) => ({ managerId: m.id, level: m.level, count: counts.clients.get(m.id) ?? 0 })),
    unassigned: counts.unassigned,
    attracted: byManagerPerMonth(months, managers, counts.attracted),
    lostMarked: byManagerPerMonth(months, managers, counts.lostMarks),
    moves: months.map((month) => ({
      month,
      rotation: counts.moves.get(month)?.rotation ?? 0,
      offboarding: counts.moves.get(month)?.offboarding ?? 0,
    })),
    bonuses: months.map((month) => ({ month, payable: 0, pending: 0, cancelled: 0, ...counts.bonuses.get(month) })),
    overdue: managers.map((m) => ({ managerId: m.id, count: counts.overdue.get(m.id) ?? 0 })),
  };
}

function byManagerPerMonth(
  months: readonly string[],
  managers: ReadonlyArray<DashboardManager>,
  perMonth: DashboardCounts['attracted'],
): Array<{ month: string; byManager: Record<string, number>; total: number }> {
  return months.map((month) => {
    const byManager = Object.fromEntries(managers.map((m) => [m.id, perMonth.get(month)?.get(m.id) ?? 0]));
    return { month, byManager, total: Object.values(byManager).reduce((n, c) => n + c, 0) };
  });
}
