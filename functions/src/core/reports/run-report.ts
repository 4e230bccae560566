import type { StatementLine, StatementTotals } from '../bonus/types.ts';
import type { RotationReport } from '../rotation/report.ts';
import type { MoveReason } from '../rotation/types.ts';

/**
 * What the scheduled runs publish to the department's reports spreadsheet, as plain rows: one tab
 * per table, a header row first. Pure: the jobs' results and the roster's names in, rows out.
 */
export type Cell = string | number;
export type ReportTab = { title: string; rows: Cell[][] };

export type RunKind = 'rotation' | 'bonuses' | 'overdue-reports';

/** One scheduled run as the `Runs` tab lists it (and the `Alerts` tab when it failed). */
export type RunRecord = {
  key: string;
  kind: RunKind;
  /** The schedule slot the run was for (ISO timestamp). */
  slot: string;
  status: 'ok' | 'failed';
  finishedAt: string;
  headline: string;
  error?: string;
  /** Titles of the tabs written for this run. */
  tabs: string[];
};

/** The rotation report as the jobs answer it; a dry run is never published, so the flag may be absent. */
export type RotationOutcome = Omit<RotationReport, 'dryRun'> & { dryRun?: boolean };

export type BonusOutcome = {
  month: string;
  closed: boolean;
  statements: Array<{ managerId: string; lines: StatementLine[]; totals: StatementTotals }>;
  /** A repeated delivery of a slot already computed: the stored statements, nothing computed now. */
  alreadyApplied?: true;
  appliedAt?: string;
  appliedBy?: string;
};

/** `flagged`: newly flagged by this run; `alreadyFlagged`: open reports past due that an earlier run had flagged. */
export type OverdueOutcome = { at: string; flagged: number; taskIds: string[]; alreadyFlagged?: number };

export type RunOutcomes = { rotation: RotationOutcome; bonuses: BonusOutcome; 'overdue-reports': OverdueOutcome };

/** A handover report past its due day whose task is still open. */
export type OverdueAlert = { taskId: string; clientId: string; managerId: string; dueDate: string; flaggedAt: string };

export type ManagerNames = ReadonlyMap<string, string>;

/** A spreadsheet holds at most 10 million cells; a bigger table is cut here and says so. */
export const maxRowsPerTab = 50_000;

const reasonWords: Record<MoveReason, string> = {
  'no-deal-since-assignment': 'no deal since assignment',
  'no-deal-for-months': 'no deal for months',
  offboarding: 'offboarding',
  'top-up': 'top-up from unassigned',
};

const kindWords: Record<RunKind, string> = { rotation: 'Rotation', bonuses: 'Bonuses', 'overdue-reports': 'Overdue reports' };

function name(names: ManagerNames, id: string | null): string {
  return id === null ? '' : (names.get(id) ?? '');
}

/** Kopecks as roubles, a number the sheet can sum. */
function roubles(minor: number): number {
  return minor / 100;
}

function capped(header: Cell[], rows: Cell[][], what: string): Cell[][] {
  if (rows.length <= maxRowsPerTab) return [header, ...rows];
  const rest = rows.length - maxRowsPerTab + 1;
  return [header, ...rows.slice(0, maxRowsPerTab - 1), [`… and ${rest} more ${what}: see them in the add-on or with the CLI`]];
}

export function rotationTabs(report: RotationOutcome, names: ManagerNames): ReportTab[] {
  const moves: Cell[][] = report.moves.map((m) => [
    m.clientId,
    m.from ?? '',
    name(names, m.from),
    m.to,
    name(names, m.to),
    reasonWords[m.reason],
    m.reportDue,
  ]);
  const skipped: Cell[][] = report.skipped.map((s) => [
    s.clientId,
    s.managerId ?? '',
    name(names, s.managerId),
    '',
    '',
    `not moved: ${s.why}`,
    '',
  ]);
  const unbalanced = new Map(report.unbalanced.map((u) => [u.managerId, u.why]));
  const balance: Cell[][] = report.balance.map((b) => [
    b.managerId,
    name(names, b.managerId),
    b.given,
    b.received,
    unbalanced.get(b.managerId) ?? '',
  ]);
  for (const u of report.unbalanced)
    if (!report.balance.some((b) => b.managerId === u.managerId))
      balance.push([u.managerId, name(names, u.managerId), u.given, u.received, u.why]);
  return [
    {
      title: `Rotation ${report.at}`,
      rows: capped(['Client', 'From', 'From (name)', 'To', 'To (name)', 'Reason', 'Report due'], [...moves, ...skipped], 'clients'),
    },
    { title: `Rotation ${report.at} balance`, rows: [['Manager', 'Name', 'Given', 'Received', 'Unbalanced because'], ...balance] },
  ];
}

