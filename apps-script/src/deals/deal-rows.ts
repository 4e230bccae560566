// The head of sales' "Deals to confirm" sheet as rows and back. Pure. One row per deal its holder
// recorded, read-only but for the Decision and Reason the head of sales types; what Send decisions
// sends; and what the base's answer leaves on the sheet: decided rows leave it, the rest move up
// in their order, a row reviewed meanwhile keeps the person's decision with a note, never theirs.
import type { DealReviewRow, DealReviewRowResult, DealToConfirm } from '../../../functions/src/api/contract.ts';
import { messagesFor, type Messages } from '../messages.ts';
import { roublesCell } from '../money.ts';
import type { CellMark } from '../sheet/cell-marks.ts';
import { cellText, isoDay, safeText, type CellValue, type DayFormatter } from '../sheet/cell-values.ts';
import type { ColumnSpec, RowWrite, TableRow, TableSpec } from '../sheet/table-spec.ts';

export type DealColumnKey =
  | 'client'
  | 'manager'
  | 'date'
  | 'amount'
  | 'profit'
  | 'recordedAt'
  | 'decision'
  | 'reason'
  | 'dealId'
  | 'version';
export type Decision = DealReviewRow['decision'];
type Row = TableRow<DealColumnKey>;
type Cells = Record<DealColumnKey, CellValue>;

const col = (
  key: DealColumnKey,
  role: ColumnSpec<DealColumnKey>['role'],
  format: ColumnSpec<DealColumnKey>['format'],
  extra: Partial<ColumnSpec<DealColumnKey>> = {},
): ColumnSpec<DealColumnKey> => ({ key, role, format, header: (m) => m.admin.deals.columns[key], ...extra });

export const dealsTable: TableSpec<DealColumnKey> = {
  id: 'deals-to-confirm',
  title: (m) => m.admin.deals.sheet,
  columns: [
    col('client', 'derived', 'text', { width: 200 }),
    col('manager', 'derived', 'text', { width: 150 }),
    col('date', 'derived', 'day', { width: 100 }),
    col('amount', 'derived', 'money', { width: 110 }),
    col('profit', 'derived', 'money', { width: 110 }),
    col('recordedAt', 'derived', 'text', { width: 130 }),
    col('decision', 'editable', 'choice', {
      width: 120,
      choices: (m) => Object.values(m.admin.deals.decisions),
      note: (m) => m.admin.deals.notes.decision,
    }),
    col('reason', 'editable', 'text', { width: 240, note: (m) => m.admin.deals.notes.reason }),
    col('dealId', 'system', 'text'),
    col('version', 'system', 'integer'),
  ],
  idKey: 'dealId',
  versionKey: 'version',
};

export type WhenFormatter = (iso: string) => string;

/** What the base has of a deal, in the read-only cells of its row. */
export function dealCells(deal: DealToConfirm, formatWhen: WhenFormatter): Omit<Cells, 'decision' | 'reason'> {
  return {
    client: safeText(deal.clientName),
    manager: safeText(deal.managerName ?? deal.managerId),
    date: isoDay(deal.date),
    amount: roublesCell(deal.amount),
    profit: roublesCell(deal.profit),
    recordedAt: formatWhen(deal.recordedAt),
    dealId: deal.dealId,
    version: deal.version,
  };
}

/** A typed decision in either language ("Подтвердить", "confirm") → its code; null for anything else. */
export function decisionOf(text: string): Decision | null {
  const wanted = text.trim().toLowerCase();
  for (const m of [messagesFor('en'), messagesFor('ru')])
    for (const [code, label] of Object.entries(m.admin.deals.decisions))
      if (code === wanted || label.toLowerCase() === wanted) return code as Decision;
  return null;
}

type Typed = { decision: string; reason: string };
const typedOf = (row: Row, formatDay: DayFormatter): Typed => ({
  decision: cellText(row.cells.decision, formatDay),
  reason: cellText(row.cells.reason, formatDay),
});
const identityOf = (row: Row, formatDay: DayFormatter) => ({
  dealId: cellText(row.cells.dealId, formatDay),
  version: Number(cellText(row.cells.version, formatDay)) || 0,
});
const isBlankRow = (row: Row, formatDay: DayFormatter) => dealsTable.columns.every((c) => cellText(row.cells[c.key], formatDay) === '');

