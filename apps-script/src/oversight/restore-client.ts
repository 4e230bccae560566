// The head of sales undoes a wipe: a client's fields put back from its history in one action.
import { restoreClientFromHistory } from '../api/admin-api.ts';
import { alert, UserError } from '../workspace/feedback.ts';
import type { ActionContext } from '../workspace/session.ts';

const dayTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;
const entryId = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * What the head of sales typed as the point to restore to: a day and time in the session's time
 * zone (sent with its offset, so the base reads the same instant), a day alone (its start), or a history entry id.
 */
export function restorePoint(typed: string, timeZone: string): { at: string } | { historyEntryId: string } | null {
  const text = typed.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00` : text;
  const m = dayTime.exec(day);
  if (m) {
    const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
    const [h, mi] = m[2]!.split(':').map(Number) as [number, number];
    const offset = Utilities.formatDate(new Date(Date.UTC(y, mo - 1, d, h, mi)), timeZone, 'XXX');
    return { at: `${m[1]}T${m[2]}:00${offset}` };
  }
  return entryId.test(text) && !/^\d{4}-/.test(text) ? { historyEntryId: text } : null;
}

/** Menu: ask for the client and the point, restore, say what came back. */
export function restoreClientFromMenu(session: ActionContext): void {
  const r = session.m.admin.restore;
  const ui = SpreadsheetApp.getUi();
  const client = ui.prompt(r.promptTitle, r.askClient, ui.ButtonSet.OK_CANCEL);
  if (client.getSelectedButton() !== ui.Button.OK) return;
  const clientId = client.getResponseText().trim();
  if (clientId === '') return;
  const asked = ui.prompt(r.promptTitle, r.askPoint, ui.ButtonSet.OK_CANCEL);
  if (asked.getSelectedButton() !== ui.Button.OK) return;
  const point = restorePoint(asked.getResponseText(), session.timeZone);
  if (point === null) throw new UserError(r.badPoint(asked.getResponseText().trim()));
  const answer = restoreClientFromHistory(clientId, point);
  alert(session, answer.changed.length === 0 ? r.nothing(clientId) : r.restored(clientId, answer.changed, answer.undone.length));
}