export function bonusTabs(report: BonusOutcome, names: ManagerNames): ReportTab[] {
  const statements = [...report.statements].sort((a, b) => a.managerId.localeCompare(b.managerId));
  const lines: Cell[][] = statements.flatMap((s) =>
    s.lines.map((l) => [
      s.managerId,
      name(names, s.managerId),
      l.kind,
      l.clientId ?? '',
      l.dealId ?? '',
      l.rate ?? '',
      roubles(l.amount),
      l.status,
      l.dueDate ?? '',
      l.note,
      l.ofMonth ?? '',
      l.id,
    ]),
  );
  const sum = (k: keyof StatementTotals) => statements.reduce((n, s) => n + s.totals[k], 0);
  const totals: Cell[][] = statements.map((s) => [
    s.managerId,
    name(names, s.managerId),
    roubles(s.totals.payable),
    roubles(s.totals.pending),
    roubles(s.totals.cancelled),
    s.lines.length,
  ]);
  totals.push([
    'All',
    '',
    roubles(sum('payable')),
    roubles(sum('pending')),
    roubles(sum('cancelled')),
    statements.reduce((n, s) => n + s.lines.length, 0),
  ]);
  const state = report.closed ? 'closed' : 'open';
  return [
    {
      title: `Bonuses ${report.month} totals`,
      rows: [['Manager', 'Name', 'Payable ₽', 'Pending ₽', 'Cancelled ₽', `Lines (month ${state})`], ...totals],
    },
    {
      title: `Bonuses ${report.month}`,
      rows: capped(
        ['Manager', 'Name', 'Kind', 'Client', 'Deal', 'Rate', 'Amount ₽', 'Status', 'Due', 'Note', 'Of month', 'Line'],
        lines,
        'lines',
      ),
    },
  ];
}

/** The run's one-line summary for the `Runs` tab and the log. */
export function headlineOf<K extends RunKind>(kind: K, outcome: RunOutcomes[K]): string {
  if (kind === 'rotation') {
    const r = outcome as RotationOutcome;
    if (r.alreadyApplied) return `${r.runId}: already applied on ${r.appliedAt ?? r.at} by ${r.appliedBy ?? 'unknown'}; nothing moved now`;
    return `${r.runId}: ${r.moves.length} moved, ${r.skipped.length} not moved, ${r.unbalanced.length} unbalanced`;
  }
  if (kind === 'bonuses') {
    const b = outcome as BonusOutcome;
    const payable = b.statements.reduce((n, s) => n + s.totals.payable, 0);
    const pending = b.statements.reduce((n, s) => n + s.totals.pending, 0);
    const money = `payable ${roubles(payable).toFixed(2)} ₽, pending ${roubles(pending).toFixed(2)} ₽`;
    const already = b.alreadyApplied
      ? ` (computed for this slot on ${b.appliedAt ?? '?'} by ${b.appliedBy ?? 'unknown'}; nothing recomputed now)`
      : '';
    return `${b.month}${b.closed ? ' (closed)' : ''}: ${b.statements.length} statements, ${money}${already}`;
  }
  const o = outcome as OverdueOutcome;
  const earlier = o.alreadyFlagged ? `, ${o.alreadyFlagged} flagged before` : '';
  return `${o.at}: ${o.flagged} handover report(s) newly overdue${earlier}`;
}

export function outcomeTabs<K extends RunKind>(kind: K, outcome: RunOutcomes[K], names: ManagerNames): ReportTab[] {
  if (kind === 'rotation') return rotationTabs(outcome as RotationOutcome, names);
  if (kind === 'bonuses') return bonusTabs(outcome as BonusOutcome, names);
  return [];
}

/** Newest first: when each job ran, for which slot, and how it ended. */
export function runsTab(runs: RunRecord[]): ReportTab {
  const sorted = [...runs].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
  return {
    title: 'Runs',
    rows: [
      ['Finished', 'Job', 'Slot', 'Status', 'Summary', 'Error', 'Tabs'],
      ...sorted.map((r) => [r.finishedAt, kindWords[r.kind], r.slot, r.status, r.headline, r.error ?? '', r.tabs.join(', ')]),
    ],
  };
}

/**
 * What the admin must act on: runs whose last attempt failed (the scheduler retries them; a rerun
 * that succeeds clears the line) and handover reports past their due day and still not filed.
 */
export function alertsTab(failedRuns: RunRecord[], overdue: OverdueAlert[], names: ManagerNames): ReportTab {
  const failed: Cell[][] = [...failedRuns]
    .sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))
    .map((r) => [r.finishedAt, 'run failed', `${kindWords[r.kind]} for ${r.slot}`, '', '', '', r.error ?? '']);
  const late: Cell[][] = [...overdue]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.taskId.localeCompare(b.taskId))
    .map((a) => [
      a.flaggedAt,
      'handover report overdue',
      `client ${a.clientId}`,
      a.managerId,
      name(names, a.managerId),
      a.dueDate,
      `task ${a.taskId}`,
    ]);
  return { title: 'Alerts', rows: [['Raised', 'Alert', 'About', 'Manager', 'Name', 'Due', 'Detail'], ...failed, ...late] };
}
