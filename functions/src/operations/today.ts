import type { Firestore } from 'firebase-admin/firestore';
import { addDaysToDay, companyDay } from '../core/calendar.ts';
import { newToMeDays, staleSoonCutoffs, todayLists, type TodayLists } from '../core/today.ts';
import { readRules } from '../store/rules-store.ts';
import { clientsAssignedSince, clientsStaleSoon, contactsDueBy, managerNames, tasksOn } from '../store/today-store.ts';
import { openTasks } from './staff-work.ts';

/** What the manager should do now: the rules in force, their book's four lists, read with a handful of queries that skip a healthy book. */
export async function todayFor(db: Firestore, input: { managerId: string; at: string }): Promise<TodayLists> {
  const { managerId } = input;
  const { rules } = await readRules(db);
  const today = companyDay(input.at, rules.timeZone);
  const [heldLong, contactsDue, assignedLately, open] = await Promise.all([
    clientsStaleSoon(db, managerId, staleSoonCutoffs(today, rules.rotation)),
    contactsDueBy(db, managerId, today),
    clientsAssignedSince(db, managerId, addDaysToDay(today, -newToMeDays - 1)),
    openTasks(db, managerId),
  ]);
  const recentTasks = await tasksOn(
    db,
    managerId,
    assignedLately.map((c) => c.id),
  );
  const formerIds = [
    ...recentTasks.map((t) => t.from),
    ...assignedLately.map((c) => c.formerHolders?.[c.formerHolders.length - 1]?.managerId),
  ];
  const names = await managerNames(
    db,
    formerIds.filter((id): id is string => typeof id === 'string'),
  );
  return todayLists({
    managerId,
    today,
    timeZone: rules.timeZone,
    rotation: rules.rotation,
    heldLong,
    contactsDue,
    assignedLately,
    openTasks: open,
    recentTasks,
    managerNames: names,
  });
}