export type DealsLoadPlan = { writes: RowWrite<DealColumnKey>[]; kept: number; lastRow: number };

/**
 * The deals awaiting confirmation, oldest first, from row 2 down; rows below that the sheet had are
 * emptied. A decision typed and not yet sent stays with its deal, on the version it was typed
 * against: if the deal changed since, sending it is a conflict, never applied to what was not seen.
 */
export function planDealsLoad(input: {
  rows: readonly Row[];
  deals: readonly DealToConfirm[];
  formatDay: DayFormatter;
  formatWhen: WhenFormatter;
}): DealsLoadPlan {
  const { rows, deals, formatDay, formatWhen } = input;
  const typed = new Map<string, Typed & { version: number }>();
  for (const row of rows) {
    const { dealId, version } = identityOf(row, formatDay);
    const t = typedOf(row, formatDay);
    if (dealId !== '' && !typed.has(dealId) && (t.decision !== '' || t.reason !== '')) typed.set(dealId, { ...t, version });
  }
  let kept = 0;
  const writes: RowWrite<DealColumnKey>[] = deals.map((deal, i) => {
    const mine = typed.get(deal.dealId);
    if (mine) kept++;
    const cells: Cells = { ...dealCells(deal, formatWhen), decision: mine?.decision ?? '', reason: safeText(mine?.reason ?? '') };
    if (mine) cells.version = mine.version;
    return { row: i + 2, cells };
  });
  const lastRow = Math.max(deals.length + 1, rows.length === 0 ? 1 : rows[rows.length - 1]!.row);
  for (let row = deals.length + 2; row <= lastRow; row++) writes.push({ row, cells: blankCells() });
  return { writes, kept, lastRow };
}

function blankCells(): Cells {
  return Object.fromEntries(dealsTable.columns.map((c) => [c.key, ''])) as Cells;
}

export type ReviewItem = { row: number; body: DealReviewRow };
export type RowProblem = { row: number; key: DealColumnKey; message: string };
export type ReviewPlan = { items: ReviewItem[]; problems: RowProblem[]; ignored: number[] };

/** What Send decisions sends: each row with a decision, on the version it was loaded at; a bad one is marked at once. */
export function planDealReview(input: { rows: readonly Row[]; m: Messages; formatDay: DayFormatter }): ReviewPlan {
  const { rows, m, formatDay } = input;
  const plan: ReviewPlan = { items: [], problems: [], ignored: [] };
  const seen = new Set<string>();
  for (const row of rows) {
    const { dealId, version } = identityOf(row, formatDay);
    const { decision: text, reason } = typedOf(row, formatDay);
    if (dealId === '') {
      if (!isBlankRow(row, formatDay)) plan.ignored.push(row.row);
      continue;
    }
    // A copied row sends nothing: the first row of a deal carries its decision.
    if (text === '' || seen.has(dealId)) continue;
    seen.add(dealId);
    const decision = decisionOf(text);
    if (decision === null) {
      plan.problems.push({
        row: row.row,
        key: 'decision',
        message: m.save.invalidChoice(Object.values(m.admin.deals.decisions).join(', ')),
      });
      continue;
    }
    if (decision === 'reject' && reason === '') {
      plan.problems.push({ row: row.row, key: 'reason', message: m.admin.deals.reasonRequired });
      continue;
    }
    plan.items.push({ row: row.row, body: { dealId, version, decision, ...(reason !== '' ? { reason } : {}) } });
  }
  return plan;
}

/** Which cell an error path of the base names: `rows[3].reason` → reason; anything else → the decision. */
export function dealKeyOfPath(path: string): DealColumnKey {
  return /(^|\.)reason$/.test(path.replace(/\[\d+\]/g, '')) ? 'reason' : 'decision';
}

export type ReviewCounts = { confirmed: number; rejected: number; conflicts: number; invalid: number };
export type ReviewOutcome = {
  writes: RowWrite<DealColumnKey>[];
  clearRows: Set<number>;
  marks: CellMark<DealColumnKey>[];
  counts: ReviewCounts;
};

