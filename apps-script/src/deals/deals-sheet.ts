// The head of sales' "Deals to confirm" sheet: the deals holders recorded, loaded in one write;
// Send decisions reads the sheet once, sends the marked rows in batches on the versions they were
// loaded at, and writes the outcome once (decided rows leave, conflicts and refusals marked on their
// cells), so the Spreadsheet calls do not grow with the rows.
import { fetchDealsToConfirm, reviewDeals } from '../api/admin-api.ts';
import type { DealReviewRowResult } from '../../../functions/src/api/contract.ts';
import { applyMarks, writeOutcome } from '../sheet/cell-marks.ts';
import { openManagedTable, writeRowsMakingRoom } from '../sheet/managed-sheet.ts';
import { readTable, type Table } from '../sheet/table-io.ts';
import { alert, toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { dealsTable, planDealReview, planDealsLoad, settleReview, type DealColumnKey, type WhenFormatter } from './deal-rows.ts';
import { maxDealReviewRows } from './review-limits.ts';

type DealsTable = Table<DealColumnKey>;

function openTable(session: ActionContext, repair: boolean, rows = 0): DealsTable | null {
  const opened = openManagedTable(session.spreadsheet, dealsTable, session.m, { repair, rows });
  if (opened.status === 'absent') return null;
  if (opened.status === 'broken') throw new UserError(session.m.admin.deals.layoutBroken);
  return { sheet: opened.sheet, spec: opened.spec, columns: opened.columns };
}

function formatWhen(session: ActionContext): WhenFormatter {
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : Utilities.formatDate(date, session.timeZone, 'yyyy-MM-dd HH:mm');
  };
}

/** Menu: every deal awaiting confirmation onto the sheet (created the first time), decisions typed and not sent kept. */
export function loadDealsToConfirm(session: ActionContext): void {
  const deals = fetchDealsToConfirm('unconfirmed');
  const { m, formatDay } = session;
  const kept = withDocumentLock(session, () => {
    const table = openTable(session, true, deals.length)!;
    const rows = readTable(table);
    const plan = planDealsLoad({ rows, deals, formatDay, formatWhen: formatWhen(session) });
    writeRowsMakingRoom(table, rows, plan.writes, m);
    // The rows now hold other deals than the marks were about.
    applyMarks(table, new Set(Array.from({ length: plan.lastRow - 1 }, (_, i) => i + 2)), []);
    table.sheet.activate();
    return plan.kept;
  });
  toast(session, m.admin.deals.loaded(deals.length, kept));
}

/** Menu: the rows with a decision go to the base; what it did comes back onto their cells. */
export function sendDealDecisions(session: ActionContext): void {
  const { m, formatDay } = session;
  const counts = withDocumentLock(session, () => {
    const table = openTable(session, false);
    if (!table) throw new UserError(m.admin.deals.noSheet);
    const rows = readTable(table);
    const plan = planDealReview({ rows, m, formatDay });
    if (plan.items.length + plan.problems.length === 0) return null;
    const results = new Map<number, DealReviewRowResult>();
    const settle = () => {
      const outcome = settleReview({ rows, plan, results, m, formatWhen: formatWhen(session) });
      writeOutcome(table, rows, outcome);
      return outcome.counts;
    };
    try {
      for (let i = 0; i < plan.items.length; i += maxDealReviewRows) {
        const chunk = plan.items.slice(i, i + maxDealReviewRows);
        const answer = reviewDeals(chunk.map((item) => item.body));
        for (const result of answer.rows) {
          const item = chunk[result.index];
          if (item) results.set(item.row, result);
        }
      }
    } catch (e) {
      // What the base did before the failure reaches the sheet; the rows not sent stay as they are.
      if (results.size > 0) settle();
      throw e;
    }
    return settle();
  });
  if (counts === null) {
    toast(session, m.admin.deals.nothingMarked);
    return;
  }
  const text = m.admin.deals.sent(counts);
  if (counts.conflicts + counts.invalid > 0) alert(session, text);
  else toast(session, text);
}
