// What the head of sales watches: handover reports past their day, by manager, and the audit log,
// newest first, a page at a time.
import { fetchAuditPage, fetchAuditVerify, fetchOverdueReports, fetchTeam } from '../api/admin-api.ts';
import type { AuditEntry, AuditPage, AuditVerifyAnswer, OverdueReport } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { findManagedSheet } from '../sheet/managed-sheet.ts';
import { writeReport, type Report } from '../sheet/report-sheet.ts';
import { toast, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';

export const overdueSheet = { id: 'overdue-reports', title: (m: Messages) => m.admin.sheets.overdue };
export const auditSheet = { id: 'audit', title: (m: Messages) => m.admin.sheets.audit };
const auditCursorProperty = 'clientbase.audit.cursor';
const auditPage = 500;

export function overdueReport(report: OverdueReport, m: Messages): Report {
  const o = m.admin.overdue;
  const reasons = m.transferReasons as Record<string, string>;
  return {
    heading: [o.heading(report.asOf, report.tasks.length)],
    blocks: [
      {
        id: 'byManager',
        title: o.byManager,
        header: o.managerColumns,
        rows: report.byManager.map((b) => [b.name, b.managerId, b.count, b.oldestDueDate]),
        formats: [null, null, '0'],
      },
      {
        id: 'tasks',
        title: o.tasks,
        header: o.taskColumns,
        rows: report.tasks.map((t) => [
          t.managerName,
          t.clientName ?? t.clientId,
          t.clientId,
          t.dueDate,
          t.daysOverdue,
          t.fromName ?? '',
          reasons[t.reason] ?? t.reason,
        ]),
        formats: [null, null, null, null, '0'],
      },
    ],
  };
}

/** Menu: the Overdue reports sheet. */
export function showOverdueReports(session: ActionContext): void {
  const report = fetchOverdueReports();
  withDocumentLock(session, () => {
    const { sheet } = writeReport(session, overdueSheet, overdueReport(report, session.m));
    sheet.setColumnWidth(1, 180);
    sheet.setColumnWidth(2, 200);
    sheet.activate();
  });
  toast(session, session.m.admin.overdue.shown(report.tasks.length, report.byManager.length));
}

export function auditRows(
  entries: readonly AuditEntry[],
  names: ReadonlyMap<string, string>,
  when: (iso: string) => string,
): Array<Array<string>> {
  return entries.map((e) => [
    when(e.at),
    names.get(e.actor) ?? e.actor,
    e.action,
    e.outcome,
    e.target ?? '',
    e.details ? JSON.stringify(e.details) : '',
  ]);
}

function auditWhen(session: ActionContext): (iso: string) => string {
  return (iso) => Utilities.formatDate(new Date(iso), session.timeZone, 'yyyy-MM-dd HH:mm:ss');
}

/**
 * The Audit sheet's report: the page's alerts first (when any), the entries, and what the hash
 * chain check found (each problem naming its entry) under them.
 */
export function auditReport(
  page: AuditPage,
  verified: AuditVerifyAnswer,
  names: ReadonlyMap<string, string>,
  when: (iso: string) => string,
  m: Messages,
): Report {
  const a = m.admin.audit;
  const alerts = page.entries.filter((e) => e.alert === true);
  const problems = verified.problems.map((p, i) => [verified.lines[i] ?? p.kind, 'id' in p ? p.id : (p.nextId ?? '')]);
  return {
    heading: [
      a.heading(page.entries.length, page.nextCursor !== null),
      verified.ok ? a.chainHolds(verified.entries) : a.chainBroken(verified.problems.length),
    ],
    blocks: [
      ...(alerts.length > 0 ? [{ id: 'alerts', title: a.alerts, header: a.columns, rows: auditRows(alerts, names, when) }] : []),
      { id: 'entries', header: a.columns, rows: auditRows(page.entries, names, when) },
      ...(problems.length > 0 ? [{ id: 'problems', title: a.problems, header: a.problemColumns, rows: problems }] : []),
    ],
  };
}

/** Menu: the Audit sheet from the newest entry, one page, with the hash chains checked. */
export function showAuditLog(session: ActionContext): void {
  const page = fetchAuditPage(null, auditPage);
  const verified = fetchAuditVerify();
  const names = new Map(fetchTeam().map((t) => [t.id, t.name]));
  const a = session.m.admin.audit;
  withDocumentLock(session, () => {
    const { sheet } = writeReport(session, auditSheet, auditReport(page, verified, names, auditWhen(session), session.m), {
      freezeHeader: true,
    });
    sheet.setColumnWidth(6, 420);
    sheet.activate();
    setCursor(page.nextCursor);
  });
  toast(session, verified.ok ? a.shown(page.entries.length) : a.chainBroken(verified.problems.length));
}

function setCursor(cursor: string | null): void {
  const props = PropertiesService.getDocumentProperties();
  if (cursor === null) props.deleteProperty(auditCursorProperty);
  else props.setProperty(auditCursorProperty, cursor);
}

/** Menu: the next page of older entries, appended below the ones on the sheet. */
export function showOlderAudit(session: ActionContext): void {
  const a = session.m.admin.audit;
  const cursor = PropertiesService.getDocumentProperties().getProperty(auditCursorProperty);
  if (!cursor) throw new UserError(a.noOlder);
  const page = fetchAuditPage(cursor, auditPage);
  const names = new Map(fetchTeam().map((t) => [t.id, t.name]));
  withDocumentLock(session, () => {
    const rows = auditRows(page.entries, names, auditWhen(session));
    const sheet = findManagedSheet(session.spreadsheet, auditSheet);
    if (!sheet) throw new UserError(a.noOlder);
    const first = sheet.getLastRow() + 1;
    if (rows.length > 0) {
      if (sheet.getMaxRows() < first + rows.length - 1)
        sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - 1 - sheet.getMaxRows());
      const range = sheet.getRange(first, 1, rows.length, rows[0]!.length);
      range.setNumberFormat('@');
      range.setValues(rows);
    }
    setCursor(page.nextCursor);
  });
  toast(session, page.nextCursor === null ? a.allShown(page.entries.length) : a.shown(page.entries.length));
}