const reviewedStatus: Record<Decision, DealToConfirm['status']> = { confirm: 'confirmed', reject: 'rejected' };

/**
 * What the answers leave on the sheet, written in one pass: rows decided (by this send, or already
 * in the state asked for) leave it and the others move up in their order; a row reviewed or changed
 * meanwhile shows the deal as it is now with the person's decision kept and a note; refusals are
 * marked on their cells. `results` by sheet row; rows not sent (a call that failed) stay as they are.
 */
export function settleReview(input: {
  rows: readonly Row[];
  plan: ReviewPlan;
  results: ReadonlyMap<number, DealReviewRowResult>;
  m: Messages;
  formatWhen: WhenFormatter;
}): ReviewOutcome {
  const { rows, plan, results, m, formatWhen } = input;
  const d = m.admin.deals;
  const counts: ReviewCounts = { confirmed: 0, rejected: 0, conflicts: 0, invalid: 0 };
  const marks: Array<{ at: number; key: DealColumnKey; note: string; tone: CellMark<DealColumnKey>['tone'] }> = [];
  const sent = new Map(plan.items.map((item) => [item.row, item]));
  const leaving = new Set<number>();
  const updated = new Map<number, Partial<Cells>>();
  for (const [row, result] of results) {
    const item = sent.get(row);
    if (!item) continue;
    if (result.status === 'applied') {
      leaving.add(row);
      counts[item.body.decision === 'confirm' ? 'confirmed' : 'rejected']++;
    } else if (result.status === 'conflict') {
      const current = result.current;
      if (current.status === reviewedStatus[item.body.decision]) {
        // Already as asked (a repeat after a lost answer, or a colleague who decided the same).
        leaving.add(row);
        counts[item.body.decision === 'confirm' ? 'confirmed' : 'rejected']++;
        continue;
      }
      counts.conflicts++;
      const by = result.changedBy?.name ?? null;
      if (current.status === 'unconfirmed') {
        // Still to decide: the row shows the deal as it is now, on its new version; sending again applies the decision.
        updated.set(row, dealCells(current, formatWhen));
        marks.push({ at: row, key: 'decision', tone: 'conflict', note: d.changedNote(by) });
      } else {
        const status =
          current.status === 'rejected' && current.reason ? m.deals.rejectedWith(current.reason) : m.deals.statuses[current.status];
        marks.push({ at: row, key: 'decision', tone: 'conflict', note: d.reviewedNote(status, by) });
      }
    } else {
      counts.invalid++;
      const errors = result.errors.length > 0 ? result.errors : [{ path: 'decision', message: m.errors.invalid('') }];
      for (const e of errors) marks.push({ at: row, key: dealKeyOfPath(e.path), tone: 'invalid', note: d.invalidNote(e.message) });
    }
  }
  for (const p of plan.problems) marks.push({ at: p.row, key: p.key, tone: 'invalid', note: d.invalidNote(p.message) });
  counts.invalid += new Set(plan.problems.map((p) => p.row)).size;
  for (const row of plan.ignored) marks.push({ at: row, key: 'client', tone: 'info', note: d.notFromBase });

  // Rows that stay move up over the ones that left, in their order; the freed rows at the bottom are emptied.
  const staying = rows.filter((r) => !leaving.has(r.row));
  const newRow = new Map(staying.map((r, i) => [r.row, i + 2]));
  const writes: RowWrite<DealColumnKey>[] = staying.map((r) => ({ row: newRow.get(r.row)!, cells: { ...r.cells, ...updated.get(r.row) } }));
  const last = rows.length === 0 ? 1 : rows[rows.length - 1]!.row;
  for (let row = staying.length + 2; row <= last; row++) writes.push({ row, cells: blankCells() });
  const clearRows = new Set(rows.map((r) => r.row));
  return {
    writes,
    clearRows,
    marks: marks.filter((x) => newRow.has(x.at)).map((x) => ({ row: newRow.get(x.at)!, key: x.key, note: x.note, tone: x.tone })),
    counts,
  };
}
