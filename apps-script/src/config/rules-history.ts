// "Rules history": every published version with who and when, and what differs between it and
// the rules in force, so "who changed my rate" has an answer.
import { fetchRulesHistory } from '../api/admin-api.ts';
import type { RulesHistoryPage } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { writeReport, type Report } from '../sheet/report-sheet.ts';
import { toast } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { describeChange } from './config-versions.ts';

export const rulesHistorySheet = { id: 'rules-history', title: (m: Messages) => m.admin.sheets.rulesHistory };

export function rulesHistoryReport(page: RulesHistoryPage, m: Messages, when: (iso: string | null) => string): Report {
  const h = m.admin.history;
  const rows = page.versions.map((v) => [
    v.version,
    when(v.publishedAt),
    v.publishedByName ?? '',
    v.version === page.currentVersion ? h.inForce : v.changes.length === 0 ? h.same : v.changes.map((c) => describeChange(c, m)).join('\n'),
  ]);
  return {
    heading: [h.heading(page.currentVersion), ...(page.nextCursor !== null ? [h.more(page.versions.length)] : [])],
    blocks: [{ id: 'versions', header: h.columns, rows, formats: ['0'] }],
  };
}

/** Menu: the Rules history sheet, newest version first. */
export function showRulesHistory(session: ActionContext): void {
  const page = fetchRulesHistory();
  const when = (iso: string | null) =>
    iso ? Utilities.formatDate(new Date(iso), session.timeZone, 'yyyy-MM-dd HH:mm') : session.m.admin.history.defaults;
  withDocumentLock(session, () => {
    const { sheet } = writeReport(session, rulesHistorySheet, rulesHistoryReport(page, session.m, when), { freezeHeader: true });
    sheet.setColumnWidth(4, 520);
    sheet.activate();
  });
  toast(session, session.m.admin.history.shown(page.versions.length));
}
