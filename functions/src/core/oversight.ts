import type { StatementLine, StatementTotals } from './bonus/types.ts';
import { daysBetween } from './calendar.ts';

// What the head of sales watches: handover reports past their day, by manager, and a month's
// statements side by side. Pure shaping of what the stores read.

/** An open handover task as the store reads it. */
export type OpenTask = { id: string; clientId: string; managerId: string; from: string | null; reason: string; dueDate: string };

export type OverdueReport = {
  asOf: string;
  tasks: Array<OpenTask & { clientName: string | null; managerName: string; fromName: string | null; daysOverdue: number }>;
  byManager: Array<{ managerId: string; name: string; count: number; oldestDueDate: string }>;
};

/** Tasks due before `today`, by manager (most overdue manager first), each manager's oldest first. */
export function overdueReport(input: {
  today: string;
  tasks: ReadonlyArray<OpenTask>;
  clientNames: ReadonlyMap<string, string>;
  managerNames: ReadonlyMap<string, string>;
}): OverdueReport {
  const { today, clientNames, managerNames } = input;
  const name = (id: string) => managerNames.get(id) ?? id;
  const overdue = input.tasks.filter((t) => t.dueDate < today);
  const groups = new Map<string, OpenTask[]>();
  for (const t of overdue) groups.set(t.managerId, [...(groups.get(t.managerId) ?? []), t]);
  const byManager = [...groups.entries()]
    .map(([managerId, list]) => ({
      managerId,
      name: name(managerId),
      count: list.length,
      oldestDueDate: list.reduce((d, t) => (t.dueDate < d ? t.dueDate : d), today),
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.oldestDueDate < b.oldestDueDate ? -1 : a.oldestDueDate > b.oldestDueDate ? 1 : 0) ||
        (a.managerId < b.managerId ? -1 : 1),
    );
  const rank = new Map(byManager.map((m, i) => [m.managerId, i]));
  const tasks = [...overdue]
    .sort(
      (a, b) =>
        rank.get(a.managerId)! - rank.get(b.managerId)! ||
        (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    )
    .map((t) => ({
      ...t,
      clientName: clientNames.get(t.clientId) ?? null,
      managerName: name(t.managerId),
      fromName: t.from === null ? null : name(t.from),
      daysOverdue: daysBetween(t.dueDate, today),
    }));
  return { asOf: today, tasks, byManager };
}

export type StatementSummary = {
  managerId: string;
  name: string;
  level: number | null;
  totals: StatementTotals;
  lines: number;
  /** The sum of the month's adjustment lines: corrections of closed months earlier. */
  adjustments: number;
  /** When the manager acknowledged the closed month's statement, and how many of their disputes of it are open. */
  acknowledgedAt: string | null;
  openDisputes: number;
};

export type MonthStatements = {
  month: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  computedAt: string | null;
  computedBy: string | null;
  rulesVersion: number | null;
  totals: StatementTotals;
  statements: StatementSummary[];
};

/** Every manager's totals for the month, in the roster's order of name; lines stay with each statement. */
export function monthStatements(input: {
  month: string;
  record:
    | { closed?: boolean; closedAt?: string; closedBy?: string; computedAt?: string; computedBy?: string; rulesVersion?: number }
    | undefined;
  statements: ReadonlyArray<{ managerId: string; lines: StatementLine[]; totals: StatementTotals }>;
  managers: ReadonlyMap<string, { name: string; level: number }>;
  acknowledged?: ReadonlyMap<string, string>;
  openDisputes?: ReadonlyMap<string, number>;
}): MonthStatements {
  const { record } = input;
  const statements = input.statements
    .map((s) => ({
      managerId: s.managerId,
      name: input.managers.get(s.managerId)?.name ?? s.managerId,
      level: input.managers.get(s.managerId)?.level ?? null,
      totals: s.totals,
      lines: s.lines.length,
      adjustments: s.lines.filter((l) => l.kind === 'adjustment').reduce((n, l) => n + l.amount, 0),
      acknowledgedAt: input.acknowledged?.get(s.managerId) ?? null,
      openDisputes: input.openDisputes?.get(s.managerId) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.managerId < b.managerId ? -1 : 1));
  const totals = statements.reduce(
    (t, s) => ({
      payable: t.payable + s.totals.payable,
      pending: t.pending + s.totals.pending,
      cancelled: t.cancelled + s.totals.cancelled,
      awaiting: t.awaiting + (s.totals.awaiting ?? 0),
    }),
    { payable: 0, pending: 0, cancelled: 0, awaiting: 0 },
  );
  return {
    month: input.month,
    closed: record?.closed === true,
    closedAt: record?.closedAt ?? null,
    closedBy: record?.closedBy ?? null,
    computedAt: record?.computedAt ?? null,
    computedBy: record?.computedBy ?? null,
    rulesVersion: record?.rulesVersion ?? null,
    totals,
    statements,
  };
}
