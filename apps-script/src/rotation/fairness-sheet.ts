// The head of sales asks "is rotation fair": one sheet, a line per manager, from the base's report.
import type { RotationFairness } from '../../../functions/src/api/contract.ts';
import { fetchRotationFairness } from '../api/admin-api.ts';
import type { Messages } from '../messages.ts';
import { roublesCell } from '../money.ts';
import { writeReport, type Report } from '../sheet/report-sheet.ts';
import { toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';

export const fairnessSheet = { id: 'rotation-fairness', title: (m: Messages) => m.admin.fairness.sheet };

const count = '0';
const money = '#,##0.00 "₽"';

/** Two days typed in any way that separates them; empty: the year up to today. Null when it is not a period. */
export function fairnessPeriod(typed: string, today: string): { from: string; to: string } | null {
  const text = typed.trim();
  if (text === '') {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    return { from: new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10), to: today };
  }
  const days = text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  if (days.length !== 2 || text.replace(/\d{4}-\d{2}-\d{2}/g, '').replace(/[\s.,;:–—-]|to|по|с|from/gi, '') !== '') return null;
  return { from: days[0]!, to: days[1]! };
}

export function fairnessReport(report: RotationFairness, m: Messages): Report {
  const f = m.admin.fairness;
  const open = report.managers.reduce((n, r) => n + r.dealsAfter.received.open, 0);
  return {
    heading: [f.heading(report.from, report.to, report.runs), f.explain(report.months), ...(open > 0 ? [f.open(open, report.months)] : [])],
    blocks: [
      {
        id: 'managers',
        header: f.columns,
        rows: report.managers.map((r) => [
          r.name ?? r.managerId,
          r.managerId,
          r.given.regular,
          r.given.large,
          r.received.regular,
          r.received.large,
          r.received.topUps,
          r.dealsAfter.received.withDeal,
          r.dealsAfter.received.deals,
          roublesCell(r.dealsAfter.received.profit),
          r.dealsAfter.given.withDeal,
          r.dealsAfter.given.deals,
          roublesCell(r.dealsAfter.given.profit),
          r.firstTouch.touched,
          r.firstTouch.medianDays,
          r.firstTouch.byDeadline,
          r.firstTouch.shareByDeadline,
        ]),
        formats: [null, null, count, count, count, count, count, count, count, money, count, count, money, count, '0.0', count, '0%'],
      },
    ],
  };
}

/** Menu: ask for the period, write the Rotation fairness sheet. */
export function showRotationFairness(session: ActionContext): void {
  const f = session.m.admin.fairness;
  const ui = SpreadsheetApp.getUi();
  const asked = ui.prompt(f.promptTitle, f.askPeriod, ui.ButtonSet.OK_CANCEL);
  if (asked.getSelectedButton() !== ui.Button.OK) return;
  const period = fairnessPeriod(asked.getResponseText(), session.today);
  if (period === null) throw new UserError(f.badPeriod(asked.getResponseText().trim()));
  const report = fetchRotationFairness(period.from, period.to);
  withDocumentLock(session, () => {
    const { sheet } = writeReport(session, fairnessSheet, fairnessReport(report, session.m), { freezeHeader: true });
    sheet.setColumnWidth(1, 180);
    sheet.activate();
  });
  toast(session, f.shown(report.managers.length));
}
