import type { Firestore } from 'firebase-admin/firestore';
import { dashboardMonths, dashboardStaff, shapeDashboard, type Dashboard } from '../core/dashboard.ts';
import { monthStatements, overdueReport, type OverdueReport } from '../core/oversight.ts';
import { rulesChanges } from '../core/rules-diff.ts';
import { AppError } from '../errors.ts';
import { readStatements } from '../store/bonus-statement-store.ts';
import { readDashboardCounts } from '../store/dashboard-store.ts';
import { listDisputes, readAcknowledgements } from '../store/dispute-store.ts';
import { readBonusMonthRecord, readClientNames, readOverdueTasks } from '../store/oversight-store.ts';
import { readRoster } from '../store/manager-store.ts';
import { listRulesVersions, readRules, readRulesVersion } from '../store/rules-store.ts';

const namesOf = (roster: ReadonlyArray<{ id: string; name: string }>) => new Map(roster.map((m) => [m.id, m.name]));

/** Every version with who published it and what differs from the rules in force: "who changed my rate". */
export async function rulesHistory(db: Firestore, page: { limit: number; cursor?: string }) {
  const [current, found, roster] = await Promise.all([
    readRules(db),
    listRulesVersions(db, { limit: page.limit, ...(page.cursor !== undefined ? { before: Number(page.cursor) } : {}) }),
    readRoster(db),
  ]);
  const names = namesOf(roster);
  const versions = found.versions.map((v) => ({
    ...v,
    publishedByName: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? v.publishedBy),
    changes: rulesChanges(v.rules, current.rules),
  }));
  const last = found.versions.at(-1);
  return { currentVersion: current.version, versions, nextCursor: found.more && last ? String(last.version) : null };
}

/** One published version beside the rules in force, with what differs. */
export async function rulesVersionAgainstCurrent(db: Firestore, version: number) {
  const [found, current] = await Promise.all([readRulesVersion(db, version), readRules(db)]);
  if (!found) throw new AppError('not-found', `rules version ${version} not found`);
  return { rules: found, current, changes: rulesChanges(found.rules, current.rules) };
}

/** Handover reports past their due day on `today`, with the clients' and managers' names. */
export async function overdueReportsOn(db: Firestore, today: string): Promise<OverdueReport> {
  const [tasks, roster] = await Promise.all([readOverdueTasks(db, today), readRoster(db)]);
  const clients = await readClientNames(
    db,
    tasks.map((t) => t.clientId),
  );
  return overdueReport({
    today,
    tasks,
    clientNames: new Map([...clients].map(([id, c]) => [id, c.name])),
    managerNames: namesOf(roster),
  });
}

/** Every manager's statement of a computed month, with names and levels. */
export async function bonusStatementsOf(db: Firestore, month: string): Promise<ReturnType<typeof monthStatements>> {
  const [record, statements, roster, acknowledged, open] = await Promise.all([
    readBonusMonthRecord(db, month),
    readStatements(db, month),
    readRoster(db),
    readAcknowledgements(db, month),
    listDisputes(db, { status: 'open', month }),
  ]);
  const openDisputes = new Map<string, number>();
  for (const d of open) openDisputes.set(d.managerId, (openDisputes.get(d.managerId) ?? 0) + 1);
  if (!record?.computedAt && statements.length === 0)
    throw new AppError('not-found', `statements for ${month} (not computed yet) not found`);
  const managers = new Map(roster.map((m) => [m.id, { name: m.name, level: m.level }]));
  return monthStatements({ month, record, statements, managers, acknowledged, openDisputes });
}

/** The department's dashboard over the last `months` months up to `today`. */
export async function dashboardOn(db: Firestore, input: { today: string; timeZone: string; months: number }): Promise<Dashboard> {
  const { today, timeZone } = input;
  const roster = await readRoster(db);
  const months = dashboardMonths(today, input.months);
  const counts = await readDashboardCounts(db, { managerIds: dashboardStaff(roster).map((m) => m.id), months, timeZone, today });
  return shapeDashboard({ asOf: today, timeZone, months, roster, counts });
}
