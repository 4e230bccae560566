// How actions end for the person: a toast for news, an alert for what needs reading, never a
// stack trace. Sidebar calls answer with data instead of throwing, so the page can show it.
import { explain, isApiError } from '../api/api-error.ts';
import type { FieldIssue } from '../../../functions/src/api/contract.ts';
import { messagesFor, type Messages } from '../messages.ts';
import type { SidebarAnswer, SidebarFailure } from '../page-contract.ts';
import { openSession, type ActionContext } from './session.ts';

/** A refusal the add-on itself words (wrong sheet, nothing selected…), shown as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function toast(session: ActionContext, message: string, seconds = 8): void {
  session.spreadsheet.toast(message, session.m.appName, seconds);
}

export function alert(session: ActionContext, message: string, title?: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title ?? session.m.errors.title, message, ui.ButtonSet.OK);
}

/** The person's words for any failure. */
export function describeFailure(e: unknown, m: Messages, email: string): string {
  if (e instanceof UserError) return e.message;
  if (isApiError(e)) return explain(e, m, { email });
  return m.errors.unexpected(String((e as Error)?.message ?? e));
}

/** Runs a menu action; any failure becomes an alert in the person's words (and the log keeps the rest). */
export function runMenuAction(action: (session: ActionContext) => void): void {
  let session: ActionContext | undefined;
  try {
    session = openSession();
    action(session);
  } catch (e) {
    console.error(e);
    const m = session?.m ?? messagesFor('en');
    const message = describeFailure(e, m, session?.email ?? '');
    if (session) alert(session, message);
    else SpreadsheetApp.getUi().alert(message);
  }
}

export type { SidebarAnswer, SidebarFailure };

/** Field errors keyed by form field: `proof.formId` → `formId`, `changes.name` → `name`. */
export function fieldErrorMap(errors: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key =
      e.path
        .replace(/^(changes|proof)\./, '')
        .replace(/\[\d+\]$/, '')
        .split('.')
        .pop() || '(form)';
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}

/** Runs a sidebar call: success data, or the message and the per-field errors for the form. */
export function runSidebarCall<T extends object>(call: (session: ActionContext) => T): SidebarAnswer<T> {
  let session: ActionContext | undefined;
  try {
    session = openSession();
    return { ok: true, ...call(session) };
  } catch (e) {
    console.error(e);
    const m = session?.m ?? messagesFor('en');
    const fieldErrors =
      isApiError(e) && e.kind === 'invalid-input' ? fieldErrorMap(e.fieldErrors) : e instanceof FormError ? e.fieldErrors : {};
    const message =
      e instanceof FormError
        ? m.sidebar.fixErrors
        : isApiError(e) && e.kind === 'invalid-input' && Object.keys(fieldErrors).length > 0
          ? m.sidebar.fixErrors
          : describeFailure(e, m, session?.email ?? '');
    return { ok: false, message, fieldErrors };
  }
}

/**
 * An admin action the base refused as a conflict with its state (a month not ended yet, a run being
 * planned elsewhere): its own words say what, where the generic wording would talk about a client.
 */
export function withBaseRefusal<T>(session: ActionContext, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (isApiError(e) && e.kind === 'conflict' && e.problem?.detail) throw new UserError(session.m.admin.refused(e.problem.detail));
    throw e;
  }
}

/** A form the add-on refused before sending, with the message for each field. */
export class FormError extends Error {
  readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super(
      Object.entries(fieldErrors)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    );
    this.name = 'FormError';
    this.fieldErrors = fieldErrors;
  }
}
