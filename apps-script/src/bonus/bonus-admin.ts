// The head of sales' bonuses: compute a month (a job the dialog follows), every manager's totals on
// the "Statements" sheet with each manager's lines a click away, and closing a month after a
// confirmation. A closed month's sheet is protected and says so; corrections made later appear as
// adjustment lines in the next open month.
import { monthOf } from './month.ts';
import { closeBonusMonth, computeBonusMonth, fetchClientNames, fetchMonthStatements, fetchTeam } from '../api/admin-api.ts';
import { fetchStatement } from '../api/staff-api.ts';
import type { MonthStatements } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import type { JobStartAnswer, MonthAnswer } from '../page-contract.ts';
import { moneyFormat as money, roublesCell } from '../money.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { writeReport, type Report } from '../sheet/report-sheet.ts';
import { alert, runSidebarCall, toast, UserError, withBaseRefusal } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import { showDialog } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';
import { previousMonth, statementSheet, statementWidth } from './statement-rows.ts';

export const statementsSheet = { id: 'statements', title: (m: Messages) => m.admin.sheets.statements };
export const statementLinesSheet = { id: 'statement-lines', title: (m: Messages) => m.admin.sheets.statementLines };
const monthProperty = 'clientbase.statements.month';

function parseMonth(session: ActionContext, text: string): string {
  const month = monthOf(String(text ?? ''));
  if (month === null) throw new UserError(session.m.bonus.badMonth(String(text ?? '')));
  return month;
}

function when(session: ActionContext, iso: string | null): string {
  return iso ? Utilities.formatDate(new Date(iso), session.timeZone, 'yyyy-MM-dd HH:mm') : '';
}

export function statementsReport(
  s: MonthStatements,
  m: Messages,
  names: (id: string | null) => string,
  at: (iso: string | null) => string,
): Report {
  const b = m.admin.bonus;
  return {
    heading: [
      s.closed ? b.headingClosed(s.month, at(s.closedAt), names(s.closedBy)) : b.headingOpen(s.month),
      b.computed(at(s.computedAt), names(s.computedBy), s.rulesVersion ?? 0),
      b.drillDown,
    ],
    blocks: [
      {
        id: 'totals',
        header: b.totalsHeader,
        rows: [[roublesCell(s.totals.payable), roublesCell(s.totals.pending), roublesCell(s.totals.cancelled), s.statements.length]],
        formats: [money, money, money, '0'],
      },
      {
        id: 'statements',
        header: b.columns,
        rows: s.statements.map((x) => [
          x.name,
          x.managerId,
          x.level,
          roublesCell(x.totals.payable),
          roublesCell(x.totals.pending),
          roublesCell(x.totals.cancelled),
          roublesCell(x.adjustments),
          x.lines,
        ]),
        formats: [null, null, '0', money, money, money, money, '0'],
      },
    ],
  };
}

/** The Statements sheet for a month; closed months are locked and marked. Answers the month's figures, or null when never computed. */
function showStatements(session: ActionContext, month: string): MonthStatements | null {
  const statements = fetchMonthStatements(month);
  if (!statements) return null;
  const names = new Map(fetchTeam().map((t) => [t.id, t.name]));
  const name = (id: string | null) => (id === null ? '' : (names.get(id) ?? id));
  withDocumentLock(session, () => {
    const report = statementsReport(statements, session.m, name, (iso) => when(session, iso));
    const locked = statements.closed ? { locked: { description: session.m.admin.bonus.lockedDescription(month) }, tint: '#eeeeee' } : {};
    const { sheet } = writeReport(session, statementsSheet, report, locked);
    sheet.setColumnWidth(1, 200);
    sheet.activate();
    PropertiesService.getDocumentProperties().setProperty(monthProperty, month);
  });
  return statements;
}

/** Menu: the bonus dialog (month, compute with progress, show, close). */
export function openBonuses(session: ActionContext): void {
  fetchTeam();
  showDialog(
    session,
    'BonusMonth',
    session.m.admin.bonus.title,
    { admin: session.m.admin.pages, month: previousMonth(session.today) },
    { width: 480, height: 420 },
  );
}

function monthAnswer(session: ActionContext, month: string, s: MonthStatements | null) {
  if (!s) throw new UserError(session.m.admin.bonus.notComputed(month));
  return {
    month,
    closed: s.closed,
    managers: s.statements.length,
    text: session.m.admin.bonus.shown(month, s.statements.length, s.closed),
  };
}

/** google.script.run: computing a month starts a job (a closed month is only read). */
export function bonusCompute(month: string): JobStartAnswer {
  return runSidebarCall((session) => ({ jobId: withBaseRefusal(session, () => computeBonusMonth(parseMonth(session, month))).jobId }));
}

/** google.script.run: the month's statements onto the Statements sheet. */
export function bonusShow(month: string): MonthAnswer {
  return runSidebarCall((session) => {
    const m = parseMonth(session, month);
    return monthAnswer(session, m, showStatements(session, m));
  });
}

/** google.script.run: closes the month (the page asked for the confirmation) and shows it locked. */
export function bonusClose(month: string): MonthAnswer {
  return runSidebarCall((session) => {
    const m = parseMonth(session, month);
    withBaseRefusal(session, () => closeBonusMonth(m));
    return monthAnswer(session, m, showStatements(session, m));
  });
}

/** Menu: every line of the statement of the manager on the selected row of the Statements sheet. */
export function showStatementLines(session: ActionContext): void {
  const { m } = session;
  const month = PropertiesService.getDocumentProperties().getProperty(monthProperty);
  const sheet = session.spreadsheet.getActiveSheet();
  const row = session.spreadsheet.getActiveRange()?.getRow() ?? 0;
  const isStatements = findManagedSheet(session.spreadsheet, statementsSheet)?.getSheetId() === sheet.getSheetId();
  // The manager id column of the statements table, whose header says where the table starts.
  const ids = isStatements
    ? sheet
        .getRange(1, 2, Math.max(sheet.getLastRow(), 1), 1)
        .getValues()
        .map((r) => String(r[0] ?? '').trim())
    : [];
  const headerRow = ids.indexOf(m.admin.bonus.columns[1]!) + 1;
  const managerId = headerRow > 0 && row > headerRow ? (ids[row - 1] ?? '') : '';
  if (!month || managerId === '') throw new UserError(m.admin.bonus.selectManager);
  const answer = fetchStatement(month, managerId);
  if (!answer) {
    alert(session, m.bonus.noStatement(month));
    return;
  }
  const { statement } = answer;
  const names = new Map(
    [...fetchClientNames(statement.lines.flatMap((l) => (l.clientId ? [l.clientId] : [])))].map(([id, c]) => [id, c.name]),
  );
  const team = new Map(fetchTeam().map((t) => [t.id, t.name]));
  const view = statementSheet(answer, names, m, session.locale);
  withDocumentLock(session, () => {
    const { sheet: lines } = writeReport(session, statementLinesSheet, {
      heading: [`${view.heading}: ${team.get(managerId) ?? managerId}`],
      blocks: [
        {
          id: 'totals',
          header: view.totals.map(([label]) => label),
          rows: [view.totals.map(([, amount]) => amount)],
          formats: view.totals.map(() => money),
        },
        { id: 'lines', header: view.header, rows: view.rows, formats: [null, null, null, '0.00%', money] },
      ],
    });
    lines.setColumnWidth(8, 360);
    lines.hideColumns(statementWidth);
    lines.activate();
  });
  toast(session, m.bonus.shown(month, statement.lines.length));
}
