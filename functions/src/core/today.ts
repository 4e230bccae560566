import type { ClientDoc } from '../schema/client.ts';
import type { RotationRules } from '../schema/rules-config.ts';
import type { HandoverTask } from '../store/handover-store.ts';
import { addDaysToDay, addMonthsToDay, companyDay, daysBetween } from './calendar.ts';
import { rotationDueOn } from './rotation/staleness.ts';

/** How far back the Today sheet looks for clients the holder received. */
export const newToMeDays = 14;

/** A client the holder will lose to the next rotation unless a confirmed deal of at least `minDealAmount` comes before `dueOn`. */
export type AboutToRotate = {
  clientId: string;
  name: string;
  dueOn: string;
  daysLeft: number;
  keptBy: { dealBefore: string; minDealAmount: number };
};
export type ReportDue = { taskId: string; clientId: string; name: string | null; dueDate: string; overdue: boolean };
export type FollowUp = { clientId: string; name: string; nextContactOn: string };
export type ReceivedHow = 'rotation' | 'offboarding' | 'intake' | 'reassigned';
export type NewToMe = {
  clientId: string;
  name: string;
  receivedOn: string;
  how: ReceivedHow;
  from: { id: string; name: string | null } | null;
  reportDueOn: string | null;
};

/** `GET /today`: what the caller should do now, in four lists. */
export type TodayLists = {
  today: string;
  warnDays: number;
  aboutToRotate: AboutToRotate[];
  reportsDue: ReportDue[];
  followUps: FollowUp[];
  newToMe: NewToMe[];
};

export type TodayClient = Pick<
  ClientDoc,
  | 'id'
  | 'name'
  | 'managerId'
  | 'assignedAt'
  | 'attractedBy'
  | 'dealsSinceAssignment'
  | 'lastDealAt'
  | 'rotatable'
  | 'formerHolders'
  | 'nextContactOn'
>;
export type TodayTask = Pick<HandoverTask, 'id' | 'clientId' | 'from' | 'reason' | 'dueDate' | 'createdAt'> & {
  clientName?: string | null;
};

export type TodayInput = {
  managerId: string;
  today: string;
  timeZone: string;
  rotation: Pick<RotationRules, 'holdMonths' | 'noDealMonths' | 'warnDays' | 'minDealAmount'>;
  /** Clients of the manager that may become candidates soon (any superset will do: the rule decides). */
  heldLong: readonly TodayClient[];
  /** Clients of the manager whose next contact may be due (any superset will do). */
  contactsDue: readonly TodayClient[];
  /** Clients assigned to the manager lately (any superset will do). */
  assignedLately: readonly TodayClient[];
  openTasks: readonly TodayTask[];
  /** The manager's report tasks made lately, open or not: they say how a client came and from whom. */
  recentTasks: readonly TodayTask[];
  managerNames: ReadonlyMap<string, string>;
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mine = (input: TodayInput) => (c: TodayClient) => c.managerId === input.managerId;

/** The day rotation takes each of the manager's clients, for those it takes within `warnDays` (or already would). */
function aboutToRotate(input: TodayInput): AboutToRotate[] {
  const horizon = addDaysToDay(input.today, input.rotation.warnDays);
  const out: AboutToRotate[] = [];
  for (const c of input.heldLong.filter(mine(input))) {
    const dueOn = rotationDueOn(c, input.rotation);
    if (dueOn === null || dueOn > horizon) continue;
    const daysLeft = Math.max(0, daysBetween(input.today, dueOn));
    out.push({ clientId: c.id, name: c.name, dueOn, daysLeft, keptBy: { dealBefore: dueOn, minDealAmount: input.rotation.minDealAmount } });
  }
  return out.sort((a, b) => byText(a.dueOn, b.dueOn) || byText(a.name, b.name));
}

/** Open report tasks, overdue first, then by due day. */
function reportsDue(input: TodayInput): ReportDue[] {
  return input.openTasks
    .map((t) => ({ taskId: t.id, clientId: t.clientId, name: t.clientName ?? null, dueDate: t.dueDate, overdue: t.dueDate < input.today }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || byText(a.dueDate, b.dueDate) || byText(a.taskId, b.taskId));
}

function followUps(input: TodayInput): FollowUp[] {
  return input.contactsDue
    .filter((c) => mine(input)(c) && c.nextContactOn !== undefined && c.nextContactOn <= input.today)
    .map((c) => ({ clientId: c.id, name: c.name, nextContactOn: c.nextContactOn! }))
    .sort((a, b) => byText(a.nextContactOn, b.nextContactOn) || byText(a.name, b.name));
}

/**
 * Clients received within `newToMeDays`: a report task made with the move says how and from whom;
 * without one, a client with no former holder came from intake, and one the manager attracted
 * themself was never received.
 */
function newToMe(input: TodayInput): NewToMe[] {
  const since = addDaysToDay(input.today, -newToMeDays);
  const taskOf = new Map<string, TodayTask>();
  for (const t of [...input.recentTasks, ...input.openTasks]) {
    const known = taskOf.get(t.clientId);
    if (known === undefined || t.createdAt > known.createdAt) taskOf.set(t.clientId, t);
  }
  const holder = (id: string | null | undefined) => (id ? { id, name: input.managerNames.get(id) ?? null } : null);
  const out: NewToMe[] = [];
  for (const c of input.assignedLately.filter(mine(input))) {
    if (c.assignedAt === undefined) continue;
    const receivedOn = companyDay(c.assignedAt, input.timeZone);
    if (receivedOn < since || receivedOn > input.today) continue;
    const about = { clientId: c.id, name: c.name, receivedOn };
    const task = taskOf.get(c.id);
    if (task !== undefined && companyDay(task.createdAt, input.timeZone) >= receivedOn) {
      const how = task.reason === 'offboarding' ? 'offboarding' : 'rotation';
      out.push({ ...about, how, from: holder(task.from), reportDueOn: task.dueDate });
      continue;
    }
    if (c.attractedBy === input.managerId) continue;
    const last = c.formerHolders?.[c.formerHolders.length - 1];
    out.push({ ...about, how: last ? 'reassigned' : 'intake', from: holder(last?.managerId), reportDueOn: null });
  }
  return out.sort((a, b) => byText(b.receivedOn, a.receivedOn) || byText(a.name, b.name));
}

/** The four lists of the manager's Today sheet. Pure. */
export function todayLists(input: TodayInput): TodayLists {
  return {
    today: input.today,
    warnDays: input.rotation.warnDays,
    aboutToRotate: aboutToRotate(input),
    reportsDue: reportsDue(input),
    followUps: followUps(input),
    newToMe: newToMe(input),
  };
}

/**
 * Only a client assigned before `heldBefore` can be stale within `warnDays`, and then only with no
 * deal since (queried on `dealsSinceAssignment == 0`) or a last deal before `dealBefore`: the store
 * reads those, never the whole book. Two days past the estimate, so month-end clamping and time
 * zones never hide a candidate; the rule itself then decides.
 */
export function staleSoonCutoffs(
  today: string,
  rotation: Pick<RotationRules, 'holdMonths' | 'noDealMonths' | 'warnDays'>,
): { heldBefore: string; dealBefore: string } {
  const horizon = addDaysToDay(today, rotation.warnDays);
  return {
    heldBefore: addDaysToDay(addMonthsToDay(horizon, -rotation.holdMonths), 2),
    dealBefore: addDaysToDay(addMonthsToDay(horizon, -rotation.noDealMonths), 2),
  };
}
