// On My bonus: each line's id and the status of the manager's dispute about it (disputes about a
// missing deal as rows of their own), "Dispute…" for the selected line, and acknowledging a closed
// month. The line is found by its id in the Line column (J, after the statement's columns and the
// hidden deal id in I) of the selected row, never by its position.
import type { Dispute, DisputeReason, Statement } from '../../../functions/src/api/contract.ts';
import { acknowledgeStatement, fetchMyDisputes, openDispute } from '../api/dispute-api.ts';
import { fetchStatement } from '../api/staff-api.ts';
import { formatRoubles } from '../money.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { alert, toast, UserError } from '../workspace/feedback.ts';
import type { ActionContext } from '../workspace/session.ts';
import { bonusSheet, showMonth } from './my-bonus.ts';
import { type StatementSheet, statementWidth } from './statement-rows.ts';

export const myBonusMonth = 'clientbase.myBonus.month';
const lineColumn = statementWidth + 1;
const reasonsByNumber: Record<string, DisputeReason> = { 1: 'wrong-amount', 2: 'wrong-client', 3: 'wrong-rule', 4: 'other' };

/** A dispute's status in words: on My bonus and in the card of the client concerned. */
export function disputeStatusText(session: Pick<ActionContext, 'm' | 'locale'>, d: Dispute): string {
  const s = session.m.disputes.status;
  if (d.status === 'accepted') return s.accepted(formatRoubles(d.amount ?? 0, session.locale), d.paidIn);
  return d.status === 'rejected' ? s.rejected(d.rejection ?? '') : s.open;
}

/** The statement's rows with two more columns, Line and Dispute, and the month's missing-deal disputes below. */
export function disputeColumns(session: ActionContext, statement: Statement, view: StatementSheet): StatementSheet {
  const { m } = session;
  const mine = fetchMyDisputes().disputes.filter((d) => d.month === statement.month);
  const byLine = new Map(mine.flatMap((d) => (d.lineId === null ? [] : [[d.lineId, d] as const])));
  const rows = view.rows.map((row, i) => {
    const id = statement.lines[i]!.id;
    const d = byLine.get(id);
    return [...row, id, d ? disputeStatusText(session, d) : ''];
  });
  for (const d of mine.filter((x) => x.lineId === null)) {
    // Rule and Why columns as a line's, no deal id nor line id, the status last.
    const row: Array<string | number> = new Array<string | number>(statementWidth + 2).fill('');
    row[2] = m.disputes.missingRow;
    row[7] = d.text;
    row[statementWidth + 1] = disputeStatusText(session, d);
    rows.push(row);
  }
  return { ...view, header: [...view.header, m.disputes.columns.line, m.disputes.columns.dispute], rows };
}

function shownMonth(session: ActionContext): string {
  const month = PropertiesService.getDocumentProperties().getProperty(myBonusMonth);
  if (!month || !findManagedSheet(session.spreadsheet, bonusSheet)) throw new UserError(session.m.disputes.noMonth);
  return month;
}

function ask(session: ActionContext, prompt: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(session.m.disputes.title, prompt, ui.ButtonSet.OK_CANCEL);
  return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText().trim() : null;
}

/** Menu: a dispute of the line selected on My bonus (reason and text asked), or of a missing deal when no line is selected. */
export function disputeSelectedLine(session: ActionContext): void {
  const { m } = session;
  const month = shownMonth(session);
  const sheet = findManagedSheet(session.spreadsheet, bonusSheet)!;
  const active = session.spreadsheet.getActiveSheet();
  const row = active.getSheetId() === sheet.getSheetId() ? (session.spreadsheet.getActiveRange()?.getRow() ?? 0) : 0;
  const lineId = row > 4 ? String(sheet.getRange(row, lineColumn).getValue() ?? '').trim() : '';
  let reason: DisputeReason = 'missing-deal';
  if (lineId !== '') {
    const typed = ask(session, m.disputes.askReason(lineId));
    if (typed === null) return;
    const chosen = reasonsByNumber[typed];
    if (chosen === undefined) throw new UserError(m.disputes.badReason(typed));
    reason = chosen;
  }
  const text = ask(session, m.disputes.askText(m.disputes.reasons[reason]));
  if (text === null) return;
  if (text === '') throw new UserError(m.disputes.noText);
  openDispute(month, { reason, text, ...(lineId !== '' ? { lineId } : {}) });
  showMonth(session, month);
  toast(session, m.disputes.sent(month));
}

/** Menu: acknowledges the closed month shown on My bonus. */
export function acknowledgeShownMonth(session: ActionContext): void {
  const { m } = session;
  const month = shownMonth(session);
  const found = fetchStatement(month);
  if (!found) throw new UserError(m.bonus.noStatement(month));
  if (!found.statement.closed) throw new UserError(m.disputes.notClosed(month));
  const ack = acknowledgeStatement(month);
  alert(session, m.disputes.acknowledged(month, Utilities.formatDate(new Date(ack.acknowledgedAt), session.timeZone, 'yyyy-MM-dd HH:mm')));
}
