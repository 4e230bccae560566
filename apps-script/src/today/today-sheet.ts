// The manager's "Today" sheet: whom to call now, in four blocks (about to rotate, reports due,
// follow-ups, new to me) from one API call, rewritten whole and locked on every open. Each row
// ends with a link-like "open card" cell and the client's id in a hidden last column, so the
// Client card menu item opens the card of the selected row.
import type { TodayAnswer } from '../../../functions/src/api/contract.ts';
import { callApi } from '../api/api-client.ts';
import { isApiError } from '../api/api-error.ts';
import { formatRoubles } from '../money.ts';
import { columnLetter, safeText } from '../sheet/cell-values.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { writeReport, type ReportBlock, type ReportCell, type ReportSheetSpec } from '../sheet/report-sheet.ts';
import type { ActionContext } from '../workspace/session.ts';

const todaySheet: ReportSheetSpec = { id: 'today', title: (m) => m.today.sheet };
/** Columns before the card link; the card link and the hidden id follow in every block. */
const facts = 5;
const cardColumn = facts + 1;
const idColumn = facts + 2;
const newToMeDays = 14;
const linkColour = '#1a73e8';

export function fetchToday(): TodayAnswer {
  return callApi<TodayAnswer>({ method: 'get', path: 'today' });
}

function row(session: ActionContext, clientId: string, cells: ReportCell[]): ReportCell[] {
  const padded = [...cells, ...new Array<ReportCell>(facts - cells.length).fill('')];
  return [...padded, session.m.today.openCard, clientId];
}

function block(session: ActionContext, id: string, title: string, header: string[], rows: ReportCell[][]): ReportBlock {
  const c = session.m.today.columns;
  const head = [...header, ...new Array<string>(facts - header.length).fill(''), c.card, c.clientId];
  return { id, title, header: head, rows: rows.length > 0 ? rows : [[session.m.today.none]] };
}

function blocks(session: ActionContext, answer: TodayAnswer): ReportBlock[] {
  const t = session.m.today;
  const c = t.columns;
  const name = (text: string | null, id: string) => safeText(text ?? id);
  return [
    block(
      session,
      'about-to-rotate',
      t.aboutToRotate(answer.aboutToRotate.length, answer.warnDays),
      [c.client, c.rotationOn, c.daysLeft, c.keeps],
      answer.aboutToRotate.map((r) =>
        row(session, r.clientId, [
          name(r.name, r.clientId),
          r.dueOn,
          r.daysLeft,
          t.keptBy(formatRoubles(r.keptBy.minDealAmount, session.locale), r.keptBy.dealBefore),
        ]),
      ),
    ),
    block(
      session,
      'reports-due',
      t.reportsDue(answer.reportsDue.length),
      [c.client, c.reportDue, c.status],
      answer.reportsDue.map((r) => row(session, r.clientId, [name(r.name, r.clientId), r.dueDate, r.overdue ? t.overdue : t.open])),
    ),
    block(
      session,
      'follow-ups',
      t.followUps(answer.followUps.length),
      [c.client, c.nextContactOn],
      answer.followUps.map((r) => row(session, r.clientId, [name(r.name, r.clientId), r.nextContactOn])),
    ),
    block(
      session,
      'new-to-me',
      t.newToMe(answer.newToMe.length, newToMeDays),
      [c.client, c.receivedOn, c.how, c.from, c.reportDue],
      answer.newToMe.map((r) =>
        row(session, r.clientId, [
          name(r.name, r.clientId),
          r.receivedOn,
          t.how[r.how],
          r.from ? safeText(r.from.name ?? r.from.id) : '',
          r.reportDueOn ?? '',
        ]),
      ),
    ),
  ];
}

/** The caller's lists, or null from a base that cannot answer them: the My clients load goes on without. */
export function fetchTodayIfServed(): TodayAnswer | null {
  try {
    return fetchToday();
  } catch (e) {
    if (isApiError(e)) return null;
    throw e;
  }
}

/** The My clients load's toast says how many are about to rotate, as Today counts them. */
export function aboutToRotateNote(session: ActionContext, today: TodayAnswer | null): string {
  const n = today?.aboutToRotate.length ?? 0;
  return n > 0 ? ` ${session.m.today.rotatingSoon(n)}` : '';
}

/** Menu: fetch the caller's four lists and rewrite the Today sheet, in a constant number of calls. */
export function showToday(session: ActionContext): void {
  const answer = fetchToday();
  const t = session.m.today;
  const report = { heading: [t.heading(answer.today), t.hint], blocks: blocks(session, answer) };
  const { sheet, placed } = writeReport(session, todaySheet, report, { locked: { description: t.protection } });
  const links = Object.values(placed)
    .filter((p) => p.lastRow >= p.firstRow)
    .map((p) => `${columnLetter(cardColumn)}${p.firstRow}:${columnLetter(cardColumn)}${p.lastRow}`);
  if (links.length > 0) sheet.getRangeList(links).setFontColor(linkColour).setFontLine('underline');
  sheet.hideColumns(idColumn);
  sheet.activate();
}

/** The client of a row of the Today sheet, when the selection is there (undefined elsewhere; an empty id: no client). */
export function todayRowClient(session: ActionContext, row: number): { clientId: string; name: string } | undefined {
  const sheet = findManagedSheet(session.spreadsheet, todaySheet);
  if (!sheet || session.spreadsheet.getActiveSheet().getSheetId() !== sheet.getSheetId()) return undefined;
  const line = row < 1 ? [] : (sheet.getRange(row, 1, 1, idColumn).getValues()[0] ?? []);
  // Only a client's row carries the card link: a heading, a header or "nothing here" opens nothing.
  if (line[cardColumn - 1] !== session.m.today.openCard) return { clientId: '', name: '' };
  return { clientId: String(line[idColumn - 1] ?? '').trim(), name: String(line[0] ?? '') };
}
