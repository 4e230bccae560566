// Where a save was refused: each refused cell with its A1 address, its client and the reason, in the
// alert and in a sidebar whose "Go to cell" finds the row again by client id (the person may sort).
import type { RefusedCellView, SidebarAnswer } from '../page-contract.ts';
import { markPrefix, type CellMark } from '../sheet/cell-marks.ts';
import { cellText, columnLetter } from '../sheet/cell-values.ts';
import { openManagedTable } from '../sheet/managed-sheet.ts';
import type { Table, TableRow } from '../sheet/table-io.ts';
import { runSidebarCall, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';
import { columnHeader, editableClientKeys, myClientsTable, type ClientColumnKey, type EditableKey } from './client-columns.ts';

/** Lines the alert lists before pointing to the sidebar. */
const alertLines = 10;

/** The cells a save marked as refused (invalid or a duplicate), top to bottom. */
export function refusedCells(
  session: ActionContext,
  table: Table<ClientColumnKey>,
  rows: ReadonlyArray<TableRow<ClientColumnKey>>,
  marks: ReadonlyArray<CellMark<ClientColumnKey>>,
): RefusedCellView[] {
  const byRow = new Map(rows.map((r) => [r.row, r.cells]));
  const text = (row: number, key: ClientColumnKey) => cellText(byRow.get(row)?.[key], session.formatDay);
  return marks
    .filter((mark) => mark.tone === 'invalid')
    .sort((a, b) => a.row - b.row || table.columns[a.key] - table.columns[b.key])
    .map((mark) => ({
      clientId: text(mark.row, 'clientId'),
      key: mark.key,
      row: mark.row,
      cell: `${columnLetter(table.columns[mark.key])}${mark.row}`,
      client: text(mark.row, 'name'),
      field: columnHeader(mark.key, session.m),
      reason: mark.note.startsWith(markPrefix) ? mark.note.slice(markPrefix.length).trim() : mark.note,
    }));
}

/** The alert's text: the summary, then each refused cell (the first few; the sidebar has them all). */
export function refusedText(session: ActionContext, summary: string, cells: readonly RefusedCellView[]): string {
  if (cells.length === 0) return summary;
  const s = session.m.save;
  const lines = cells.slice(0, alertLines).map((c) => s.refusedLine(c.cell, c.client, c.field, c.reason));
  if (cells.length > alertLines) lines.push(s.refusedMore(cells.length - alertLines));
  return `${summary}\n\n${s.refusedIntro}\n${lines.join('\n')}`;
}

export function showRefusedCells(session: ActionContext, cells: readonly RefusedCellView[]): void {
  if (cells.length === 0) return;
  const s = session.m.save;
  showSidebar(session, 'SaveErrors', s.refusedTitle, {
    cells,
    words: { intro: s.refusedIntro, goToCell: s.goToCell, wentTo: s.wentTo },
  });
}

/** The sidebar's "Go to cell": the client's row now (found by id), else the row the save saw (a new row). */
export function goToRefusedCell(session: ActionContext, clientId: string, key: string, row: number): { cell: string } {
  const table = withDocumentLock(session, () => {
    const opened = openManagedTable(session.spreadsheet, myClientsTable, session.m, { repair: false });
    return opened.status === 'open' ? opened : null;
  });
  if (!table) throw new UserError(session.m.card.noSheet);
  const column = (editableClientKeys as readonly string[]).includes(key) ? table.columns[key as EditableKey] : table.columns.name;
  let at = Number(row) || 0;
  if (clientId !== '') {
    const last = table.sheet.getLastRow();
    const ids = last < 2 ? [] : table.sheet.getRange(2, table.columns.clientId, last - 1, 1).getValues();
    const found = ids.findIndex((line) => String(line[0] ?? '').trim() === clientId);
    if (found < 0) throw new UserError(session.m.save.cellGone);
    at = found + 2;
  }
  if (at < 2) throw new UserError(session.m.save.cellGone);
  const range = table.sheet.getRange(at, column);
  table.sheet.activate();
  range.activate();
  return { cell: range.getA1Notation() };
}

export function saveErrorsGoTo(clientId: string, key: string, row: number): SidebarAnswer<{ cell: string }> {
  return runSidebarCall((session) => goToRefusedCell(session, String(clientId ?? ''), String(key ?? ''), Number(row)));
}
