// What every action needs from the open spreadsheet: the person's language, the time zone that
// turns Date cells into days, and who is signed in. Read fresh on every call: nothing is cached
// between executions.
import { localeOf, messagesFor, type Locale, type Messages } from '../messages.ts';
import type { DayFormatter } from '../sheet/cell-values.ts';

export type ActionContext = {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  locale: Locale;
  m: Messages;
  timeZone: string;
  formatDay: DayFormatter;
  today: string;
  email: string;
};

export function openSession(): ActionContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const locale = localeOf(spreadsheet.getSpreadsheetLocale());
  const timeZone = spreadsheet.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  const formatDay: DayFormatter = (date) => Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
  return {
    spreadsheet,
    locale,
    m: messagesFor(locale),
    timeZone,
    formatDay,
    today: formatDay(new Date()),
    email: (Session.getActiveUser().getEmail() || '').toLowerCase(),
  };
}

/**
 * The language for the menu, which is built before the add-on may read the document
 * (AuthMode.NONE): the spreadsheet's locale when allowed, else the person's own.
 */
export function menuMessages(): Messages {
  try {
    return messagesFor(localeOf(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()));
  } catch {
    try {
      return messagesFor(localeOf(Session.getActiveUserLocale()));
    } catch {
      return messagesFor('en');
    }
  }
}
