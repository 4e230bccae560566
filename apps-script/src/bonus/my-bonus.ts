// "My bonus": the manager picks a month and gets that month's statement on a sheet of its own.
import { monthOf } from './month.ts';
import { fetchStatement } from '../api/staff-api.ts';
import { clientNamesOnSheet } from '../clients/my-clients.ts';
import { moneyFormat } from '../money.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { sheetMetadataKey } from '../sheet/table-spec.ts';
import { alert, toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { previousMonth, statementSheet, statementWidth as width } from './statement-rows.ts';

const bonusSheet = { id: 'my-bonus' };

function sheetFor(session: ActionContext): GoogleAppsScript.Spreadsheet.Sheet {
  const found = findManagedSheet(session.spreadsheet, bonusSheet);
  if (found) return found;
  const sheet = session.spreadsheet.insertSheet(session.m.sheets.myBonus);
  sheet.addDeveloperMetadata(sheetMetadataKey, bonusSheet.id);
  sheet.setFrozenRows(4);
  sheet.setColumnWidths(1, width, 120);
  sheet.setColumnWidth(width - 1, 360);
  return sheet;
}

/** Menu: ask for a month (last month offered), then show its statement. */
export function showMyBonus(session: ActionContext): void {
  const { m } = session;
  const ui = SpreadsheetApp.getUi();
  const offered = previousMonth(session.today);
  const answer = ui.prompt(m.bonus.promptTitle, m.bonus.prompt(offered), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const typed = answer.getResponseText().trim() || offered;
  const month = monthOf(typed);
  if (month === null) throw new UserError(m.bonus.badMonth(typed));
  const found = fetchStatement(month);
  if (!found) {
    alert(session, m.bonus.noStatement(month));
    return;
  }
  withDocumentLock(session, () => {
    const view = statementSheet(found, clientNamesOnSheet(session), m, session.locale);
    const sheet = sheetFor(session);
    const rows = Math.max(sheet.getLastRow(), 4 + view.rows.length);
    // The sheet is the add-on's: its first columns are rewritten; the person's own to the right stay.
    const grid: Array<Array<string | number>> = Array.from({ length: rows }, () => new Array<string | number>(width).fill(''));
    grid[0]![0] = view.heading;
    view.totals.forEach(([label, amount], i) => {
      grid[1]![i * 2] = label;
      grid[1]![i * 2 + 1] = amount;
    });
    grid[3] = view.header;
    view.rows.forEach((line, i) => (grid[4 + i] = line));
    if (rows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
    sheet.getRange(1, 1, rows, width).setValues(grid);
    sheet.getRangeList(['A1', 'A4:I4']).setFontWeight('bold');
    sheet.getRangeList(['B2', 'D2', 'F2', 'H2', `E5:E${Math.max(rows, 5)}`]).setNumberFormat(moneyFormat);
    sheet.getRange(5, 4, Math.max(rows - 4, 1), 1).setNumberFormat('0.00%');
    // Hidden on every show: a sheet made before the deal's id had its column gets it hidden too.
    sheet.hideColumns(width);
    sheet.activate();
  });
  toast(session, m.bonus.shown(month, found.statement.lines.length));
}
