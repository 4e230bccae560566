// The head of sales' "Disputes" sheet: the open disputes, loaded in one write; a decision typed in
// place (accept with the amount to pay, or reject with the reason) and sent: the sheet is read once,
// the decisions go together, and the sheet is loaded again. And a closed month's payroll as a sheet.
import type { ListedDispute } from '../../../functions/src/api/contract.ts';
import { fetchClientNames, fetchTeam } from '../api/admin-api.ts';
import { fetchOpenDisputes, fetchPayroll, resolveDisputes } from '../api/dispute-api.ts';
import type { Messages } from '../messages.ts';
import { moneyFormat as money, parseRoubles, roublesCell } from '../money.ts';
import type { MonthAnswer } from '../page-contract.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { writeReport } from '../sheet/report-sheet.ts';
import { alert, runSidebarCall, toast, UserError, withBaseRefusal } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { monthOf } from './month.ts';

const disputesSheet = { id: 'disputes', title: (m: Messages) => m.disputes.sheet };
const payrollSheet = { id: 'payroll', title: (m: Messages) => m.disputes.payroll };

/** Decision, Amount and Why rejected: the columns the head of sales types in (1-based). */
const decisionColumn = 10;

function names(ids: string[]): { team: Map<string, string>; clients: Map<string, string> } {
  const team = new Map(fetchTeam().map((t) => [t.id, t.name]));
  const clients = new Map([...fetchClientNames(ids)].map(([id, c]) => [id, c.name]));
  return { team, clients };
}

function writeDisputes(session: ActionContext, disputes: ListedDispute[], days: number): void {
  const { m } = session;
  const { team, clients } = names(disputes.flatMap((d) => (d.clientId ? [d.clientId] : [])));
  withDocumentLock(session, () => {
    const { sheet, placed } = writeReport(session, disputesSheet, {
      heading: [m.disputes.heading(disputes.length, days)],
      blocks: [
        {
          id: 'disputes',
          header: m.disputes.adminColumns,
          rows: disputes.map((d) => [
            d.id,
            d.openedOn,
            team.get(d.managerId) ?? d.managerId,
            d.month,
            d.lineId ?? '',
            d.clientId === null ? '' : (clients.get(d.clientId) ?? d.clientId),
            m.disputes.reasons[d.reason],
            d.text,
            d.overdue ? m.disputes.overdue : '',
            '',
            '',
            '',
          ]),
          formats: [null, null, null, null, null, null, null, null, null, null, money],
        },
      ],
    });
    const p = placed.disputes!;
    if (p.lastRow >= p.firstRow) {
      const typed = sheet.getRange(p.firstRow, decisionColumn, p.lastRow - p.firstRow + 1, 3);
      const choices = [m.disputes.decisions.accepted, m.disputes.decisions.rejected];
      sheet
        .getRange(p.firstRow, decisionColumn, p.lastRow - p.firstRow + 1, 1)
        .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(choices, true).setAllowInvalid(true).build());
      sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]?.setUnprotectedRanges([typed]);
    }
    sheet.setColumnWidth(8, 300);
    sheet.activate();
  });
}

/** Menu: the open disputes onto the Disputes sheet. */
export function loadDisputes(session: ActionContext): void {
  const answer = fetchOpenDisputes();
  writeDisputes(session, answer.disputes, answer.disputeDays);
  toast(session, session.m.disputes.heading(answer.disputes.length, answer.disputeDays).split('.')[0]!);
}

type Decision = { id: string; body: { decision: 'accepted'; amount: number } | { decision: 'rejected'; reason: string } };

