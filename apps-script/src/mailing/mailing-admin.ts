// The head of sales' mailing export: choose the channel and the list in a sidebar; the list
// (consented contacts only, or the web sign-ups still to confirm, nobody listed again within the
// cadence) goes to a new sheet and can be downloaded as CSV from the sidebar. The base audit-logs every export.
import { exportMailingList, fetchRules } from '../api/admin-api.ts';
import type { MailingExport, MailingListKind } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import type { MailingAnswer } from '../page-contract.ts';
import { writeReport, type Report } from '../sheet/report-sheet.ts';
import { runSidebarCall, UserError } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';

/** Menu: the mailing sidebar, with the cadences in force (an admin-only read: a manager is refused here). */
export function openMailing(session: ActionContext): void {
  const { rules } = fetchRules();
  showSidebar(session, 'Mailing', session.m.admin.mailing.title, {
    admin: session.m.admin.pages,
    cadence: { sms: rules.mailing.smsCadenceDays, email: rules.mailing.emailCadenceDays },
  });
}

export function mailingReport(list: MailingExport, channel: 'sms' | 'email', stamp: string, m: Messages): Report {
  const x = m.admin.mailing;
  const name = m.consentChannels[channel];
  if (list.kind === 'confirmation')
    return {
      heading: [x.confirmHeading(name, stamp, list.count), x.confirmCap, x.cadence(list.cadenceDays), x.exportId(list.exportId)],
      blocks: [{ id: 'contacts', header: x.confirmColumns, rows: list.rows.map((r) => [r.name, r.clientId, r.address, r.confirmUrl]) }],
    };
  return {
    heading: [x.heading(name, stamp, list.count), x.cadence(list.cadenceDays), x.exportId(list.exportId)],
    blocks: [{ id: 'contacts', header: x.columns, rows: list.rows.map((r) => [r.name, r.clientId, r.address, r.unsubscribeUrl]) }],
  };
}

/**
 * google.script.run: exports the list of a channel (the mailing list, or the confirmation requests
 * to web sign-ups) to a new sheet and hands the CSV to the sidebar.
 */
export function mailingExport(channel: string, kind: string = 'mailing'): MailingAnswer {
  return runSidebarCall((session) => {
    if (channel !== 'sms' && channel !== 'email') throw new UserError(session.m.admin.mailing.chooseChannel);
    if (kind !== 'mailing' && kind !== 'confirmation') throw new UserError(session.m.admin.mailing.chooseList);
    const listKind: MailingListKind = kind;
    const list = exportMailingList(channel, listKind);
    const stamp = Utilities.formatDate(new Date(), session.timeZone, 'yyyy-MM-dd HH:mm');
    const x = session.m.admin.mailing;
    // An empty sheet would read as a list that went wrong; nobody found is said in words instead.
    if (list.count === 0) {
      const name = session.m.consentChannels[channel];
      const text = (listKind === 'confirmation' ? x.confirmNobody : x.nobody)(name, list.cadenceDays);
      return { count: 0, cadenceDays: list.cadenceDays, sheet: '', csv: '', fileName: '', text };
    }
    const title = (m: Messages) => {
      const named = listKind === 'confirmation' ? m.admin.sheets.confirmations : m.admin.sheets.mailing;
      return named(m.consentChannels[channel], stamp);
    };
    const spec = { id: `mailing-${list.exportId}`, title };
    const sheet = withDocumentLock(session, () => {
      const { sheet } = writeReport(session, spec, mailingReport(list, channel, stamp, session.m), { freezeHeader: true });
      sheet.activate();
      return sheet.getName();
    });
    const text = (listKind === 'confirmation' ? x.confirmDone : x.done)(list.count, sheet, list.cadenceDays);
    const prefix = listKind === 'confirmation' ? 'confirm-' : '';
    return {
      count: list.count,
      cadenceDays: list.cadenceDays,
      sheet,
      csv: list.csv,
      fileName: `${prefix}${channel}-${stamp.replace(/[^0-9]/g, '')}.csv`,
      text,
    };
  });
}