/** The decisions typed on the sheet, or the problems of the rows that cannot be sent. Pure. */
export function decisionsOf(values: unknown[][], m: Messages): { decisions: Decision[]; problems: string[] } {
  const d = m.disputes;
  const headerRow = values.findIndex((r) => String(r[0] ?? '') === d.adminColumns[0]);
  const decisions: Decision[] = [];
  const problems: string[] = [];
  values.forEach((r, i) => {
    const id = String(r[0] ?? '').trim();
    const typed = String(r[decisionColumn - 1] ?? '')
      .trim()
      .toLowerCase();
    if (headerRow < 0 || i <= headerRow || id === '' || typed === '') return;
    const row = i + 1;
    if (typed === d.decisions.accepted) {
      const parsed = parseRoubles(String(r[decisionColumn] ?? ''));
      if (!parsed.ok || parsed.kopecks <= 0)
        problems.push(d.problem(row, parsed.ok ? d.needAmount : parsed.problem === 'empty' ? d.needAmount : m.form.money[parsed.problem]));
      else decisions.push({ id, body: { decision: 'accepted', amount: parsed.kopecks } });
    } else if (typed === d.decisions.rejected) {
      const reason = String(r[decisionColumn + 1] ?? '').trim();
      if (reason === '') problems.push(d.problem(row, d.needReason));
      else decisions.push({ id, body: { decision: 'rejected', reason } });
    } else problems.push(d.problem(row, d.badDecision(typed)));
  });
  return { decisions, problems };
}

/** Menu: the rows with a decision go to the base, then the sheet shows what is still open. */
export function sendDisputeDecisions(session: ActionContext): void {
  const { m } = session;
  const sheet = findManagedSheet(session.spreadsheet, disputesSheet);
  if (!sheet) throw new UserError(m.disputes.noSheet);
  const { decisions, problems } = decisionsOf(sheet.getDataRange().getValues(), m);
  if (problems.length > 0) {
    alert(session, `${m.disputes.notSent}\n${problems.join('\n')}`);
    return;
  }
  if (decisions.length === 0) {
    toast(session, m.disputes.nothingDecided);
    return;
  }
  const results = resolveDisputes(decisions);
  const refused = results.flatMap((r, i) => ('dispute' in r ? [] : [`${decisions[i]!.id}: ${r.problem?.detail ?? r.message}`]));
  const answer = fetchOpenDisputes();
  writeDisputes(session, answer.disputes, answer.disputeDays);
  const text = m.disputes.decided(decisions.length - refused.length, refused);
  if (refused.length > 0) alert(session, text);
  else toast(session, text);
}

/** google.script.run from the bonus dialog: the closed month's payroll, managers and every payable line, on the Payroll sheet. */
export function bonusPayroll(month: string): MonthAnswer {
  return runSidebarCall((session) => {
    const { m } = session;
    const chosen = monthOf(String(month ?? ''));
    if (chosen === null) throw new UserError(m.bonus.badMonth(String(month ?? '')));
    const file = withBaseRefusal(session, () => fetchPayroll(chosen, false));
    const lines = fetchPayroll(chosen, true);
    const rows = file.kind === 'managers' ? file.rows : [];
    const kinds = m.lineKinds as Record<string, string>;
    withDocumentLock(session, () => {
      writeReport(session, payrollSheet, {
        heading: [m.disputes.payrollHeading(chosen)],
        blocks: [
          {
            id: 'managers',
            header: m.disputes.payrollColumns,
            rows: rows.map((r) => [
              r.name,
              r.managerId,
              r.email,
              roublesCell(r.payable),
              r.lines,
              roublesCell(r.adjustments),
              r.acceptedDisputes,
              r.acknowledged ? m.disputes.yes : m.disputes.no,
            ]),
            formats: [null, null, null, money, '0', money, '0'],
          },
          {
            id: 'lines',
            title: m.disputes.payrollLinesTitle,
            header: m.disputes.payrollLineColumns,
            rows: (lines.kind === 'lines' ? lines.lines : []).map(({ managerId, line }) => [
              managerId,
              line.id,
              kinds[line.kind] ?? line.kind,
              line.clientId ?? '',
              line.dealId ?? '',
              roublesCell(line.amount),
              line.note,
            ]),
            formats: [null, null, null, null, null, money],
          },
        ],
      }).sheet.activate();
    });
    return { month: chosen, closed: true, managers: rows.length, text: m.disputes.payrollShown(chosen, rows.length) };
  });
}
